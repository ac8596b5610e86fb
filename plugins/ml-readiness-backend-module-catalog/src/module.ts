import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readinessCollectorsExtensionPoint } from '@ml-golden-paths/plugin-ml-readiness-node';
import { CatalogEntityCollector } from './CatalogEntityCollector';

const SCHEDULE_KEY = 'mlGoldenPaths.readinessCollectors.catalog.schedule';

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
 * Adds the catalog entity collector to the readiness backend.
 *
 * @public
 */
export const mlReadinessModuleCatalog = createBackendModule({
  pluginId: 'ml-readiness',
  moduleId: 'catalog',
  register(env) {
    env.registerInit({
      deps: {
        collectors: readinessCollectorsExtensionPoint,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ collectors, config, auth, catalog }) {
        collectors.addCollector(
          CatalogEntityCollector.create({
            catalog,
            auth,
            schedule: readSchedule(config),
          }),
        );
      },
    });
  },
});
