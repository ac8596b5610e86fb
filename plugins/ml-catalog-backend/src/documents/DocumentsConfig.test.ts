import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { DEFAULT_LOCAL_GIT_ROOT } from '@ml-golden-paths/plugin-ml-catalog-common';
import {
  DEFAULT_DOCUMENT_CACHE_SECONDS,
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
      cacheSeconds: DEFAULT_DOCUMENT_CACHE_SECONDS,
    });
  });

  it('defaults to the checkouts of the default local git root, the folder the scaffolder module writes', () => {
    const config = new ConfigReader({});
    expect(readDocumentsConfig(config, '/srv/backend').fileRoots).toEqual([
      path.resolve('/srv/backend', DEFAULT_LOCAL_GIT_ROOT, 'checkouts'),
    ]);
    expect(readDocumentsConfig(config, '/srv/backend').fileRoots).toEqual([
      '/srv/backend/.local-git/checkouts',
    ]);
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
    ).toEqual({
      fileRoots: ['/srv/docs', '/abs'],
      maxBytes: 10,
      cacheSeconds: DEFAULT_DOCUMENT_CACHE_SECONDS,
    });
  });

  it('names the bad key', () => {
    expect(() =>
      readDocumentsConfig(
        new ConfigReader({ mlCatalog: { documents: { maxBytes: -1 } } }),
      ),
    ).toThrow(
      'Invalid config mlCatalog.documents.maxBytes: must be greater than 0',
    );
    expect(() =>
      readDocumentsConfig(
        new ConfigReader({ mlCatalog: { documents: { cacheSeconds: -1 } } }),
      ),
    ).toThrow(
      'Invalid config mlCatalog.documents.cacheSeconds: must be 0 (off) or more',
    );
  });
});
