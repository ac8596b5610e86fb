import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  parseKpiTargets,
  servingKpiChecksFor,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import {
  readCollectorSchedule,
  readinessChecksExtensionPoint,
  readinessCollectorsExtensionPoint,
} from '@ml-golden-paths/plugin-ml-readiness-node';
import { readPrometheusKpiConfig } from './config';
import { ServingFactCollector } from './ServingFactCollector';

/**
 * Adds the `serving` fact collector (SLO attainment, traffic, cost and alert
 * time from Prometheus) to the readiness engine, and the SLO attainment KPI
 * checks (targets from `mlGoldenPaths.kpi.targets`) to the default policy. Without
 * `mlGoldenPaths.kpi.prometheus.baseUrl` it adds nothing and says so.
 *
 * @public
 */
export const mlKpiPrometheusModule = createBackendModule({
  pluginId: 'ml-readiness',
  moduleId: 'ml-kpi-prometheus',
  register(reg) {
    reg.registerInit({
      deps: {
        collectors: readinessCollectorsExtensionPoint,
        checks: readinessChecksExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ collectors, checks, config, logger }) {
        const settings = readPrometheusKpiConfig(config);
        if (!settings) {
          logger.info(
            'mlGoldenPaths.kpi.prometheus.baseUrl is not set: no serving KPIs are collected',
          );
          return;
        }
        const collector = new ServingFactCollector(settings);
        collector.schedule = readCollectorSchedule(config, 'kpiServing');
        collectors.addCollector(collector);
        // The SLO attainment checks exist where their facts can.
        checks.addChecks(
          ...servingKpiChecksFor(
            parseKpiTargets(config.getOptional('mlGoldenPaths.kpi.targets')),
          ),
        );
      },
    });
  },
});
