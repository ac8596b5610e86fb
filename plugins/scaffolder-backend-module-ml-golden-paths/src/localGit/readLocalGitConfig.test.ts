import { ConfigReader } from '@backstage/config';
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
