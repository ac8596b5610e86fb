import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { createInvalidEntitiesRouter } from './invalid/createInvalidEntitiesRouter';
import { MlCatalogProcessor } from './processor/MlCatalogProcessor';
import { MlflowEntityProvider } from './providers/mlflow/MlflowEntityProvider';

/**
 * Catalog module for ML entities: validates `ai-model`, `dataset`,
 * `ml-pipeline` and `model-server` entities (a failure is logged once per
 * entity and message), emits their lineage relations, lists the ML entities
 * the catalog could not process at `GET /api/catalog/ml/invalid-entities`,
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
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({
        catalog,
        config,
        logger,
        scheduler,
        database,
        httpRouter,
        httpAuth,
      }) {
        catalog.addProcessor(MlCatalogProcessor.create({ logger }));
        // The module shares the catalog's database; the catalog keeps the
        // entities it could not process (and why) in refresh_state.
        httpRouter.use(
          createInvalidEntitiesRouter({
            httpAuth,
            knex: () => database.getClient(),
          }),
        );
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
