import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  AuthService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { LocalGitRepositories } from '../localGit/LocalGitRepositories';
import { readEntityRefFromCatalogInfo } from '../localGit/readEntityRefFromCatalogInfo';
import { registerLocalCheckout } from '../localGit/registerLocalCheckout';
import { waitForEntity } from '../localGit/waitForEntity';
import { examples } from './localGitPublish.examples';

/**
 * Creates the `mlgp:local-git:publish` action: the offline destination of
 * the golden paths. Pushes the workspace to a new bare repository under
 * `mlGoldenPaths.localGit.root`, checks it out next to it and makes the
 * catalog read the checkout's `catalog-info.yaml`, so the new model appears
 * in the portal without any SCM host. Outputs `entityRef` for the template's
 * links; the template must not call `catalog:register` afterwards.
 */
export function createLocalGitPublishAction(options: {
  repositories: LocalGitRepositories;
  catalog: CatalogService;
  auth: AuthService;
  config: Config;
  registrationWaitSeconds: number;
}) {
  const { repositories, catalog, auth, config, registrationWaitSeconds } =
    options;
  return createTemplateAction({
    id: 'mlgp:local-git:publish',
    description:
      'Publishes the workspace to a new git repository on the backend host (no SCM needed) and registers its catalog-info.yaml in the catalog',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string({
            description:
              'Repository name: lower-case letters, digits and dashes; becomes <root>/<name>.git',
          }),
        description: z =>
          z
            .string({ description: 'One-line description of the repository' })
            .max(500)
            .optional(),
        sourcePath: z =>
          z
            .string({
              description:
                'Workspace sub-folder to publish (defaults to the whole workspace)',
            })
            .optional(),
        catalogInfoPath: z =>
          z
            .string({
              description:
                'Path of the catalog file inside the published folder (defaults to catalog-info.yaml)',
            })
            .optional(),
      },
      output: {
        remoteUrl: z =>
          z.string({ description: 'file:// URL of the new bare repository' }),
        catalogInfoUrl: z =>
          z.string({
            description:
              'file:// URL of catalog-info.yaml in the checkout the catalog reads',
          }),
        entityRef: z => z.string({ description: 'The registered main entity' }),
        commitHash: z =>
          z.string({ description: 'The initial commit' }).optional(),
      },
    },
    async handler(ctx) {
      const repository = repositories.locate(ctx.input.name);
      const sourceDir = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
      );
      const catalogInfoRelative =
        ctx.input.catalogInfoPath ?? 'catalog-info.yaml';
      if (path.isAbsolute(catalogInfoRelative)) {
        throw new InputError(
          `catalogInfoPath: '${catalogInfoRelative}' must be relative to the published folder`,
        );
      }
      const entityRef = await readEntityRefFromCatalogInfo(
        resolveSafeChildPath(sourceDir, catalogInfoRelative),
        'catalogInfoPath',
      );
      const catalogInfoPath = resolveSafeChildPath(
        repository.checkoutDir,
        catalogInfoRelative,
      );
      ctx.output('remoteUrl', repository.remoteUrl);
      ctx.output('catalogInfoUrl', pathToFileURL(catalogInfoPath).href);
      ctx.output('entityRef', entityRef);

      if (ctx.isDryRun) {
        await repositories.assertAbsent(repository);
        ctx.logger.info(
          `Dry run: would publish to ${repository.remoteUrl} and register ${entityRef}`,
        );
        return;
      }

      const { commitHash } = await ctx.checkpoint({
        key: `mlgp.local-git.v1.${repository.name}.publish`,
        fn: async () => {
          const gitDir = path.join(
            await ctx.createTemporaryDirectory(),
            'publish.git',
          );
          const published = await repositories.publish({
            repository,
            sourceDir,
            gitDir,
            commitMessage:
              config.getOptionalString('scaffolder.defaultCommitMessage') ??
              'Initial commit',
          });
          if (ctx.input.description) {
            await fs.writeFile(
              path.join(repository.bareDir, 'description'),
              `${ctx.input.description.replace(/\s+/g, ' ').trim()}\n`,
            );
          }
          return published;
        },
      });
      ctx.output('commitHash', commitHash);
      ctx.logger.info(`Pushed commit ${commitHash} to ${repository.remoteUrl}`);

      await ctx.checkpoint({
        key: `mlgp.local-git.v1.${repository.name}.register`,
        fn: async () => {
          await registerLocalCheckout({
            catalog,
            auth,
            config,
            root: repositories.root,
            catalogInfoPath,
            logger: ctx.logger,
          });
        },
      });
      const found = await waitForEntity({
        catalog,
        auth,
        entityRef,
        timeoutMs: registrationWaitSeconds * 1000,
        signal: ctx.signal,
      });
      ctx.logger.info(
        found
          ? `${entityRef} is in the catalog`
          : `${entityRef} is registered; the catalog will show it after its next processing round`,
      );
    },
  });
}
