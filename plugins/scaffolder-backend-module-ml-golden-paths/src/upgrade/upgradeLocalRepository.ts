import fs from 'node:fs/promises';
import path from 'node:path';
import { InputError, NotFoundError } from '@backstage/errors';
import { LocalGitRepositories } from '../localGit/LocalGitRepositories';
import { LocalGitConfig } from '../localGit/readLocalGitConfig';
import { runGit } from '../localGit/runGit';
import { applyPlan } from './planUpgrade';
import { prepareUpgrade, PreparedUpgrade } from './prepareUpgrade';
import {
  UPGRADE_BRANCH_PREFIX,
  upgradeBody,
  upgradeBranch,
  upgradeTitle,
} from './upgradeMessage';

/** Where superseded upgrade branches are kept in a local bare repository. */
export const SUPERSEDED_REF_PREFIX = 'refs/golden-path/superseded/';

/** Options shared by both destinations. */
export type UpgradeRequest = Omit<
  Parameters<typeof prepareUpgrade>[0],
  'repoDir' | 'workDir'
> & {
  /** Plan only: nothing is written or pushed. */
  preview: boolean;
  /** An empty scratch folder. */
  workDir: string;
};

/** The result of an upgrade (or its preview). */
export type UpgradeResult = PreparedUpgrade & {
  branch?: string;
  commitHash?: string;
  pullRequestUrl?: string;
  /** Older upgrades this one closed (branches or pull request URLs). */
  superseded: string[];
};

/** Throws an InputError naming the first unanswered question. */
export function assertAnswered(prepared: PreparedUpgrade) {
  const [first, ...others] = prepared.missingAnswers;
  if (first) {
    throw new InputError(
      `answers.${first.name}: golden path ${prepared.template}@${prepared.toVersion} asks '${
        first.title ?? first.name
      }'${first.suggested !== undefined ? ` (suggested: ${JSON.stringify(first.suggested)})` : ''}; give it in the answers input${
        others.length
          ? `, as well as ${others.map(o => `answers.${o.name}`).join(', ')}`
          : ''
      }`,
    );
  }
}

/**
 * Upgrades a repository of the local-git destination: clones its bare
 * repository, prepares the upgrade, and (unless previewing) commits it on
 * `golden-path/upgrade-<version>` and pushes that branch. One open upgrade
 * per repository: every older `golden-path/upgrade-*` branch is moved to
 * `refs/golden-path/superseded/…` (kept, recorded in the commit) and
 * deleted. The default branch is never written.
 */
export async function upgradeLocalRepository(
  request: UpgradeRequest & {
    repositories: LocalGitRepositories;
    config: LocalGitConfig;
    name: string;
  },
): Promise<UpgradeResult> {
  const { repositories, config, name, workDir } = request;
  const repository = repositories.locate(name);
  const present = await fs
    .stat(path.join(repository.bareDir, 'HEAD'))
    .then(() => true)
    .catch(() => false);
  if (!present) {
    throw new NotFoundError(
      `name: no repository named '${name}' in the local git root`,
    );
  }
  const clone = path.join(workDir, 'repository');
  const git = (args: string[]) =>
    runGit(args, { cwd: clone, author: config.author });
  await runGit(
    [
      'clone',
      '-q',
      '--branch',
      config.defaultBranch,
      repository.remoteUrl,
      clone,
    ],
    { cwd: workDir, author: config.author },
  );
  const prepared = await prepareUpgrade({
    ...request,
    repoDir: clone,
    workDir: await fs.mkdtemp(path.join(workDir, 'render-')),
  });
  const result: UpgradeResult = { ...prepared, superseded: [] };
  if (request.preview) return result;
  assertAnswered(prepared);
  const plan = prepared.plan!;

  const branch = upgradeBranch(prepared.toVersion);
  const heads = await git([
    'ls-remote',
    '--heads',
    'origin',
    `refs/heads/${UPGRADE_BRANCH_PREFIX}*`,
  ]);
  const older = heads
    .split('\n')
    .filter(Boolean)
    .map(line => {
      const [sha, ref] = line.split('\t');
      return { sha, branchName: ref.replace(/^refs\/heads\//, '') };
    });
  const superseded = older.map(o => `${o.branchName}@${o.sha.slice(0, 12)}`);

  await git(['checkout', '-q', '-b', branch]);
  await applyPlan(plan, clone);
  await git(['add', '--all', '--', '.']);
  await git([
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    upgradeTitle(prepared, plan),
    '-m',
    upgradeBody(prepared, plan, superseded),
  ]);
  for (const old of older) {
    // Keep the superseded upgrade reachable, then close it (delete the branch).
    await git([
      'push',
      '-q',
      'origin',
      `${old.sha}:${SUPERSEDED_REF_PREFIX}${old.branchName.slice(
        UPGRADE_BRANCH_PREFIX.length,
      )}-${old.sha.slice(0, 12)}`,
      `:refs/heads/${old.branchName}`,
    ]);
  }
  await git(['push', '-q', 'origin', `HEAD:refs/heads/${branch}`]);
  return {
    ...result,
    branch,
    commitHash: await git(['rev-parse', 'HEAD']),
    superseded,
  };
}
