import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readDocumentsConfig } from './documents/DocumentsConfig';
import { ModelDocumentReader } from './documents/ModelDocumentReader';
import { createRouter } from './service/createRouter';

/**
 * The ml-catalog backend plugin: serves a model's repository documents
 * (model card, runbook) at `/api/ml-catalog/v1/entities/…/documents/…`.
 */
export const mlCatalogPlugin = createBackendPlugin({
  pluginId: 'ml-catalog',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
      },
      async init({ config, logger, httpRouter, httpAuth, urlReader, catalog }) {
        const documentsConfig = readDocumentsConfig(config);
        logger.info(
          `Serving model documents from URLs and ${documentsConfig.fileRoots.length} local root(s)`,
        );
        httpRouter.use(
          createRouter({
            httpAuth,
            catalog,
            documents: ModelDocumentReader.create({
              urlReader,
              integrations: ScmIntegrations.fromConfig(config),
              config: documentsConfig,
            }),
          }),
        );
      },
    });
  },
});
