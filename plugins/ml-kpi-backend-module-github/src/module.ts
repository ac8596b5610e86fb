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
 * Inactive (and said so once) while `integrations.github` has no token or
 * GitHub App for github.com.
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
        const integrations = ScmIntegrations.fromConfig(config);
        const github = integrations.github.byHost('github.com')?.config;
        if (!github?.token && !github?.apps?.length) {
          logger.info(
            'KPI backfill from GitHub inactive: integrations.github has no token or GitHub App for github.com',
          );
          return;
        }
        backfill.addSource(
          GithubKpiBackfillSource.create({ integrations, logger }),
        );
      },
    });
  },
});
