import fs from 'node:fs';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  scaffolderActionsExtensionPoint,
  scaffolderServiceRef,
} from '@backstage/plugin-scaffolder-node';
import { createGithubCodeOwnersAction } from './actions/githubCodeOwners';
import { createGithubGuardrailsAction } from './actions/githubGuardrails';
import { createGoldenPathUpgradeAction } from './actions/goldenPathUpgrade';
import { createGoldenPathRecordAction } from './actions/goldenPathRecord';
import { createLocalGitPublishAction } from './actions/localGitPublish';
import { createRegisterCreatedRepositoryAction } from './actions/registerCreatedRepository';
import { GithubOctokitFactory } from './github/GithubOctokitFactory';
import { LocalGitRepositories } from './localGit/LocalGitRepositories';
import { readLocalGitConfig } from './localGit/readLocalGitConfig';
import { mlGoldenPathsPermissions } from './permissions';
import { createFleetRouter } from './fleet/createFleetRouter';
import { GoldenPathFleet } from './fleet/GoldenPathFleet';
import { GoldenPathReleases } from './upgrade/releases';
import { readUpgradeConfig } from './upgrade/readUpgradeConfig';

/** Default seconds the local publish waits for the model to show in the catalog. */
const DEFAULT_REGISTRATION_WAIT_SECONDS = 20;

/**
 * Scaffolder module adding the ML golden-path actions:
 * `mlgp:golden-path:record`, `mlgp:github:code-owners`,
 * `mlgp:github:guardrails`, `mlgp:local-git:publish`,
 * `mlgp:catalog:register-created-repository` and
 * `mlgp:golden-path:upgrade`, and the
 * `ml-golden-paths.guardrails.override` permission.
 */
export const scaffolderModuleMlGoldenPaths = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'ml-golden-paths',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        tasks: scaffolderServiceRef,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({
        scaffolder,
        config,
        logger,
        auth,
        catalog,
        permissions,
        permissionsRegistry,
        tasks,
        httpRouter,
        httpAuth,
      }) {
        permissionsRegistry.addPermissions(mlGoldenPathsPermissions);
        const integrations = ScmIntegrations.fromConfig(config);
        const octokitFactory = GithubOctokitFactory.create({
          integrations,
          logger,
        });
        const localGit = readLocalGitConfig(config);
        fs.mkdirSync(localGit.root, { recursive: true });
        logger.info(`Local git destination root is ${localGit.root}`);
        const goldenPathReleases = () =>
          GoldenPathReleases.open(readUpgradeConfig(config).goldenPathsDir);
        httpRouter.use(
          createFleetRouter({
            httpAuth,
            catalog,
            fleet: new GoldenPathFleet({
              releases: goldenPathReleases,
              catalog,
              localGit,
              repositories: LocalGitRepositories.create(localGit),
              integrations,
              octokitFactory,
            }),
          }),
        );
        scaffolder.addActions(
          createGoldenPathRecordAction({ catalog }),
          createGithubCodeOwnersAction({ integrations, catalog }),
          createGithubGuardrailsAction({
            integrations,
            catalog,
            octokitFactory,
            permissions,
            tasks,
          }),
          createLocalGitPublishAction({
            repositories: LocalGitRepositories.create(localGit),
            catalog,
            auth,
            config,
            registrationWaitSeconds:
              config.getOptionalNumber(
                'mlGoldenPaths.localGit.registrationWaitSeconds',
              ) ?? DEFAULT_REGISTRATION_WAIT_SECONDS,
          }),
          createRegisterCreatedRepositoryAction({
            integrations,
            catalog,
            auth,
            octokitFactory,
            permissions,
            tasks,
          }),
          createGoldenPathUpgradeAction({
            releases: goldenPathReleases,
            neverTouch:
              config.getOptionalStringArray(
                'mlGoldenPaths.upgrade.neverTouch',
              ) ?? [],
            integrations,
            catalog,
            octokitFactory,
            repositories: LocalGitRepositories.create(localGit),
            localGit,
          }),
        );
      },
    });
  },
});
