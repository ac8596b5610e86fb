import { AuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createTemplateAction,
  parseRepoUrl,
  ScaffolderService,
} from '@backstage/plugin-scaffolder-node';
import { describeGithubError } from '../github/describeGithubError';
import { GithubOctokitFactory } from '../github/GithubOctokitFactory';
import { parseRepoContentsUrl } from '../github/parseRepoContentsUrl';
import {
  checkCatalogInfoOwner,
  parseCatalogInfo,
} from '../guardrails/checkCatalogInfoOwner';
import { checkCreatedByTask } from '../guardrails/checkCreatedByTask';
import { readRunningTask } from '../guardrails/readRunningTask';
import { guardrailsOverridePermission } from '../permissions';
import { examples } from './registerCreatedRepository.examples';

/** The only file this action registers, at the root of the default branch. */
export const CATALOG_INFO_FILE = 'catalog-info.yaml';

/** A larger catalog-info.yaml is refused before it is parsed. */
const MAX_CATALOG_INFO_BYTES = 512 * 1024;

function isConflict(error: unknown): boolean {
  const e = error as { name?: string; cause?: { name?: string } };
  return e?.name === 'ConflictError' || e?.cause?.name === 'ConflictError';
}

/** Which repository a `repoUrl` answer names, or a reason it names none. */
function repoNamedByAnswer(
  repoUrl: unknown,
  integrations: ScmIntegrationRegistry,
): string | undefined {
  if (typeof repoUrl !== 'string') {
    return undefined;
  }
  try {
    const parsed = parseRepoUrl(repoUrl, integrations);
    return parsed.owner
      ? `${parsed.host}/${parsed.owner}/${parsed.repo}`.toLowerCase()
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates the `mlgp:catalog:register-created-repository` action: registers
 * `<repoContentsUrl>/catalog-info.yaml` — the root of the default branch of
 * the GitHub repository the running task's `publish:github` step created —
 * as a `url` location, with the scaffolder's own service credentials (so it
 * works for users who may not register locations themselves).
 *
 * It refuses, with an InputError naming the field, a URL that is not on a
 * configured GitHub integration host or not the root of the default branch,
 * and any `catalogInfoPath` other than `catalog-info.yaml`. It refuses, with
 * a NotAllowedError, a repository the task did not create (GitHub's
 * `created_at` earlier than the task, or not the one the task's `repoUrl`
 * answer names) and a catalog-info.yaml with an entity not owned by the
 * task's `owner` answer — unless the initiator is allowed
 * `ml-golden-paths.guardrails.override`.
 */
export function createRegisterCreatedRepositoryAction(options: {
  integrations: ScmIntegrationRegistry;
  catalog: CatalogService;
  auth: AuthService;
  octokitFactory: GithubOctokitFactory;
  permissions: PermissionsService;
  tasks: Pick<ScaffolderService, 'getTask'>;
}) {
  const { integrations, catalog, auth, octokitFactory, permissions, tasks } =
    options;
  return createTemplateAction({
    id: 'mlgp:catalog:register-created-repository',
    description:
      "Registers catalog-info.yaml at the root of the GitHub repository the same task created, with the scaffolder's own credentials. Refuses other files, repositories and hosts, and entities not owned by the task's owner answer, unless the initiator may override.",
    examples,
    schema: {
      input: {
        repoContentsUrl: z =>
          z.string({
            description:
              'The repoContentsUrl output of publish:github in the same task (https://<host>/<owner>/<repo>/blob/<default branch>)',
          }),
        catalogInfoPath: z =>
          z
            .string({
              description:
                'Only catalog-info.yaml (or /catalog-info.yaml) is accepted; kept for the shape of catalog:register',
            })
            .optional(),
      },
      output: {
        entityRef: z =>
          z.string({
            description:
              'The main registered entity: the ai-model resource, else the first',
          }),
        catalogInfoUrl: z =>
          z.string({ description: 'The URL registered as a location' }),
      },
    },
    async handler(ctx) {
      const { repoContentsUrl, catalogInfoPath } = ctx.input;
      if (
        catalogInfoPath !== undefined &&
        catalogInfoPath !== CATALOG_INFO_FILE &&
        catalogInfoPath !== `/${CATALOG_INFO_FILE}`
      ) {
        throw new InputError(
          `catalogInfoPath: only ${CATALOG_INFO_FILE} at the root of the repository may be registered, not '${catalogInfoPath}'`,
        );
      }
      const root = parseRepoContentsUrl(repoContentsUrl, integrations);
      const slug = `${root.owner}/${root.repo}`;
      const catalogInfoUrl = `${root.url}/${CATALOG_INFO_FILE}`;
      const file = `${CATALOG_INFO_FILE} of ${slug}`;

      const client = await octokitFactory.forRepository(root);
      const repoRef = { owner: root.owner, repo: root.repo };
      const repository = await describeGithubCall(
        () => client.octokit.rest.repos.get(repoRef),
        `read repository ${slug}`,
        'Metadata: read',
        client.secrets,
      );
      if (repository.full_name.toLowerCase() !== slug.toLowerCase()) {
        throw new InputError(
          `repoContentsUrl: ${slug} is now ${repository.full_name} on GitHub (renamed or moved); use the URL of the repository this task created`,
        );
      }
      if (root.branch !== repository.default_branch) {
        throw new InputError(
          `repoContentsUrl: '${repoContentsUrl}' must be the root of the default branch '${repository.default_branch}' of ${slug}, not '${root.branch}'`,
        );
      }
      const content = await describeGithubCall(
        () =>
          client.octokit.rest.repos.getContent({
            ...repoRef,
            path: CATALOG_INFO_FILE,
            ref: repository.default_branch,
          }),
        `read ${CATALOG_INFO_FILE} from ${slug}`,
        'Contents: read',
        client.secrets,
      );
      if (
        Array.isArray(content) ||
        content.type !== 'file' ||
        !('content' in content) ||
        content.encoding !== 'base64'
      ) {
        throw new InputError(
          `repoContentsUrl: ${CATALOG_INFO_FILE} at the root of ${slug} is not a regular file`,
        );
      }
      if (content.size > MAX_CATALOG_INFO_BYTES) {
        throw new InputError(
          `repoContentsUrl: ${file} has ${content.size} bytes, more than ${MAX_CATALOG_INFO_BYTES}`,
        );
      }
      const catalogInfo = parseCatalogInfo(
        Buffer.from(content.content, 'base64').toString('utf8'),
        file,
      );

      const credentials = await ctx.getInitiatorCredentials();
      const task = await readRunningTask(tasks, ctx.task.id, credentials);
      const answered = repoNamedByAnswer(
        task.parameters?.repoUrl,
        integrations,
      );
      const refusals = [
        checkCreatedByTask({
          slug,
          repoCreatedAt: repository.created_at ?? undefined,
          taskCreatedAt: task.createdAt,
        }),
        answered === `${root.host}/${slug}`.toLowerCase()
          ? undefined
          : `the task's repoUrl answer names ${
              answered ?? 'no GitHub repository'
            }, not ${root.host}/${slug}`,
        ...checkCatalogInfoOwner({
          file,
          catalogInfo,
          ownerAnswer: task.parameters?.owner,
        }),
      ].filter((reason): reason is string => Boolean(reason));
      if (refusals.length > 0) {
        const [decision] = await permissions.authorize(
          [{ permission: guardrailsOverridePermission }],
          { credentials },
        );
        if (decision.result !== AuthorizeResult.ALLOW) {
          throw new NotAllowedError(
            `Refusing to register ${catalogInfoUrl}: ${refusals.join(
              '; ',
            )}. Only someone allowed '${
              guardrailsOverridePermission.name
            }' (portal admins) may register this repository.`,
          );
        }
        ctx.logger.warn(
          `Registering ${catalogInfoUrl} under '${
            guardrailsOverridePermission.name
          }' despite: ${refusals.join('; ')}`,
        );
      }

      ctx.output('catalogInfoUrl', catalogInfoUrl);
      ctx.output('entityRef', catalogInfo.mainEntityRef);
      await ctx.checkpoint({
        key: `mlgp.register-created-repository.v1.${catalogInfoUrl}`,
        fn: async () => {
          try {
            await catalog.addLocation(
              { type: 'url', target: catalogInfoUrl },
              { credentials: await auth.getOwnServiceCredentials() },
            );
            ctx.logger.info(
              `Registered ${catalogInfoUrl} in the catalog (${catalogInfo.entities
                .map(entity => entity.ref)
                .join(', ')})`,
            );
          } catch (error) {
            if (!isConflict(error)) {
              throw error;
            }
            ctx.logger.info(`${catalogInfoUrl} was already registered`);
          }
        },
      });
    },
  });
}

async function describeGithubCall<T>(
  fn: () => Promise<{ data: T }>,
  operation: string,
  permission: string,
  secrets: string[],
): Promise<T> {
  try {
    return (await fn()).data;
  } catch (error) {
    throw describeGithubError(
      error,
      { operation, permission, input: 'repoContentsUrl' },
      secrets,
    );
  }
}
