/**
 * Extension points of the readiness backend: fact collectors register here,
 * so the engine knows nothing of GitHub, git or Prometheus.
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
export { readinessCollectorsExtensionPoint } from './extensions';
export type { ReadinessCollectorsExtensionPoint } from './extensions';
