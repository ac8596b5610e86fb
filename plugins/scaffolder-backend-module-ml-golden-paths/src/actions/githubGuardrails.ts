import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  createTemplateAction,
  parseRepoUrl,
} from '@backstage/plugin-scaffolder-node';
import {
  describeGithubError,
  GithubCallDescription,
} from '../github/describeGithubError';
import {
  GithubOctokitFactory,
  GithubRepoClient,
} from '../github/GithubOctokitFactory';
import {
  GroupReviewers,
  resolveGroupReviewers,
} from '../github/resolveGroupReviewers';
import { examples } from './githubGuardrails.examples';

/** GitHub accepts at most this many required reviewers on an environment. */
const MAX_ENVIRONMENT_REVIEWERS = 6;

type EnvironmentReviewer = { type: 'User' | 'Team'; id: number };

function describeReviewers(reviewers: GroupReviewers): string {
  return reviewers.kind === 'team'
    ? `team ${reviewers.org ? `${reviewers.org}/` : ''}${reviewers.slug}`
    : `users ${reviewers.logins.join(', ')}`;
}

function parseTarget(repoUrl: string, integrations: ScmIntegrationRegistry) {
  let parsed: ReturnType<typeof parseRepoUrl>;
  try {
    parsed = parseRepoUrl(repoUrl, integrations);
  } catch (error) {
    throw new InputError(`repoUrl: ${(error as Error).message}`);
  }
  if (!parsed.owner) {
    throw new InputError(
      `repoUrl: '${repoUrl}' names no owner; expected github.com?owner=<org>&repo=<name>`,
    );
  }
  if (!integrations.github.byHost(parsed.host)) {
    throw new InputError(
      `repoUrl: host '${parsed.host}' is not a configured GitHub integration`,
    );
  }
  return { host: parsed.host, owner: parsed.owner, repo: parsed.repo };
}

function repoParams(target: { owner: string; repo: string }) {
  return { owner: target.owner, repo: target.repo };
}

/**
 * Creates the `mlgp:github:guardrails` action: protects the default branch
 * (required CI checks, one approving review), creates `staging` and
 * `production` environments with production reviewers resolved from a
 * Backstage group, and enables vulnerability alerts. Safe to re-run.
 */
export function createGithubGuardrailsAction(options: {
  integrations: ScmIntegrationRegistry;
  catalog: CatalogService;
  octokitFactory: GithubOctokitFactory;
}) {
  const { integrations, catalog, octokitFactory } = options;
  return createTemplateAction({
    id: 'mlgp:github:guardrails',
    description:
      'Applies the ML golden-path guardrails to a GitHub repository: branch protection with required checks and a review, staging and production environments (production needs approval from a Backstage group), and vulnerability alerts.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z.string({
            description:
              'Repository in the form `github.com?owner=<org>&repo=<name>`, as given to publish:github',
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
      const target = parseTarget(repoUrl, integrations);
      const slug = `${target.owner}/${target.repo}`;
      const reviewers = await resolveGroupReviewers({
        catalog,
        credentials: await ctx.getInitiatorCredentials(),
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
          )}; 1 approving review), create environments staging and production (reviewers: ${describeReviewers(
            reviewers,
          )}) and enable vulnerability alerts`,
        );
        return;
      }

      const client = await octokitFactory.forRepository(target);
      const repoRef = repoParams(target);
      const call = async <T>(
        description: GithubCallDescription,
        fn: () => Promise<T>,
      ): Promise<T> => {
        try {
          return await fn();
        } catch (error) {
          throw describeGithubError(error, description, client.secrets);
        }
      };
      const key = (step: string) => `mlgp.guardrails.v1.${slug}.${step}`;

      const defaultBranch = await ctx.checkpoint({
        key: key('default-branch'),
        fn: () =>
          call(
            {
              operation: `read repository ${slug}`,
              permission: 'Metadata: read',
              input: 'repoUrl',
            },
            async () =>
              (await client.octokit.rest.repos.get(repoRef)).data
                .default_branch,
          ),
      });
      ctx.output('defaultBranch', defaultBranch);

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
                required_status_checks: {
                  strict: true,
                  contexts: requiredChecks,
                },
                enforce_admins: true,
                required_pull_request_reviews: {
                  required_approving_review_count: 1,
                  dismiss_stale_reviews: true,
                },
                restrictions: null,
              });
              ctx.logger.info(
                `Protected ${defaultBranch} of ${slug}: checks ${requiredChecks.join(
                  ', ',
                )} and one approving review are required`,
              );
            },
          ),
      });

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

      const reviewerIds = await ctx.checkpoint({
        key: key('production-reviewers'),
        fn: () => lookUpReviewers(client, reviewers, call),
      });

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
                reviewers: reviewerIds,
                deployment_branch_policy: {
                  protected_branches: true,
                  custom_branch_policies: false,
                },
              });
              ctx.logger.info(
                `Environment production in ${slug} requires approval from ${describeReviewers(
                  reviewers,
                )}`,
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
  call: <T>(d: GithubCallDescription, fn: () => Promise<T>) => Promise<T>,
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
