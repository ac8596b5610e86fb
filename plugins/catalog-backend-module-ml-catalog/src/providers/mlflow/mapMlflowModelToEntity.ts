import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_VIEW_URL,
  Entity,
} from '@backstage/catalog-model';
import {
  AI_MODEL_ENTITY_TYPE,
  DATASET_REFERENCE_PATTERN,
  FORBIDDEN_KEYS,
  ML_ANNOTATIONS,
  ML_SCHEMA_LIMITS,
  ModelStage,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { createHash } from 'node:crypto';
import type {
  MlflowModelVersion,
  MlflowRegisteredModel,
} from './mlflowResponses';
import type { MlflowProviderConfig } from './readMlflowProviderConfig';

/** Options of {@link mapMlflowModelToEntity}. */
export type MlflowMappingOptions = Pick<
  MlflowProviderConfig,
  | 'baseUrl'
  | 'defaultOwner'
  | 'defaultTier'
  | 'defaultServingPattern'
  | 'tags'
  | 'aliasStages'
>;

const LEGACY_STAGES: Record<string, ModelStage> = {
  none: 'development',
  staging: 'staging',
  production: 'production',
  archived: 'archived',
};

/** Higher wins when a version carries several aliases. */
const STAGE_PRECEDENCE: Record<ModelStage, number> = {
  archived: 0,
  development: 1,
  staging: 2,
  production: 3,
};

const METRIC_TAG_PREFIX = 'metric.';
const METRIC_NAME = /^[A-Za-z0-9_.:/-]{1,100}$/;
const COMMIT = /^[0-9a-f]{7,64}$/i;
const USER_REF = /^(?:[a-z][\w-]*:)?(?:[\w.-]+\/)?[\w.-]{1,200}$/i;

/** Optional version tags that are malformed are left out rather than failing the whole model. */
function optionalVersionTags(tags: Map<string, string>) {
  const dataset = tags.get('dataset');
  const approver = tags.get('approved_by');
  const commit = tags.get('git_commit') ?? tags.get('mlflow.source.git.commit');
  return {
    ...(dataset &&
      dataset.length <= 300 &&
      DATASET_REFERENCE_PATTERN.test(dataset) && { dataset }),
    ...(commit && COMMIT.test(commit) && { codeCommit: commit }),
    ...(approver &&
      USER_REF.test(approver) && {
        approvedBy: approver.includes(':') ? approver : `user:${approver}`,
      }),
  };
}

/**
 * A valid, stable catalog entity name for an MLflow model name. Names that
 * are already valid are kept; others are slugged and suffixed with a short
 * hash of the original so that two different MLflow names never collide.
 */
export function toEntityName(modelName: string): string {
  if (
    /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/.test(modelName) &&
    modelName.length <= 63
  ) {
    return modelName;
  }
  const hash = createHash('sha256').update(modelName).digest('hex').slice(0, 8);
  const slug = modelName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 54)
    .replace(/-+$/, '');
  return slug ? `${slug}-${hash}` : `model-${hash}`;
}

function tagMap(tags: Array<{ key: string; value?: string }> | undefined) {
  const map = new Map<string, string>();
  for (const { key, value } of tags ?? []) {
    if (value !== undefined) {
      map.set(key, value);
    }
  }
  return map;
}

function toTier(value: string | undefined, fallback: number | undefined) {
  if (value === undefined) {
    return fallback;
  }
  const trimmed = value.trim();
  // An unknown value is passed through so validation names it in the catalog.
  return /^[123]$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function toOwnerRef(owner: string): string {
  return owner.includes(':') ? owner : `group:${owner}`;
}

function stageOf(
  version: MlflowModelVersion,
  aliases: string[],
  aliasStages: Record<string, ModelStage>,
): ModelStage {
  let best: ModelStage | undefined;
  for (const alias of aliases) {
    const stage = aliasStages[alias];
    if (stage && (!best || STAGE_PRECEDENCE[stage] > STAGE_PRECEDENCE[best])) {
      best = stage;
    }
  }
  return (
    best ??
    LEGACY_STAGES[(version.current_stage ?? 'none').toLowerCase()] ??
    'development'
  );
}

function metricsOf(tags: Map<string, string>) {
  const metrics: Record<string, number> = {};
  let count = 0;
  for (const [key, value] of tags) {
    if (!key.startsWith(METRIC_TAG_PREFIX)) {
      continue;
    }
    const name = key.slice(METRIC_TAG_PREFIX.length);
    const number = Number(value);
    if (
      METRIC_NAME.test(name) &&
      !FORBIDDEN_KEYS.has(name) &&
      value.trim() !== '' &&
      Number.isFinite(number) &&
      count < ML_SCHEMA_LIMITS.maxMetrics
    ) {
      metrics[name] = number;
      count += 1;
    }
  }
  return count > 0 ? metrics : undefined;
}

function mapVersion(
  version: MlflowModelVersion,
  aliases: string[],
  model: MlflowRegisteredModel,
  options: MlflowMappingOptions,
) {
  const tags = tagMap(version.tags);
  const millis =
    version.creation_timestamp ??
    version.last_updated_timestamp ??
    model.creation_timestamp ??
    0;
  const metrics = metricsOf(tags);
  return {
    version: version.version,
    stage: stageOf(version, aliases, options.aliasStages),
    registeredAt: new Date(millis).toISOString(),
    ...(metrics && { metrics }),
    ...optionalVersionTags(tags),
    ...(version.run_id && { runId: version.run_id.slice(0, 100) }),
  };
}

/**
 * Maps one MLflow registered model and its versions to a `Resource`/`ai-model`
 * entity. Owner, tier, task, framework, serving pattern and system come from
 * model tags (names configurable) or the configured defaults; aliases map to
 * stages (`champion` → production, `challenger` → staging by default), then the
 * legacy `current_stage`; versions that failed registration are skipped; at
 * most the newest {@link ML_SCHEMA_LIMITS.maxVersions} versions are kept.
 * Metrics come from version tags named `metric.<name>`, the dataset from a
 * `dataset` tag, the commit from `git_commit`, the approver from `approved_by`
 * (a bare name means `user:<name>`); malformed optional tags are left out.
 */
export function mapMlflowModelToEntity(
  model: MlflowRegisteredModel,
  versions: MlflowModelVersion[],
  options: MlflowMappingOptions,
): Entity {
  const tags = tagMap(model.tags);
  const aliasesByVersion = new Map<string, string[]>();
  const addAlias = (version: string, alias: string) => {
    const list = aliasesByVersion.get(version) ?? [];
    if (!list.includes(alias)) list.push(alias);
    aliasesByVersion.set(version, list);
  };
  for (const { alias, version } of model.aliases ?? [])
    addAlias(version, alias);
  for (const version of versions) {
    for (const alias of version.aliases ?? []) addAlias(version.version, alias);
  }

  const mappedVersions = versions
    .filter(
      v => v.status === undefined || v.status === 'READY' || v.status === '',
    )
    .map(v =>
      mapVersion(v, aliasesByVersion.get(v.version) ?? [], model, options),
    )
    .sort((a, b) => b.registeredAt.localeCompare(a.registeredAt))
    .slice(0, ML_SCHEMA_LIMITS.maxVersions)
    .reverse();

  const viewUrl = `${options.baseUrl}/#/models/${encodeURIComponent(model.name)}`;
  const servingPattern =
    tags.get(options.tags.servingPattern) ?? options.defaultServingPattern;
  const framework = tags.get(options.tags.framework);
  const system = tags.get(options.tags.system);
  const description = model.description?.trim();
  const tier = toTier(tags.get(options.tags.tier), options.defaultTier);

  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: toEntityName(model.name),
      title: model.name.slice(0, ML_SCHEMA_LIMITS.maxNameLength),
      ...(description && {
        description: description.slice(0, ML_SCHEMA_LIMITS.maxTextLength),
      }),
      annotations: {
        [ANNOTATION_LOCATION]: `url:${viewUrl}`,
        [ANNOTATION_ORIGIN_LOCATION]: `url:${viewUrl}`,
        [ANNOTATION_VIEW_URL]: viewUrl,
        [ML_ANNOTATIONS.mlflowModelName]: model.name,
        [ML_ANNOTATIONS.mlflowRegistryUrl]: options.baseUrl,
      },
    },
    spec: {
      type: AI_MODEL_ENTITY_TYPE,
      owner: toOwnerRef(tags.get(options.tags.owner) ?? options.defaultOwner),
      ...(system && { system }),
      mlops: {
        ...(tier !== undefined && { tier }),
        task: tags.get(options.tags.task) ?? 'unspecified',
        ...(framework && { framework }),
        ...(servingPattern && { servingPattern }),
        versions: mappedVersions,
      },
    } as Entity['spec'],
  };
}
