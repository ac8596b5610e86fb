import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readinessCollectorsExtensionPoint } from '@ml-golden-paths/plugin-ml-readiness-node';
import { CatalogTemplateVersions } from '@ml-golden-paths/plugin-ml-readiness-repository-facts';
import { GithubRepositoryCollector } from './GithubRepositoryCollector';

/** Config key of this collector's optional schedule. */
const SCHEDULE_KEY = 'mlGoldenPaths.readinessCollectors.github.schedule';

/** The optional schedule; an InputError naming the key when it is invalid. */
function readSchedule(
  config: RootConfigService,
): SchedulerServiceTaskScheduleDefinition | undefined {
  if (!config.has(SCHEDULE_KEY)) {
    return undefined;
  }
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(
      config.getConfig(SCHEDULE_KEY),
    );
  } catch (error) {
    throw new InputError(
      `Invalid config ${SCHEDULE_KEY}: ${(error as Error).message}`,
    );
  }
}

/**
 * Adds the GitHub repository collector to the readiness backend.
 *
 * @public
 */
export const mlReadinessModuleGithub = createBackendModule({
  pluginId: 'ml-readiness',
  moduleId: 'github',
  register(env) {
    env.registerInit({
      deps: {
        collectors: readinessCollectorsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ collectors, config, logger, auth, catalog }) {
        const templates = CatalogTemplateVersions.create({ catalog, auth });
        collectors.addCollector(
          GithubRepositoryCollector.create({
            integrations: ScmIntegrations.fromConfig(config),
            logger,
            newestTemplateVersion: template =>
              templates.newestVersion(template),
            schedule: readSchedule(config),
          }),
        );
      },
    });
  },
});
