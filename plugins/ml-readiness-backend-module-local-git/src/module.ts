import path from 'node:path';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readLocalGitRoot } from '@ml-golden-paths/plugin-ml-catalog-common';
import {
  readCollectorSchedule,
  readinessCollectorsExtensionPoint,
} from '@ml-golden-paths/plugin-ml-readiness-node';
import { CatalogTemplateVersions } from '@ml-golden-paths/plugin-ml-readiness-repository-facts';
import { LocalGitRepositoryCollector } from './LocalGitRepositoryCollector';

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
            schedule: readCollectorSchedule(config, 'localGit'),
          }),
        );
      },
    });
  },
});
