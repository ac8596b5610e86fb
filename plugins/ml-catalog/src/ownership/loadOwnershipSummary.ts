import type { CatalogApi } from '@backstage/catalog-client';
import {
  MODEL_STAGES,
  MODEL_TIERS,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { AI_MODEL_FILTER } from '../filters/buildModelQuery';
import { GroupHierarchy } from '../groups/GroupHierarchy';
import { ModelCounts, addModelCounts, emptyModelCounts } from './countModels';

/** One row of the ownership view. */
export interface OwnershipRow {
  /** Owner entity ref (usually a group). */
  ref: string;
  title: string;
  /** Depth in the team tree, for indentation. */
  depth: number;
  /** Models owned by this owner itself. */
  direct: number;
  /** Models owned by this owner and all of its child teams. */
  counts: ModelCounts;
}

const OWNER_FACET = 'relations.ownedBy';

type Facet = { value: string; count: number };

const key = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Models per owning team, with counts by tier and stage, rolled up the team
 * tree (a department's row includes its teams). The catalog does the
 * counting: one owner facet over all models, one per tier and one per stage,
 * all in parallel — a fixed number of requests however many teams and models
 * there are. Teams without models anywhere below them are left out.
 */
export async function loadOwnershipSummary(
  catalogApi: CatalogApi,
  hierarchy: GroupHierarchy,
): Promise<OwnershipRow[]> {
  const ownerFacet = async (
    extra: Record<string, string>,
  ): Promise<Facet[]> => {
    const { facets } = await catalogApi.getEntityFacets({
      filter: { ...AI_MODEL_FILTER, ...extra },
      facets: [OWNER_FACET],
    });
    return facets[OWNER_FACET] ?? [];
  };
  const [all, byTier, byStage] = await Promise.all([
    ownerFacet({}),
    Promise.all(
      MODEL_TIERS.map(tier => ownerFacet({ 'spec.mlops.tier': String(tier) })),
    ),
    Promise.all(
      MODEL_STAGES.map(stage =>
        ownerFacet({ 'spec.mlops.versions.stage': stage }),
      ),
    ),
  ]);

  const owners = all.filter(facet => facet.count > 0);
  const direct = new Map<string, ModelCounts>();
  for (const owner of owners) {
    const counts = emptyModelCounts();
    counts.total = owner.count;
    direct.set(key(owner.value), counts);
  }
  MODEL_TIERS.forEach((tier, i) => {
    for (const { value, count } of byTier[i]) {
      const counts = direct.get(key(value));
      if (counts) counts.tiers[tier] = count;
    }
  });
  MODEL_STAGES.forEach((stage, i) => {
    for (const { value, count } of byStage[i]) {
      const counts = direct.get(key(value));
      if (counts) counts.stages[stage] = count;
    }
  });
  const directOf = (ref: string) => direct.get(key(ref));

  const rows: OwnershipRow[] = [];
  const covered = new Set<string>();
  for (const node of hierarchy.tree()) {
    const counts = emptyModelCounts();
    for (const ref of hierarchy.descendantsOf(node.ref)) {
      const own = directOf(ref);
      if (own) {
        addModelCounts(counts, own);
        covered.add(key(ref));
      }
    }
    if (counts.total > 0) {
      rows.push({
        ...node,
        direct: directOf(node.ref)?.total ?? 0,
        counts,
      });
    }
  }
  // Owners outside the group tree (users, groups that no longer exist).
  owners
    .filter(owner => !covered.has(key(owner.value)))
    .sort((a, b) => a.value.localeCompare(b.value))
    .forEach(owner => {
      const counts = directOf(owner.value)!;
      rows.push({
        ref: owner.value,
        title: owner.value,
        depth: 0,
        direct: counts.total,
        counts,
      });
    });
  return rows;
}
