import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { MlCatalogProcessor } from './processor/MlCatalogProcessor';
import { MlflowEntityProvider } from './providers/mlflow/MlflowEntityProvider';

/**
 * Catalog module for ML entities: validates `ai-model`, `dataset`,
 * `ml-pipeline` and `model-server` entities, emits their lineage relations,
 * and — when `catalog.providers.mlflow` is configured — ingests an MLflow
 * Model Registry.
 *
 * @public
 */
export const catalogModuleMlCatalog = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'ml-catalog',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        catalog.addProcessor(MlCatalogProcessor.create());
        const provider = MlflowEntityProvider.fromConfig(config, {
          logger,
          scheduler,
        });
        if (provider) {
          catalog.addEntityProvider(provider);
          logger.info('MLflow model registry provider enabled');
        }
      },
    });
  },
});
