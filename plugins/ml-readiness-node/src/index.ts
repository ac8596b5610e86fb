/**
 * Extension points of the readiness backend: fact collectors and extra
 * check functions register here, so the engine knows nothing of GitHub, git
 * or Prometheus.
 *
 * @packageDocumentation
 */

export type {
  CollectedFactSet,
  UnavailableFactSet,
  FactCollectionResult,
  FactCollectorContext,
  FactCollector,
} from './FactCollector';
export {
  readinessCollectorsExtensionPoint,
  readinessCheckFunctionsExtensionPoint,
} from './extensions';
export type {
  ReadinessCollectorsExtensionPoint,
  ReadinessCheckFunctionsExtensionPoint,
} from './extensions';
export type { CheckFunction } from '@ml-golden-paths/plugin-ml-readiness-common';
export { readCollectorSchedule } from './readCollectorSchedule';
