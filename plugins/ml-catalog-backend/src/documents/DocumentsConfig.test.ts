import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_MAX_DOCUMENT_BYTES,
  readDocumentsConfig,
} from './DocumentsConfig';

describe('readDocumentsConfig', () => {
  it('defaults to the local git checkouts when that root is set', () => {
    expect(
      readDocumentsConfig(
        new ConfigReader({
          mlGoldenPaths: { localGit: { root: '../.git-root' } },
        }),
        '/srv/backend',
      ),
    ).toEqual({
      fileRoots: [path.resolve('/srv/.git-root/checkouts')],
      maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
    });
  });

  it('allows no local roots without configuration', () => {
    expect(readDocumentsConfig(new ConfigReader({})).fileRoots).toEqual([]);
  });

  it('prefers explicit roots and limits', () => {
    expect(
      readDocumentsConfig(
        new ConfigReader({
          mlGoldenPaths: { localGit: { root: 'ignored' } },
          mlCatalog: {
            documents: { fileRoots: ['docs', '/abs'], maxBytes: 10 },
          },
        }),
        '/srv',
      ),
    ).toEqual({ fileRoots: ['/srv/docs', '/abs'], maxBytes: 10 });
  });

  it('names the bad key', () => {
    expect(() =>
      readDocumentsConfig(
        new ConfigReader({ mlCatalog: { documents: { maxBytes: -1 } } }),
      ),
    ).toThrow(
      'Invalid config mlCatalog.documents.maxBytes: must be greater than 0',
    );
  });
});
