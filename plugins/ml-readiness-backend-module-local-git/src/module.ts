import path from 'node:path';
import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readLocalGitRoot } from '@ml-golden-paths/plugin-ml-catalog-common';
import { readinessCollectorsExtensionPoint } from '@ml-golden-paths/plugin-ml-readiness-node';
import { CatalogTemplateVersions } from '@ml-golden-paths/plugin-ml-readiness-repository-facts';
import { LocalGitRepositoryCollector } from './LocalGitRepositoryCollector';

const SCHEDULE_KEY = 'mlGoldenPaths.readinessCollectors.localGit.schedule';

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
 * Adds the local-git repository collector to the readiness backend. Reads
 * `mlGoldenPaths.localGit.root` (the scaffolder module's key, resolved
 * against the working directory the same way).
 *
 * @public
 */
export const mlReadinessModuleLocalGit = createBackendModule({
  pluginId: 'ml-readiness',
  moduleId: 'local-git',
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
          LocalGitRepositoryCollector.create({
            root: path.resolve(process.cwd(), readLocalGitRoot(config)),
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
