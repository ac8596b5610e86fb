import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  deliveryKpiChecksFor,
  parseKpiTargets,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import {
  readCollectorSchedule,
  readinessChecksExtensionPoint,
  readinessCollectorsExtensionPoint,
} from '@ml-golden-paths/plugin-ml-readiness-node';
import { DeliveryFactCollector } from './DeliveryFactCollector';

/**
 * Adds the `delivery` fact collector (KPIs from the ml-kpi plugin) to the
 * readiness engine, and the delivery KPI checks (targets per tier from
 * `mlGoldenPaths.kpi.targets`) to the default policy. A bad target stops
 * startup with an error naming the field.
 *
 * @public
 */
export const mlKpiReadinessModule = createBackendModule({
  pluginId: 'ml-readiness',
  moduleId: 'ml-kpi-delivery',
  register(reg) {
    reg.registerInit({
      deps: {
        collectors: readinessCollectorsExtensionPoint,
        checks: readinessChecksExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ collectors, checks, config, discovery, auth }) {
        const targets = parseKpiTargets(
          config.getOptional('mlGoldenPaths.kpi.targets'),
        );
        const windowDays =
          config.getOptionalNumber('mlGoldenPaths.kpi.windowDays') ?? 30;
        collectors.addCollector(
          new DeliveryFactCollector(discovery, auth, {
            windowDays,
            schedule: readCollectorSchedule(config, 'kpiDelivery'),
          }),
        );
        checks.addChecks(...deliveryKpiChecksFor(targets));
      },
    });
  },
});
