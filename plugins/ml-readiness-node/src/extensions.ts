import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { FactCollector } from './FactCollector';

/**
 * Lets backend modules add fact collectors to the readiness engine.
 *
 * @public
 */
export interface ReadinessCollectorsExtensionPoint {
  addCollector(...collectors: FactCollector[]): void;
}

/** @public */
export const readinessCollectorsExtensionPoint =
  createExtensionPoint<ReadinessCollectorsExtensionPoint>({
    id: 'ml-readiness.collectors',
  });
