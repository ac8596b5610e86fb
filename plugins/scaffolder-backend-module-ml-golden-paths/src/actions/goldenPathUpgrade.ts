import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import { GithubOctokitFactory } from '../github/GithubOctokitFactory';
import { parseGithubRepoUrl } from '../github/parseGithubRepoUrl';
import { resolveCodeOwners } from '../github/resolveCodeOwners';
import { LocalGitRepositories } from '../localGit/LocalGitRepositories';
import { LocalGitConfig } from '../localGit/readLocalGitConfig';
import { GoldenPathReleases } from '../upgrade/releases';
import { StepOutputProvider } from '../upgrade/renderGoldenPath';
import { upgradeGithubRepository } from '../upgrade/upgradeGithubRepository';
import {
  upgradeLocalRepository,
  UpgradeResult,
} from '../upgrade/upgradeLocalRepository';
import { examples } from './goldenPathUpgrade.examples';

/**
 * Creates the `mlgp:golden-path:upgrade` action: upgrades a repository
 * created from a golden path to a newer release with a three-way merge
 * whose base is the old release re-rendered with the repository's recorded
 * answers. `preview: true` (or a dry run) lists what would happen to each
 * file and writes nothing. Otherwise the change lands as the branch
 * `golden-path/upgrade-<version>` (local git) or a pull request (GitHub),
 * closing any older open upgrade. Conflicts fail the action, naming the
 * files, after the branch or pull request is written.
 */
export function createGoldenPathUpgradeAction(options: {
  releases: () => Promise<GoldenPathReleases>;
  neverTouch: string[];
  integrations: ScmIntegrations;
  catalog: CatalogService;
  octokitFactory: GithubOctokitFactory;
  repositories: LocalGitRepositories;
  localGit: LocalGitConfig;
}) {
  return createTemplateAction({
    id: 'mlgp:golden-path:upgrade',
    description:
      'Upgrades a golden-path repository to a newer golden-path release (three-way merge against the old release re-rendered with the recorded answers); previews per file, lands as a branch (local git) or a pull request (GitHub), closes the older upgrade, and fails on conflicts',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        destination: z =>
          z.enum(['local', 'github'], {
            description: 'Where the repository lives',
          }),
        name: z =>
          z
            .string({ description: 'Local-git repository name (local)' })
            .optional(),
        repoUrl: z =>
          z
            .string({
              description:
                'GitHub repository, github.com?owner=<org>&repo=<name> (github)',
            })
            .optional(),
        targetVersion: z =>
          z
            .string({
              description: 'Release to upgrade to (default: the newest)',
            })
            .optional(),
        answers: z =>
          z
            .record(z.string(), z.any(), {
              description:
                'Answers to the questions the newer release adds (never defaulted)',
            })
            .optional(),
        neverTouch: z =>
          z
            .array(z.string(), {
              description:
                'Repository paths or patterns the upgrade must not write, in addition to mlGoldenPaths.upgrade.neverTouch',
            })
            .max(200)
            .optional(),
        preview: z =>
          z
            .boolean({
              description: 'Only list what would happen to each file',
            })
            .optional(),
      },
      output: {
        template: z => z.string(),
        fromVersion: z => z.string(),
        toVersion: z => z.string(),
        files: z =>
          z.array(
            z.object({
              path: z.string(),
              action: z.string(),
              reason: z.string(),
            }),
            { description: 'What happens (happened) to each file' },
          ),
        conflicts: z =>
          z.array(z.string(), { description: 'Files with conflict markers' }),
        hasConflicts: z => z.boolean(),
        missingAnswers: z =>
          z.array(
            z.object({
              name: z.string(),
              title: z.string().optional(),
              suggested: z.any().optional(),
            }),
          ),
        changes: z =>
          z.array(z.object({ version: z.string(), text: z.string() }), {
            description: 'Changelog entries the upgrade brings',
          }),
        branch: z => z.string().optional(),
        pullRequestUrl: z => z.string().optional(),
        superseded: z =>
          z.array(z.string(), {
            description: 'Older upgrades closed by this one',
          }),
      },
    },
    async handler(ctx) {
      const { destination, name, repoUrl } = ctx.input;
      const preview = ctx.input.preview === true || ctx.isDryRun === true;
      if (destination === 'local' && !name) {
        throw new InputError('name: required for destination local');
      }
      if (destination === 'github' && !repoUrl) {
        throw new InputError('repoUrl: required for destination github');
      }
      const credentials = await ctx.getInitiatorCredentials();
      const repositoryOwner =
        destination === 'github'
          ? parseGithubRepoUrl(repoUrl!, options.integrations).owner
          : undefined;
      const stepOutputs: StepOutputProvider = async ({ action, input }) => {
        if (action !== 'mlgp:github:code-owners') return undefined;
        return resolveCodeOwners({
          catalog: options.catalog,
          credentials,
          owner: String(input.owner),
          approvers: String(input.approvers),
          repositoryOwner,
        });
      };
      const workDir = await fs.mkdtemp(
        path.join(os.tmpdir(), 'golden-path-upgrade-'),
      );
      let result: UpgradeResult;
      try {
        const request = {
          releases: await options.releases(),
          integrations: options.integrations,
          targetVersion: ctx.input.targetVersion,
          answers: ctx.input.answers as JsonObject | undefined,
          neverTouch: [...options.neverTouch, ...(ctx.input.neverTouch ?? [])],
          stepOutputs,
          preview,
          workDir,
        };
        result =
          destination === 'local'
            ? await upgradeLocalRepository({
                ...request,
                repositories: options.repositories,
                config: options.localGit,
                name: name!,
              })
            : await upgradeGithubRepository({
                ...request,
                repoUrl: repoUrl!,
                octokitFactory: options.octokitFactory,
              });
      } finally {
        await fs.rm(workDir, { recursive: true, force: true });
      }
      const files = (result.plan?.files ?? []).map(f => ({
        path: f.path,
        action: f.action,
        reason: f.reason,
      }));
      const conflicts = result.plan?.conflicted ?? [];
      ctx.output('template', result.template);
      ctx.output('fromVersion', result.fromVersion);
      ctx.output('toVersion', result.toVersion);
      ctx.output('files', files);
      ctx.output('conflicts', conflicts);
      ctx.output('hasConflicts', conflicts.length > 0);
      ctx.output(
        'missingAnswers',
        result.missingAnswers.map(m => ({
          name: m.name,
          title: m.title,
          suggested: m.suggested,
        })),
      );
      ctx.output(
        'changes',
        result.changes.flatMap(r =>
          r.changes.map(c => ({ version: r.version, text: c.text })),
        ),
      );
      if (result.branch) ctx.output('branch', result.branch);
      if (result.pullRequestUrl) {
        ctx.output('pullRequestUrl', result.pullRequestUrl);
      }
      ctx.output('superseded', result.superseded);

      const heading = `${result.template} ${result.fromVersion} -> ${result.toVersion}`;
      if (preview) {
        ctx.logger.info(`Preview of the golden-path upgrade ${heading}:`);
        for (const m of result.missingAnswers) {
          ctx.logger.warn(
            `  question without an answer: ${m.name} (${m.title ?? ''}); give answers.${m.name}`,
          );
        }
        for (const f of files) {
          if (f.action !== 'untouched') {
            ctx.logger.info(`  ${f.action}: ${f.path} (${f.reason})`);
          }
        }
        return;
      }
      const where = result.pullRequestUrl ?? `branch ${result.branch}`;
      for (const old of result.superseded) {
        ctx.logger.info(`Closed the older upgrade ${old}`);
      }
      if (conflicts.length > 0) {
        throw new Error(
          `golden-path upgrade ${heading} has conflicts in ${conflicts.length} file(s): ${conflicts.join(
            ', ',
          )}; written to ${where} with conflict markers — resolve them before merging`,
        );
      }
      ctx.logger.info(`Golden-path upgrade ${heading} is ready: ${where}`);
    },
  });
}
