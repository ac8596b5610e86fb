import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { GithubOctokitFactory } from '../github/GithubOctokitFactory';
import { parseGithubRepoUrl } from '../github/parseGithubRepoUrl';
import {
  assertAnswered,
  UpgradeRequest,
  UpgradeResult,
} from './upgradeLocalRepository';
import { prepareUpgrade } from './prepareUpgrade';
import {
  UPGRADE_BRANCH_PREFIX,
  upgradeBody,
  upgradeBranch,
  upgradeTitle,
} from './upgradeMessage';

const execFileAsync = promisify(execFile);

/** Labels every upgrade pull request carries; conflicts add the second. */
export const UPGRADE_LABELS = {
  upgrade: 'golden-path-upgrade',
  conflicts: 'golden-path-conflicts',
};

/**
 * Upgrades a GitHub repository through the one octokit factory: reads the
 * default branch's tree (tarball), prepares the upgrade, and (unless
 * previewing) commits the changed files onto `golden-path/upgrade-<version>`
 * with the git data API and opens a pull request (title starts with
 * `[CONFLICTS]` and the `golden-path-conflicts` label is added when there
 * are conflicts). One open upgrade per repository: every other open pull
 * request from a `golden-path/upgrade-*` branch gets a comment naming the
 * new one, is closed and its branch deleted.
 */
export async function upgradeGithubRepository(
  request: UpgradeRequest & {
    repoUrl: string;
    integrations: ScmIntegrationRegistry;
    octokitFactory: GithubOctokitFactory;
  },
): Promise<UpgradeResult> {
  const target = parseGithubRepoUrl(request.repoUrl, request.integrations);
  const { octokit } = await request.octokitFactory.forRepository(target);
  const { owner, repo } = target;
  const { data: repository } = await octokit.rest.repos.get({ owner, repo });
  const base = repository.default_branch;
  const { data: head } = await octokit.rest.git.getRef({
    owner,
    repo,
    ref: `heads/${base}`,
  });
  const headSha = head.object.sha;

  const clone = path.join(request.workDir, 'repository');
  await fs.mkdir(clone, { recursive: true });
  const archive = path.join(request.workDir, 'repository.tar.gz');
  const { data: tarball } = await octokit.rest.repos.downloadTarballArchive({
    owner,
    repo,
    ref: headSha,
  });
  await fs.writeFile(archive, Buffer.from(tarball as ArrayBuffer));
  await execFileAsync(
    'tar',
    ['-xzf', archive, '-C', clone, '--strip-components=1', '--no-same-owner'],
    { timeout: 120_000 },
  );

  const prepared = await prepareUpgrade({
    ...request,
    repoDir: clone,
    workDir: await fs.mkdtemp(path.join(request.workDir, 'render-')),
  });
  const result: UpgradeResult = { ...prepared, superseded: [] };
  if (request.preview) return result;
  assertAnswered(prepared);
  const plan = prepared.plan!;
  const branch = upgradeBranch(prepared.toVersion);

  const open = (
    await octokit.paginate(octokit.rest.pulls.list, {
      owner,
      repo,
      state: 'open',
      per_page: 100,
    })
  ).filter(
    pull =>
      pull.head.ref.startsWith(UPGRADE_BRANCH_PREFIX) &&
      pull.head.repo?.full_name === repository.full_name,
  );
  const older = open.filter(pull => pull.head.ref !== branch);
  const same = open.find(pull => pull.head.ref === branch);
  const superseded = older.map(pull => pull.html_url);

  const { data: headCommit } = await octokit.rest.git.getCommit({
    owner,
    repo,
    commit_sha: headSha,
  });
  const tree = [];
  for (const file of plan.files) {
    if (file.content === undefined) continue;
    if (file.content === null) {
      tree.push({
        path: file.path,
        mode: '100644' as const,
        type: 'blob' as const,
        sha: null,
      });
      continue;
    }
    const { data: blob } = await octokit.rest.git.createBlob({
      owner,
      repo,
      content: file.content.toString('base64'),
      encoding: 'base64',
    });
    tree.push({
      path: file.path,
      mode: (file.mode !== undefined && file.mode & 0o111
        ? '100755'
        : '100644') as '100755' | '100644',
      type: 'blob' as const,
      sha: blob.sha,
    });
  }
  const { data: newTree } = await octokit.rest.git.createTree({
    owner,
    repo,
    base_tree: headCommit.tree.sha,
    tree,
  });
  const title = upgradeTitle(prepared, plan);
  const body = upgradeBody(prepared, plan, superseded);
  const { data: commit } = await octokit.rest.git.createCommit({
    owner,
    repo,
    message: `${title}\n\n${body}`,
    tree: newTree.sha,
    parents: [headSha],
  });
  const exists = await octokit.rest.git
    .getRef({ owner, repo, ref: `heads/${branch}` })
    .then(
      () => true,
      () => false,
    );
  if (exists) {
    await octokit.rest.git.updateRef({
      owner,
      repo,
      ref: `heads/${branch}`,
      sha: commit.sha,
      force: true,
    });
  } else {
    await octokit.rest.git.createRef({
      owner,
      repo,
      ref: `refs/heads/${branch}`,
      sha: commit.sha,
    });
  }
  const pull = same
    ? (
        await octokit.rest.pulls.update({
          owner,
          repo,
          pull_number: same.number,
          title,
          body,
        })
      ).data
    : (
        await octokit.rest.pulls.create({
          owner,
          repo,
          title,
          body,
          head: branch,
          base,
        })
      ).data;
  await octokit.rest.issues.setLabels({
    owner,
    repo,
    issue_number: pull.number,
    labels: plan.conflicted.length
      ? [UPGRADE_LABELS.upgrade, UPGRADE_LABELS.conflicts]
      : [UPGRADE_LABELS.upgrade],
  });
  for (const old of older) {
    await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: old.number,
      body: `Superseded by #${pull.number} (golden path ${prepared.template} ${prepared.fromVersion} → ${prepared.toVersion}); closing this upgrade.`,
    });
    await octokit.rest.pulls.update({
      owner,
      repo,
      pull_number: old.number,
      state: 'closed',
    });
    await octokit.rest.git
      .deleteRef({ owner, repo, ref: `heads/${old.head.ref}` })
      .catch(() => undefined);
  }
  return {
    ...result,
    branch,
    commitHash: commit.sha,
    pullRequestUrl: pull.html_url,
    superseded,
  };
}
