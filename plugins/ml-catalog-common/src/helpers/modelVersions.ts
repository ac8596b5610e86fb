import { MODEL_STAGES } from '../constants';
import type { ModelStage, ModelVersion } from '../types';

/**
 * Anything that carries a model's versions: a validated `spec.mlops` block or
 * the raw one from a catalog entity (where `versions` may be absent).
 *
 * @public
 */
export interface WithModelVersions {
  versions?: ReadonlyArray<ModelVersion>;
}

function registeredAtMillis(version: ModelVersion): number {
  const millis = Date.parse(version.registeredAt);
  return Number.isNaN(millis) ? Number.NEGATIVE_INFINITY : millis;
}

function compareVersionLabels(a: string, b: string): number {
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/**
 * Orders versions oldest first: by `registeredAt`, then by version label
 * (numeric-aware, so "10" comes after "9").
 *
 * @public
 */
export function compareModelVersions(a: ModelVersion, b: ModelVersion): number {
  return (
    registeredAtMillis(a) - registeredAtMillis(b) ||
    compareVersionLabels(a.version, b.version)
  );
}

function latestOf(
  versions: ReadonlyArray<ModelVersion>,
): ModelVersion | undefined {
  let latest: ModelVersion | undefined;
  for (const version of versions) {
    if (!latest || compareModelVersions(version, latest) > 0) {
      latest = version;
    }
  }
  return latest;
}

/**
 * The most recently registered version in the given stage.
 *
 * @public
 */
export function latestVersionInStage(
  mlops: WithModelVersions | undefined,
  stage: ModelStage,
): ModelVersion | undefined {
  return latestOf((mlops?.versions ?? []).filter(v => v.stage === stage));
}

/**
 * The most recently registered version of every stage that has one.
 *
 * @public
 */
export function latestVersionPerStage(
  mlops: WithModelVersions | undefined,
): Partial<Record<ModelStage, ModelVersion>> {
  const result: Partial<Record<ModelStage, ModelVersion>> = {};
  for (const stage of MODEL_STAGES) {
    const latest = latestVersionInStage(mlops, stage);
    if (latest) {
      result[stage] = latest;
    }
  }
  return result;
}

/**
 * The version currently serving production: the latest one in `production`.
 *
 * @public
 */
export function productionVersion(
  mlops: WithModelVersions | undefined,
): ModelVersion | undefined {
  return latestVersionInStage(mlops, 'production');
}

/**
 * Whether any version of the model is in production.
 *
 * @public
 */
export function isInProduction(mlops: WithModelVersions | undefined): boolean {
  return (mlops?.versions ?? []).some(v => v.stage === 'production');
}

/**
 * The most recently registered version, whatever its stage.
 *
 * @public
 */
export function lastRegisteredVersion(
  mlops: WithModelVersions | undefined,
): ModelVersion | undefined {
  return latestOf(mlops?.versions ?? []);
}
