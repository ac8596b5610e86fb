import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { CheckFunction } from '@ml-golden-paths/plugin-ml-readiness-common';
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

/**
 * Lets backend modules add functions that policy rules (CEL) may call, e.g.
 * `isGroup(entity.owner)`. They are type-checked with the policy at startup.
 *
 * @public
 */
export interface ReadinessCheckFunctionsExtensionPoint {
  addCheckFunction(...functions: CheckFunction[]): void;
}

/** @public */
export const readinessCheckFunctionsExtensionPoint =
  createExtensionPoint<ReadinessCheckFunctionsExtensionPoint>({
    id: 'ml-readiness.check-functions',
  });
