import { ConfigReader } from '@backstage/config';
import path from 'node:path';
import {
  DEFAULT_LOCAL_GIT_ROOT,
  readLocalGitRoot,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { readLocalGitConfig } from './readLocalGitConfig';

describe('readLocalGitConfig', () => {
  it('resolves the default root against the working directory and falls back to the scaffolder author', () => {
    const config = readLocalGitConfig(
      new ConfigReader({
        scaffolder: {
          defaultAuthor: { name: 'Bot', email: 'bot@example.com' },
        },
      }),
      '/srv/portal/packages/backend',
    );
    expect(config).toEqual({
      root: '/srv/portal/packages/backend/.local-git',
      defaultBranch: 'main',
      author: { name: 'Bot', email: 'bot@example.com' },
    });
  });

  it('resolves a relative root the way the demo configures it', () => {
    const config = readLocalGitConfig(
      new ConfigReader({
        mlGoldenPaths: { localGit: { root: '../../.local-git' } },
      }),
      '/srv/portal/packages/backend',
    );
    expect(config.root).toBe('/srv/portal/.local-git');
  });

  it('resolves the root with the helper the ml-catalog backend uses for its document root', () => {
    for (const data of [
      {},
      { mlGoldenPaths: { localGit: { root: '/var/lib/portal/git' } } },
    ]) {
      const reader = new ConfigReader(data);
      expect(readLocalGitConfig(reader, '/srv/b').root).toBe(
        path.resolve('/srv/b', readLocalGitRoot(reader)),
      );
    }
    expect(readLocalGitConfig(new ConfigReader({}), '/srv/b').root).toBe(
      path.resolve('/srv/b', DEFAULT_LOCAL_GIT_ROOT),
    );
  });

  it('names the bad key', () => {
    expect(() =>
      readLocalGitConfig(
        new ConfigReader({
          mlGoldenPaths: { localGit: { author: { email: 'not-an-email' } } },
        }),
      ),
    ).toThrow(/mlGoldenPaths\.localGit\.author\.email/);
    expect(() =>
      readLocalGitConfig(
        new ConfigReader({
          mlGoldenPaths: { localGit: { defaultBranch: '--upload-pack=evil' } },
        }),
      ),
    ).toThrow(/mlGoldenPaths\.localGit\.defaultBranch/);
  });
});
