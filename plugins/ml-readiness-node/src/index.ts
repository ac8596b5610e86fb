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
  readinessChecksExtensionPoint,
} from './extensions';
export type {
  ReadinessCollectorsExtensionPoint,
  ReadinessCheckFunctionsExtensionPoint,
  ReadinessChecksExtensionPoint,
} from './extensions';
export type {
  CheckDefinition,
  CheckFunction,
} from '@ml-golden-paths/plugin-ml-readiness-common';
export { readCollectorSchedule } from './readCollectorSchedule';
