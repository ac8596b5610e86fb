import { createExtensionPoint } from '@backstage/backend-plugin-api';
import {
  CheckDefinition,
  CheckFunction,
} from '@ml-golden-paths/plugin-ml-readiness-common';
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

/**
 * Lets backend modules add checks to the default policy, e.g. the KPI checks
 * of a module whose collector produces the facts they read. Added checks are
 * part of the defaults: a policy document in `extend` mode keeps them and may
 * drop them with `disabledChecks`, one in `replace` mode replaces them. They
 * are validated and type-checked with the rest of the policy at startup.
 *
 * @public
 */
export interface ReadinessChecksExtensionPoint {
  addChecks(...checks: CheckDefinition[]): void;
}

/** @public */
export const readinessChecksExtensionPoint =
  createExtensionPoint<ReadinessChecksExtensionPoint>({
    id: 'ml-readiness.checks',
  });
