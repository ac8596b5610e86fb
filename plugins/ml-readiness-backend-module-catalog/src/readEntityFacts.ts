import {
  Entity,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  isDatasetEntity,
  isMlPipelineEntity,
  isModelServerEntity,
  MODEL_STAGES,
  productionVersion,
  SERVING_PATTERNS,
  WithModelVersions,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { EntityFacts } from '@ml-golden-paths/plugin-ml-readiness-common';

/** What the entity facts need from the catalog. */
export interface EntityLookup {
  /** The entities with these refs (missing ones left out). */
  byRefs(refs: string[]): Promise<Entity[]>;
  /** Refs of model-server components that depend on the model. */
  modelServersDependingOn(modelRef: string): Promise<string[]>;
}

type Mlops = WithModelVersions & {
  tier?: unknown;
  servingPattern?: unknown;
  goldenPath?: { template?: unknown; version?: unknown };
  slo?: Record<string, unknown>;
  monitoring?: Record<string, unknown>;
  runbook?: unknown;
  modelCard?: unknown;
  onCall?: unknown;
};

const filled = (value: unknown) =>
  typeof value === 'string'
    ? value.trim() !== ''
    : value !== undefined && value !== null;
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const numberOr0 = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0;

function ownerRef(entity: Entity): string {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) {
    return relation.targetRef;
  }
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner.trim()) {
    return '';
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return '';
  }
}

/** Highest stage any version reached, by the lifecycle order. */
function highestStage(mlops: Mlops): string {
  const rank: Record<string, number> = {
    archived: 0,
    development: 1,
    staging: 2,
    production: 3,
  };
  let best = '';
  for (const version of mlops.versions ?? []) {
    const stage = version.stage;
    if (
      (MODEL_STAGES as readonly string[]).includes(stage) &&
      (best === '' || rank[stage] > rank[best])
    ) {
      best = stage;
    }
  }
  return best;
}

/**
 * The repository of the model: `github.com/project-slug`, or for the
 * local-git destination the checkout name from a `file:` location
 * `…/checkouts/<name>/catalog-info.yaml`.
 */
function repositoryOf(entity: Entity): string {
  const annotations = entity.metadata.annotations ?? {};
  const slug = annotations['github.com/project-slug'];
  if (slug?.trim()) {
    return slug.trim();
  }
  const location = annotations['backstage.io/managed-by-location'] ?? '';
  const match =
    /^file:.*\/checkouts\/([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\/[^/]+$/.exec(
      location,
    );
  return match ? match[1] : '';
}

const targetsOf = (entity: Entity, type: string) =>
  (entity.relations ?? []).filter(r => r.type === type).map(r => r.targetRef);

/**
 * Computes the `entity` fact set of an ai-model entity from the entity, its
 * relations and the catalog: whether the owner is a Group that exists, the
 * datasets and pipelines it depends on (by their kind and type), and the
 * model servers that depend on it.
 */
export async function readEntityFacts(
  entity: Entity,
  catalog: EntityLookup,
): Promise<EntityFacts> {
  const spec = (entity.spec ?? {}) as { system?: unknown; mlops?: Mlops };
  const mlops: Mlops = spec.mlops ?? {};
  const modelRef = stringifyEntityRef(entity);
  const owner = ownerRef(entity);
  const dependsOn = targetsOf(entity, RELATION_DEPENDS_ON);
  const dependents = targetsOf(entity, RELATION_DEPENDENCY_OF);
  const refs = [
    ...new Set([owner, ...dependsOn, ...dependents].filter(Boolean)),
  ];
  const [related, serversDependingOn] = await Promise.all([
    refs.length > 0 ? catalog.byRefs(refs) : Promise.resolve([]),
    catalog.modelServersDependingOn(modelRef),
  ]);
  const byRef = new Map(related.map(e => [stringifyEntityRef(e), e]));
  const ownerEntity = owner ? byRef.get(owner) : undefined;
  const resolved = (list: string[]) =>
    list.map(ref => byRef.get(ref)).filter((e): e is Entity => e !== undefined);
  const servers = new Set(serversDependingOn);
  for (const dependent of resolved(dependents)) {
    if (isModelServerEntity(dependent)) {
      servers.add(stringifyEntityRef(dependent));
    }
  }
  const production = productionVersion(mlops);
  const tier = mlops.tier;
  const slo = mlops.slo ?? {};
  const monitoring = mlops.monitoring ?? {};
  return {
    owner,
    ownerExists: ownerEntity?.kind.toLowerCase() === 'group',
    hasOnCall: filled(mlops.onCall),
    hasDescription: filled(entity.metadata.description),
    hasRunbook: filled(mlops.runbook),
    hasModelCard: filled(mlops.modelCard),
    hasSystem:
      filled(spec.system) ||
      targetsOf(entity, RELATION_PART_OF).some(ref =>
        ref.startsWith('system:'),
      ),
    tier: tier === 1 || tier === 2 || tier === 3 ? tier : 0,
    stage: highestStage(mlops),
    servingPattern: (SERVING_PATTERNS as readonly unknown[]).includes(
      mlops.servingPattern,
    )
      ? text(mlops.servingPattern)
      : '',
    slo: {
      defined: Object.values(slo).some(filled),
      latencyP99Ms: numberOr0(slo.latencyP99Ms),
      availability: numberOr0(slo.availability),
    },
    monitoring: {
      dashboard: filled(monitoring.dashboard),
      drift: filled(monitoring.drift),
      dataQuality: filled(monitoring.dataQuality),
    },
    versions: {
      count: (mlops.versions ?? []).length,
      productionApproved: filled(production?.approvedBy),
      productionHasDataset: filled(production?.dataset),
      productionHasCodeCommit: filled(production?.codeCommit),
      productionHasMetrics: Object.keys(production?.metrics ?? {}).length > 0,
    },
    lineage: {
      datasets: resolved(dependsOn).filter(isDatasetEntity).length,
      pipelines: resolved(dependsOn).filter(isMlPipelineEntity).length,
      servers: servers.size,
    },
    goldenPath: {
      template: text(mlops.goldenPath?.template),
      version:
        mlops.goldenPath?.version === undefined
          ? ''
          : String(mlops.goldenPath.version),
    },
    repository: repositoryOf(entity),
  };
}
