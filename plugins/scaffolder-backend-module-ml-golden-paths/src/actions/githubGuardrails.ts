import { PermissionsService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createTemplateAction,
  ScaffolderService,
} from '@backstage/plugin-scaffolder-node';
import {
  describeGithubError,
  GithubCallDescription,
} from '../github/describeGithubError';
import {
  GithubOctokitFactory,
  GithubRepoClient,
} from '../github/GithubOctokitFactory';
import { parseGithubRepoUrl } from '../github/parseGithubRepoUrl';
import {
  GroupReviewers,
  resolveGroupReviewers,
} from '../github/resolveGroupReviewers';
import { checkCreatedByTask } from '../guardrails/checkCreatedByTask';
import { readRunningTask } from '../guardrails/readRunningTask';
import {
  branchProtectionSchema,
  environmentSchema,
  findBranchWeakenings,
  findEnvironmentWeakenings,
} from '../guardrails/findWeakenings';
import {
  EnvironmentReviewer,
  plannedBranchProtection,
  plannedProductionEnvironment,
} from '../guardrails/plannedGuardrails';
import { guardrailsOverridePermission } from '../permissions';
import { examples } from './githubGuardrails.examples';

/** GitHub accepts at most this many required reviewers on an environment. */
const MAX_ENVIRONMENT_REVIEWERS = 6;

type Call = <T>(d: GithubCallDescription, fn: () => Promise<T>) => Promise<T>;

function describeReviewers(reviewers: GroupReviewers): string {
  return reviewers.kind === 'team'
    ? `team ${reviewers.org ? `${reviewers.org}/` : ''}${reviewers.slug}`
    : `users ${reviewers.logins.join(', ')}`;
}

/** Runs a GitHub read; a 404 answers `undefined` instead of throwing. */
async function readOptional<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    if ((error as { status?: number }).status === 404) {
      return undefined;
    }
    throw error;
  }
}

/**
 * Creates the `mlgp:github:guardrails` action: protects the default branch
 * (required CI checks, one approving review that must include a code owner,
 * stale approvals dismissed, admins included), creates the `staging`
 * environment when missing, configures `production` with reviewers resolved
 * from a Backstage group and self-review prevented, and enables
 * vulnerability alerts.
 *
 * It refuses a repository the running task did not create (GitHub's
 * `created_at` earlier than the task) and one whose existing protection it
 * would weaken, unless the task's initiator is allowed
 * `ml-golden-paths.guardrails.override`. Safe to re-run within a task.
 */
export function createGithubGuardrailsAction(options: {
  integrations: ScmIntegrationRegistry;
  catalog: CatalogService;
  octokitFactory: GithubOctokitFactory;
  permissions: PermissionsService;
  tasks: Pick<ScaffolderService, 'getTask'>;
}) {
  const { integrations, catalog, octokitFactory, permissions, tasks } = options;
  return createTemplateAction({
    id: 'mlgp:github:guardrails',
    description:
      'Applies the ML golden-path guardrails to a GitHub repository the same task created: branch protection with required checks and a code-owner review, staging and production environments (production needs approval from a Backstage group, no self-review), and vulnerability alerts. Refuses other repositories and protection it would weaken unless the initiator may override.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z.string({
            description:
              'Repository in the form `github.com?owner=<org>&repo=<name>`, as given to publish:github in the same task',
          }),
        requiredChecks: z =>
          z
            .array(z.string().min(1), {
              description:
                'Status check names (CI job names) that must pass before merging into the default branch',
            })
            .min(1),
        productionReviewers: z =>
          z.string({
            description:
              'Group entity ref whose GitHub team (annotation github.com/team-slug) or members (annotation github.com/user-login) approve production deployments',
          }),
        dryRun: z =>
          z
            .boolean({
              description: 'Only log what would be changed on GitHub',
            })
            .optional(),
      },
      output: {
        defaultBranch: z =>
          z.string({ description: 'The branch that was protected' }).optional(),
        productionReviewers: z =>
          z.array(z.string(), {
            description:
              'GitHub logins or team slugs that approve production deployments',
          }),
      },
    },
    async handler(ctx) {
      const { repoUrl, requiredChecks, productionReviewers } = ctx.input;
      const target = parseGithubRepoUrl(repoUrl, integrations);
      const slug = `${target.owner}/${target.repo}`;
      const credentials = await ctx.getInitiatorCredentials();
      const reviewers = await resolveGroupReviewers({
        catalog,
        credentials,
        groupRef: productionReviewers,
      });
      const reviewerNames =
        reviewers.kind === 'team' ? [reviewers.slug] : reviewers.logins;
      if (
        reviewers.kind === 'users' &&
        reviewers.logins.length > MAX_ENVIRONMENT_REVIEWERS
      ) {
        throw new InputError(
          `productionReviewers: group '${reviewers.groupRef}' resolves to ${reviewers.logins.length} GitHub users but an environment accepts at most ${MAX_ENVIRONMENT_REVIEWERS}; annotate the group with github.com/team-slug instead`,
        );
      }
      ctx.output('productionReviewers', reviewerNames);

      if (ctx.isDryRun || ctx.input.dryRun) {
        ctx.logger.info(
          `Dry run: would protect the default branch of ${slug} (checks: ${requiredChecks.join(
            ', ',
          )}; 1 approving review including a code owner), create environments staging and production (reviewers: ${describeReviewers(
            reviewers,
          )}; no self-review) and enable vulnerability alerts`,
        );
        return;
      }

      const client = await octokitFactory.forRepository(target);
      const repoRef = { owner: target.owner, repo: target.repo };
      const call: Call = async (description, fn) => {
        try {
          return await fn();
        } catch (error) {
          throw describeGithubError(error, description, client.secrets);
        }
      };
      const key = (step: string) => `mlgp.guardrails.v2.${slug}.${step}`;

      // What is there today (not checkpointed: re-checked on every run).
      const repository = await call(
        {
          operation: `read repository ${slug}`,
          permission: 'Metadata: read',
          input: 'repoUrl',
        },
        async () => (await client.octokit.rest.repos.get(repoRef)).data,
      );
      const defaultBranch = repository.default_branch;
      ctx.output('defaultBranch', defaultBranch);
      const protection = await call(
        {
          operation: `read the protection of branch ${defaultBranch} of ${slug}`,
          permission: 'Administration: read',
        },
        () =>
          readOptional(
            async () =>
              (
                await client.octokit.rest.repos.getBranchProtection({
                  ...repoRef,
                  branch: defaultBranch,
                })
              ).data,
          ),
      );
      const readEnvironment = (name: string) =>
        call(
          {
            operation: `read environment ${name} of ${slug}`,
            permission: 'Actions: read',
          },
          () =>
            readOptional(
              async () =>
                (
                  await client.octokit.rest.repos.getEnvironment({
                    ...repoRef,
                    environment_name: name,
                  })
                ).data,
            ),
        );
      const staging = await readEnvironment('staging');
      const production = await readEnvironment('production');
      const reviewerIds = await ctx.checkpoint({
        key: key('production-reviewers'),
        fn: () => lookUpReviewers(client, reviewers, call),
      });
      const existingProduction = production
        ? environmentSchema.parse(production)
        : undefined;

      const refusals = [
        checkCreatedByTask({
          slug,
          repoCreatedAt: repository.created_at ?? undefined,
          taskCreatedAt: (
            await readRunningTask(tasks, ctx.task.id, credentials)
          ).createdAt,
        }),
        ...findBranchWeakenings({
          branch: defaultBranch,
          existing: protection
            ? branchProtectionSchema.parse(protection)
            : undefined,
          requiredChecks,
        }),
        ...findEnvironmentWeakenings({
          name: 'production',
          existing: existingProduction,
          reviewers: reviewerIds,
        }),
      ].filter((reason): reason is string => Boolean(reason));
      if (refusals.length > 0) {
        const [decision] = await permissions.authorize(
          [{ permission: guardrailsOverridePermission }],
          { credentials },
        );
        if (decision.result !== AuthorizeResult.ALLOW) {
          throw new NotAllowedError(
            `Refusing to apply guardrails to ${slug}: ${refusals.join(
              '; ',
            )}. Only someone allowed '${
              guardrailsOverridePermission.name
            }' (portal admins) may apply them to this repository.`,
          );
        }
        ctx.logger.warn(
          `Applying guardrails to ${slug} under '${
            guardrailsOverridePermission.name
          }' despite: ${refusals.join('; ')}`,
        );
      }

      await ctx.checkpoint({
        key: key(`branch-protection.${defaultBranch}`),
        fn: () =>
          call(
            {
              operation: `protect branch ${defaultBranch} of ${slug}`,
              permission: 'Administration: write',
              input: 'requiredChecks',
            },
            async () => {
              await client.octokit.rest.repos.updateBranchProtection({
                ...repoRef,
                branch: defaultBranch,
                ...plannedBranchProtection(requiredChecks),
              });
              ctx.logger.info(
                `Protected ${defaultBranch} of ${slug}: checks ${requiredChecks.join(
                  ', ',
                )} and one approving review including a code owner are required`,
              );
            },
          ),
      });

      if (!staging) {
        await ctx.checkpoint({
          key: key('environment.staging'),
          fn: () =>
            call(
              {
                operation: `create environment staging in ${slug}`,
                permission: 'Administration: write',
              },
              async () => {
                await client.octokit.rest.repos.createOrUpdateEnvironment({
                  ...repoRef,
                  environment_name: 'staging',
                });
                ctx.logger.info(`Environment staging is ready in ${slug}`);
              },
            ),
        });
      }

      await ctx.checkpoint({
        key: key('environment.production'),
        fn: () =>
          call(
            {
              operation: `create environment production with required reviewers in ${slug}`,
              permission: 'Administration: write',
              input: 'productionReviewers',
            },
            async () => {
              await client.octokit.rest.repos.createOrUpdateEnvironment({
                ...repoRef,
                environment_name: 'production',
                ...plannedProductionEnvironment(reviewerIds),
                // keep a stricter admin setting than GitHub's default
                ...(existingProduction?.can_admins_bypass === false
                  ? { can_admins_bypass: false }
                  : {}),
              });
              ctx.logger.info(
                `Environment production in ${slug} requires approval from ${describeReviewers(
                  reviewers,
                )}; nobody may approve their own deployment`,
              );
            },
          ),
      });

      await ctx.checkpoint({
        key: key('vulnerability-alerts'),
        fn: () =>
          call(
            {
              operation: `enable vulnerability alerts on ${slug}`,
              permission: 'Administration: write',
            },
            async () => {
              await client.octokit.rest.repos.enableVulnerabilityAlerts(
                repoRef,
              );
              ctx.logger.info(`Vulnerability alerts are enabled on ${slug}`);
            },
          ),
      });
    },
  });
}

async function lookUpReviewers(
  client: GithubRepoClient,
  reviewers: GroupReviewers,
  call: Call,
): Promise<EnvironmentReviewer[]> {
  if (reviewers.kind === 'team') {
    const org = reviewers.org ?? client.owner;
    const team = await call(
      {
        operation: `look up team ${org}/${reviewers.slug} (from the github.com/team-slug annotation of ${reviewers.groupRef})`,
        permission: 'Members: read (organization)',
        input: 'productionReviewers',
      },
      () =>
        client.octokit.rest.teams.getByName({
          org,
          team_slug: reviewers.slug,
        }),
    );
    return [{ type: 'Team', id: team.data.id }];
  }
  const ids: EnvironmentReviewer[] = [];
  for (const login of reviewers.logins) {
    const user = await call(
      {
        operation: `look up GitHub user ${login} (a member of ${reviewers.groupRef})`,
        permission: 'Metadata: read',
        input: 'productionReviewers',
      },
      () => client.octokit.rest.users.getByUsername({ username: login }),
    );
    ids.push({ type: 'User', id: user.data.id });
  }
  return ids;
}
