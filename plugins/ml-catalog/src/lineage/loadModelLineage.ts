import type { CatalogApi } from '@backstage/catalog-client';
import {
  Entity,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_PROVIDES_API,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  MODEL_SERVER_ENTITY_TYPE,
  MlopsSpec,
  isDatasetEntity,
  isMlPipelineEntity,
  isModelServerEntity,
  parseDatasetReference,
} from '@ml-golden-paths/plugin-ml-catalog-common';

/** One entity in a model's lineage. */
export interface LineageNode {
  /** Full entity ref, e.g. `resource:default/card-transactions`. */
  ref: string;
  title?: string;
  /** `false` when the model names the entity but the catalog does not have it. */
  found: boolean;
}

/** Where a model's data comes from and where its predictions go. */
export interface ModelLineage {
  datasets: LineageNode[];
  pipelines: LineageNode[];
  servers: LineageNode[];
  apis: LineageNode[];
}

/** Fields read from related entities; nothing else is transferred. */
export const LINEAGE_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.type',
  'relations',
];

function normalizeRef(
  value: string | undefined,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (!value) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

function targets(entity: Entity, type: string): string[] {
  return (entity.relations ?? [])
    .filter(relation => relation.type === type)
    .map(relation => relation.targetRef.toLocaleLowerCase('en-US'));
}

function toNode(entity: Entity): LineageNode {
  return {
    ref: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
    title: entity.metadata.title,
    found: true,
  };
}

class NodeList {
  private readonly nodes = new Map<string, LineageNode>();
  add(node: LineageNode) {
    const existing = this.nodes.get(node.ref);
    if (!existing || (!existing.found && node.found)) {
      this.nodes.set(node.ref, node);
    }
  }
  has(ref: string) {
    return this.nodes.has(ref);
  }
  list(): LineageNode[] {
    return [...this.nodes.values()].sort((a, b) => a.ref.localeCompare(b.ref));
  }
}

async function fetchByRefs(
  catalogApi: CatalogApi,
  refs: Iterable<string>,
): Promise<Map<string, Entity>> {
  const unique = [...new Set(refs)];
  const found = new Map<string, Entity>();
  if (unique.length === 0) {
    return found;
  }
  const { items } = await catalogApi.getEntitiesByRefs({
    entityRefs: unique,
    fields: LINEAGE_FIELDS,
  });
  items.forEach((item, index) => {
    if (item) {
      found.set(unique[index], item);
    }
  });
  return found;
}

/**
 * Works out a model's lineage — datasets → training pipeline → model →
 * serving components → APIs — from the model's relations and fields and the
 * related entities in the catalog:
 *
 * - datasets: `Resource`/`dataset` entities the model or its pipelines depend
 *   on, plus the datasets its versions were trained on;
 * - pipelines: `Component`/`ml-pipeline` entities the model depends on, plus
 *   `spec.mlops.trainingPipeline`;
 * - serving: `Component`/`model-server` entities that depend on the model;
 * - APIs: what those servers provide.
 *
 * Entities the model names but the catalog lacks are kept with `found: false`
 * so the gap is visible.
 */
export async function loadModelLineage(
  catalogApi: CatalogApi,
  model: Entity,
  mlops: MlopsSpec | undefined,
): Promise<ModelLineage> {
  const namespace = model.metadata.namespace ?? 'default';
  const modelRef = stringifyEntityRef(model);
  const datasets = new NodeList();
  const pipelines = new NodeList();
  const servers = new NodeList();
  const apis = new NodeList();

  const declaredPipeline = normalizeRef(
    mlops?.trainingPipeline,
    'component',
    namespace,
  );
  const versionDatasets = (mlops?.versions ?? [])
    .map(version =>
      version.dataset
        ? parseDatasetReference(version.dataset, namespace)?.ref
        : undefined,
    )
    .filter(<T>(ref: T | undefined): ref is T => ref !== undefined)
    .map(ref => stringifyEntityRef(ref).toLocaleLowerCase('en-US'));

  const [related, dependentServers] = await Promise.all([
    fetchByRefs(catalogApi, [
      ...targets(model, RELATION_DEPENDS_ON),
      ...targets(model, RELATION_DEPENDENCY_OF),
      ...(declaredPipeline ? [declaredPipeline] : []),
      ...versionDatasets,
    ]),
    catalogApi.getEntities({
      filter: {
        kind: 'component',
        'spec.type': MODEL_SERVER_ENTITY_TYPE,
        'relations.dependsOn': modelRef,
      },
      fields: LINEAGE_FIELDS,
    }),
  ]);

  const pipelineEntities: Entity[] = [];
  const serverEntities: Entity[] = [...dependentServers.items];
  for (const entity of related.values()) {
    if (isDatasetEntity(entity)) {
      datasets.add(toNode(entity));
    } else if (isMlPipelineEntity(entity)) {
      pipelineEntities.push(entity);
    } else if (
      isModelServerEntity(entity) &&
      targets(entity, RELATION_DEPENDS_ON).includes(
        modelRef.toLocaleLowerCase('en-US'),
      )
    ) {
      serverEntities.push(entity);
    }
  }
  if (declaredPipeline && !related.has(declaredPipeline)) {
    pipelines.add({ ref: declaredPipeline, found: false });
  }
  for (const ref of versionDatasets) {
    if (!related.has(ref)) {
      datasets.add({ ref, found: false });
    }
  }

  // Datasets that feed the pipelines.
  pipelineEntities.forEach(pipeline => pipelines.add(toNode(pipeline)));
  const pipelineInputs = pipelineEntities
    .flatMap(pipeline => targets(pipeline, RELATION_DEPENDS_ON))
    .filter(ref => ref.startsWith('resource:') && !datasets.has(ref));
  for (const entity of (
    await fetchByRefs(catalogApi, pipelineInputs)
  ).values()) {
    if (isDatasetEntity(entity)) {
      datasets.add(toNode(entity));
    }
  }

  for (const server of serverEntities) {
    servers.add(toNode(server));
    for (const api of targets(server, RELATION_PROVIDES_API)) {
      apis.add({ ref: api, found: true });
    }
  }

  return {
    datasets: datasets.list(),
    pipelines: pipelines.list(),
    servers: servers.list(),
    apis: apis.list(),
  };
}
