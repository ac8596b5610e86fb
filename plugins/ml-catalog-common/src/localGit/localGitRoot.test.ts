import { ConfigReader } from '@backstage/config';
import { DEFAULT_LOCAL_GIT_ROOT, readLocalGitRoot } from './localGitRoot';

describe('readLocalGitRoot', () => {
  it('defaults to .local-git', () => {
    expect(readLocalGitRoot(new ConfigReader({}))).toBe(DEFAULT_LOCAL_GIT_ROOT);
    expect(DEFAULT_LOCAL_GIT_ROOT).toBe('.local-git');
  });

  it('returns the configured root as written', () => {
    expect(
      readLocalGitRoot(
        new ConfigReader({
          mlGoldenPaths: { localGit: { root: '../../.local-git' } },
        }),
      ),
    ).toBe('../../.local-git');
  });

  it('names the key of a bad value', () => {
    expect(() =>
      readLocalGitRoot(
        new ConfigReader({ mlGoldenPaths: { localGit: { root: '' } } }),
      ),
    ).toThrow('Invalid config mlGoldenPaths.localGit.root: must not be empty');
    expect(() =>
      readLocalGitRoot(
        new ConfigReader({ mlGoldenPaths: { localGit: { root: 3 } } }),
      ),
    ).toThrow('Invalid config mlGoldenPaths.localGit.root: must be a string');
  });
});
