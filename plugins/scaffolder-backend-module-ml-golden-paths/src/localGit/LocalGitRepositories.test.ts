import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { LocalGitRepositories } from './LocalGitRepositories';

const execFileAsync = promisify(execFile);

/**
 * A developer's `git`: unlike the portal's runGit, hooks are NOT switched off,
 * so a push runs the bare repository's post-receive hook as it would for a user.
 */
async function userGit(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('git', args, {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: os.tmpdir(),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'Dev',
      GIT_AUTHOR_EMAIL: 'dev@example.com',
      GIT_COMMITTER_NAME: 'Dev',
      GIT_COMMITTER_EMAIL: 'dev@example.com',
    },
  });
  return stdout.trim();
}

describe('LocalGitRepositories', () => {
  let workDir: string;

  beforeEach(() => {
    // A quote in the root proves the hook quotes the checkout path.
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "mlgp-local-git-o'k-"));
  });

  afterEach(() => {
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  async function publishOne() {
    const repositories = LocalGitRepositories.create({
      root: path.join(workDir, 'root'),
      author: { name: 'Portal', email: 'portal@example.com' },
      defaultBranch: 'main',
    });
    const repository = repositories.locate('fraud-scoring');
    const sourceDir = path.join(workDir, 'source');
    fs.mkdirSync(path.join(sourceDir, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(sourceDir, 'catalog-info.yaml'), 'v: 1\n');
    fs.writeFileSync(path.join(sourceDir, 'docs/model-card.md'), '# Card\n');
    fs.mkdirSync(path.join(workDir, 'scratch-git'));
    await repositories.publish({
      repository,
      sourceDir,
      gitDir: path.join(workDir, 'scratch-git'),
      commitMessage: 'Create from golden path',
    });
    const clone = path.join(workDir, 'clone');
    await userGit(workDir, 'clone', '-q', repository.remoteUrl, clone);
    return { repository, clone };
  }

  it("moves the catalog's checkout to every push to the default branch", async () => {
    const { repository, clone } = await publishOne();
    const checkoutFile = (name: string) =>
      path.join(repository.checkoutDir, name);
    expect(fs.readFileSync(checkoutFile('catalog-info.yaml'), 'utf8')).toBe(
      'v: 1\n',
    );

    fs.writeFileSync(path.join(clone, 'catalog-info.yaml'), 'v: 2\n');
    fs.rmSync(path.join(clone, 'docs/model-card.md'));
    fs.writeFileSync(path.join(clone, 'docs/runbook.md'), '# Runbook\n');
    await userGit(clone, 'add', '--all');
    await userGit(clone, 'commit', '-q', '-m', 'Team change');
    await userGit(clone, 'push', '-q', 'origin', 'main');

    expect(fs.readFileSync(checkoutFile('catalog-info.yaml'), 'utf8')).toBe(
      'v: 2\n',
    );
    expect(fs.existsSync(checkoutFile('docs/model-card.md'))).toBe(false);
    expect(fs.readFileSync(checkoutFile('docs/runbook.md'), 'utf8')).toBe(
      '# Runbook\n',
    );
    expect(await userGit(repository.checkoutDir, 'rev-parse', 'HEAD')).toBe(
      await userGit(clone, 'rev-parse', 'HEAD'),
    );
  });

  it('leaves the checkout alone for pushes to other branches', async () => {
    const { repository, clone } = await publishOne();
    await userGit(clone, 'checkout', '-q', '-b', 'upgrade');
    fs.writeFileSync(path.join(clone, 'catalog-info.yaml'), 'v: branch\n');
    await userGit(clone, 'commit', '-q', '-am', 'On a branch');
    await userGit(clone, 'push', '-q', 'origin', 'upgrade');
    expect(
      fs.readFileSync(
        path.join(repository.checkoutDir, 'catalog-info.yaml'),
        'utf8',
      ),
    ).toBe('v: 1\n');
  });
});
