import type { QueryEntitiesInitialRequest } from '@backstage/catalog-client';
import { AI_MODEL_ENTITY_TYPE } from '@ml-golden-paths/plugin-ml-catalog-common';
import { MODEL_SORT_FIELDS, ModelFilters } from './modelFilters';

/** The catalog filter that selects every ai-model entity. */
export const AI_MODEL_FILTER: Record<string, string> = {
  kind: 'resource',
  'spec.type': AI_MODEL_ENTITY_TYPE,
};

/**
 * Entity fields the Models table needs; everything else (annotations, links,
 * relations) stays on the server.
 */
export const MODEL_LIST_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'spec.type',
  'spec.owner',
  'spec.mlops',
];

/** Catalog fields the free-text search looks in. */
export const MODEL_TEXT_FIELDS = [
  'metadata.name',
  'metadata.title',
  'metadata.description',
  'spec.mlops.task',
];

/**
 * Builds the catalog filter for the Models page.
 *
 * The catalog indexes every value of an array of objects under the dotted
 * path, so a model whose `spec.mlops.versions` contains a production version
 * is found with `spec.mlops.versions.stage = production`: the stage filter
 * selects models that have a version in any of the chosen stages. Values
 * listed under one key are alternatives; different keys must all match.
 *
 * @param ownerRefs - the owner and all its descendant groups; only used when
 * the filters name an owner.
 */
export function buildModelFilter(
  filters: ModelFilters,
  ownerRefs?: ReadonlyArray<string>,
): Record<string, string | string[]> {
  const filter: Record<string, string | string[]> = { ...AI_MODEL_FILTER };
  if (filters.owner) {
    filter['relations.ownedBy'] = [...(ownerRefs ?? [filters.owner])];
  }
  if (filters.tier.length > 0) {
    filter['spec.mlops.tier'] = filters.tier.map(String);
  }
  if (filters.stage.length > 0) {
    filter['spec.mlops.versions.stage'] = [...filters.stage];
  }
  if (filters.servingPattern.length > 0) {
    filter['spec.mlops.servingPattern'] = [...filters.servingPattern];
  }
  if (filters.framework.length > 0) {
    filter['spec.mlops.framework'] = [...filters.framework];
  }
  return filter;
}

/**
 * Builds the first-page `queryEntities` request for the Models page: filter,
 * free text, sort order, page size and field projection. Later pages follow
 * the returned cursors.
 */
export function buildModelQuery(
  filters: ModelFilters,
  options: { ownerRefs?: ReadonlyArray<string>; limit: number },
): QueryEntitiesInitialRequest {
  return {
    filter: buildModelFilter(filters, options.ownerRefs),
    fields: MODEL_LIST_FIELDS,
    limit: options.limit,
    orderFields: {
      field: MODEL_SORT_FIELDS[filters.sort],
      order: filters.order,
    },
    ...(filters.text
      ? { fullTextFilter: { term: filters.text, fields: MODEL_TEXT_FIELDS } }
      : {}),
  };
}
