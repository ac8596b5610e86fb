import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  readCollectorSchedule,
  readinessCollectorsExtensionPoint,
} from '@ml-golden-paths/plugin-ml-readiness-node';
import { CatalogTemplateVersions } from '@ml-golden-paths/plugin-ml-readiness-repository-facts';
import { GithubRepositoryCollector } from './GithubRepositoryCollector';

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
            schedule: readCollectorSchedule(config, 'github'),
          }),
        );
      },
    });
  },
});
