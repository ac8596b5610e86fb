import type { CatalogApi } from '@backstage/catalog-client';
import {
  MODEL_STAGES,
  MODEL_TIERS,
  ModelStage,
  ModelTier,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { AI_MODEL_FILTER } from '../filters/buildModelQuery';

/** How many models there are, by tier and by stage. */
export interface ModelCounts {
  total: number;
  tiers: Record<ModelTier, number>;
  /** Models with at least one version in the stage (a model can count in several). */
  stages: Record<ModelStage, number>;
}

const TIER_FACET = 'spec.mlops.tier';
const STAGE_FACET = 'spec.mlops.versions.stage';

/** Counts with every number at zero. */
export function emptyModelCounts(): ModelCounts {
  return {
    total: 0,
    tiers: Object.fromEntries(
      MODEL_TIERS.map(t => [t, 0]),
    ) as ModelCounts['tiers'],
    stages: Object.fromEntries(
      MODEL_STAGES.map(s => [s, 0]),
    ) as ModelCounts['stages'],
  };
}

/** Adds `other` into `into` and returns `into`. */
export function addModelCounts(
  into: ModelCounts,
  other: ModelCounts,
): ModelCounts {
  into.total += other.total;
  for (const tier of MODEL_TIERS) into.tiers[tier] += other.tiers[tier];
  for (const stage of MODEL_STAGES) into.stages[stage] += other.stages[stage];
  return into;
}

/**
 * Counts the models owned by any of the given entities, by tier and stage,
 * with one facet query: the catalog does the counting, however many models
 * there are. Every model has exactly one tier, so the tier counts add up to
 * the total.
 */
export async function countModels(
  catalogApi: CatalogApi,
  ownerRefs: ReadonlyArray<string>,
): Promise<ModelCounts> {
  const { facets } = await catalogApi.getEntityFacets({
    filter: { ...AI_MODEL_FILTER, 'relations.ownedBy': [...ownerRefs] },
    facets: [TIER_FACET, STAGE_FACET],
  });
  const counts = emptyModelCounts();
  for (const { value, count } of facets[TIER_FACET] ?? []) {
    const tier = Number(value) as ModelTier;
    if (MODEL_TIERS.includes(tier)) {
      counts.tiers[tier] += count;
      counts.total += count;
    }
  }
  for (const { value, count } of facets[STAGE_FACET] ?? []) {
    const stage = value.toLocaleLowerCase('en-US') as ModelStage;
    if (MODEL_STAGES.includes(stage)) {
      counts.stages[stage] += count;
    }
  }
  return counts;
}
