import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  MlopsSpec,
  MlValidationIssue,
  ModelStage,
  ModelVersion,
  lastRegisteredVersion,
  latestVersionPerStage,
  productionVersion,
  validateMlops,
} from '@ml-golden-paths/plugin-ml-catalog-common';

/** What the Models table shows about one model. */
export interface ModelSummary {
  entityRef: string;
  name: string;
  title?: string;
  description?: string;
  owner?: string;
  /** The validated `spec.mlops`; `undefined` when it failed validation. */
  mlops?: MlopsSpec;
  /** Why `spec.mlops` could not be read, naming the fields. */
  issues: MlValidationIssue[];
  productionVersion?: ModelVersion;
  /** Stages that hold at least one version, most advanced first. */
  stages: ModelStage[];
  lastRegistered?: ModelVersion;
}

/** Order in which stages are shown: what serves traffic comes first. */
export const STAGE_DISPLAY_ORDER: ReadonlyArray<ModelStage> = [
  'production',
  'staging',
  'development',
  'archived',
];

/**
 * Reads an ai-model entity (possibly a field projection) into a
 * {@link ModelSummary}. `spec.mlops` is validated against the entity
 * contract; an invalid block is reported, never guessed at.
 */
export function summarizeModel(entity: Entity): ModelSummary {
  const base = {
    entityRef: stringifyEntityRef(entity),
    name: entity.metadata.name,
    title: entity.metadata.title,
    description: entity.metadata.description,
    owner:
      typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined,
  };
  const result = validateMlops(entity.spec?.mlops);
  if (!result.success) {
    return { ...base, issues: result.issues, stages: [] };
  }
  const mlops = result.value;
  const perStage = latestVersionPerStage(mlops);
  return {
    ...base,
    mlops,
    issues: [],
    productionVersion: productionVersion(mlops),
    stages: STAGE_DISPLAY_ORDER.filter(stage => perStage[stage]),
    lastRegistered: lastRegisteredVersion(mlops),
  };
}
