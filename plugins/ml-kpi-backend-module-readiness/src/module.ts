import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { readinessCollectorsExtensionPoint } from '@ml-golden-paths/plugin-ml-readiness-node';
import { DeliveryFactCollector } from './DeliveryFactCollector';

/**
 * Adds the `delivery` fact collector (KPIs from the ml-kpi plugin) to the
 * readiness engine.
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
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ collectors, discovery, auth }) {
        collectors.addCollector(new DeliveryFactCollector(discovery, auth));
      },
    });
  },
});
