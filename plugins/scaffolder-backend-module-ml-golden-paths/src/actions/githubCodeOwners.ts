import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseGithubRepoUrl } from '../github/parseGithubRepoUrl';
import { resolveCodeOwners } from '../github/resolveCodeOwners';
import { examples } from './githubCodeOwners.examples';

/**
 * Creates the `mlgp:github:code-owners` action: resolves the CODEOWNERS
 * handles of the owner and approvers groups from their
 * `github.com/team-slug` annotations (the approvers exactly as
 * `mlgp:github:guardrails` resolves production reviewers), so CODEOWNERS
 * names the GitHub teams that branch protection and the production
 * environment use. Fails, naming the input, when the owner group of a GitHub
 * repository has no team.
 */
export function createGithubCodeOwnersAction(options: {
  integrations: ScmIntegrationRegistry;
  catalog: CatalogService;
}) {
  const { integrations, catalog } = options;
  return createTemplateAction({
    id: 'mlgp:github:code-owners',
    description:
      "Resolves CODEOWNERS handles (@org/team) for the owner and approvers groups from their github.com/team-slug annotations, the same way mlgp:github:guardrails resolves production reviewers; fails when a GitHub repository's owner group has no team.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        owner: z =>
          z.string({
            description:
              'Group entity ref of the owning team (needs github.com/team-slug for a GitHub repository)',
          }),
        approvers: z =>
          z.string({
            description:
              'Group entity ref of the production approvers (the productionReviewers of mlgp:github:guardrails)',
          }),
        repoUrl: z =>
          z
            .string({
              description:
                'The GitHub repository (`github.com?owner=<org>&repo=<name>`); empty or absent for a repository outside GitHub',
            })
            .optional(),
      },
      output: {
        ownerHandle: z =>
          z.string({ description: 'CODEOWNERS handle of the owner group' }),
        approversHandles: z =>
          z.string({
            description:
              'Space-separated CODEOWNERS handles of the production approvers',
          }),
      },
    },
    async handler(ctx) {
      const { owner, approvers, repoUrl } = ctx.input;
      const target = repoUrl
        ? parseGithubRepoUrl(repoUrl, integrations)
        : undefined;
      const handles = await resolveCodeOwners({
        catalog,
        credentials: await ctx.getInitiatorCredentials(),
        owner,
        approvers,
        repositoryOwner: target?.owner,
      });
      ctx.logger.info(
        `Code owners: ${handles.ownerHandle}; production approvers: ${handles.approversHandles}`,
      );
      ctx.output('ownerHandle', handles.ownerHandle);
      ctx.output('approversHandles', handles.approversHandles);
    },
  });
}
