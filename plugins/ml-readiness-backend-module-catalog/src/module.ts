import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  readCollectorSchedule,
  readinessCollectorsExtensionPoint,
} from '@ml-golden-paths/plugin-ml-readiness-node';
import { CatalogEntityCollector } from './CatalogEntityCollector';

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
            schedule: readCollectorSchedule(config, 'catalog'),
          }),
        );
      },
    });
  },
});
