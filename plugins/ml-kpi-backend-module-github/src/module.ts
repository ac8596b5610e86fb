import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { kpiBackfillExtensionPoint } from '@ml-golden-paths/plugin-ml-kpi-node';
import { GithubKpiBackfillSource } from './GithubKpiBackfillSource';

/**
 * Adds the GitHub backfill to the KPI plugin: the plugin schedules it, keeps
 * its watermarks and stores what it reads as the same records webhooks give.
 *
 * @public
 */
export const mlKpiModuleGithub = createBackendModule({
  pluginId: 'ml-kpi',
  moduleId: 'github',
  register(env) {
    env.registerInit({
      deps: {
        backfill: kpiBackfillExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ backfill, config, logger }) {
        backfill.addSource(
          GithubKpiBackfillSource.create({
            integrations: ScmIntegrations.fromConfig(config),
            logger,
          }),
        );
      },
    });
  },
});
