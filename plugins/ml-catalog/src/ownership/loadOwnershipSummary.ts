import type { CatalogApi } from '@backstage/catalog-client';
import { AI_MODEL_FILTER } from '../filters/buildModelQuery';
import { GroupHierarchy } from '../groups/GroupHierarchy';
import {
  ModelCounts,
  addModelCounts,
  countModels,
  emptyModelCounts,
} from './countModels';

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
const CONCURRENCY = 6;

async function mapWithConcurrency<T, R>(
  items: ReadonlyArray<T>,
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

/**
 * Models per owning team, with counts by tier and stage, rolled up the team
 * tree (a department's row includes its teams). The catalog counts: one facet
 * query finds the owners, then one per owner splits its models by tier and
 * stage, so the cost grows with the number of teams, not of models.
 * Teams without models anywhere below them are left out.
 */
export async function loadOwnershipSummary(
  catalogApi: CatalogApi,
  hierarchy: GroupHierarchy,
): Promise<OwnershipRow[]> {
  const { facets } = await catalogApi.getEntityFacets({
    filter: AI_MODEL_FILTER,
    facets: [OWNER_FACET],
  });
  const owners = (facets[OWNER_FACET] ?? []).filter(f => f.count > 0);
  const direct = new Map<string, ModelCounts>();
  const perOwner = await mapWithConcurrency(owners, CONCURRENCY, owner =>
    countModels(catalogApi, [owner.value]),
  );
  owners.forEach((owner, i) =>
    direct.set(owner.value.toLocaleLowerCase('en-US'), perOwner[i]),
  );
  const directOf = (ref: string) => direct.get(ref.toLocaleLowerCase('en-US'));

  const rows: OwnershipRow[] = [];
  const covered = new Set<string>();
  for (const node of hierarchy.tree()) {
    const counts = emptyModelCounts();
    for (const ref of hierarchy.descendantsOf(node.ref)) {
      const own = directOf(ref);
      if (own) {
        addModelCounts(counts, own);
        covered.add(ref.toLocaleLowerCase('en-US'));
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
    .filter(owner => !covered.has(owner.value.toLocaleLowerCase('en-US')))
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
