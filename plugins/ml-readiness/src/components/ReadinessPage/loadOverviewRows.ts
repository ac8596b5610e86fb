import type { OverviewRow } from '@ml-golden-paths/plugin-ml-readiness-common';
import type { MlReadinessApi, OverviewQuery } from '../../api/MlReadinessApi';

/** Rows fetched per overview request (the backend allows at most 500). */
export const OVERVIEW_PAGE_SIZE = 500;

/**
 * Every overview row matching the query, page by page (sorted by model), up
 * to `cap` rows; `truncated` says when there were more.
 */
export async function loadOverviewRows(
  api: MlReadinessApi,
  query: OverviewQuery,
  cap: number = 5000,
): Promise<{ rows: OverviewRow[]; totalItems: number; truncated: boolean }> {
  const rows: OverviewRow[] = [];
  let totalItems = 0;
  for (let offset = 0; offset < cap; offset += OVERVIEW_PAGE_SIZE) {
    const page = await api.getOverview({
      ...query,
      orderBy: 'entityRef',
      order: 'asc',
      offset,
      limit: Math.min(OVERVIEW_PAGE_SIZE, cap - offset),
    });
    rows.push(...page.items);
    totalItems = page.totalItems;
    if (page.items.length === 0 || rows.length >= page.totalItems) {
      break;
    }
  }
  return { rows, totalItems, truncated: totalItems > rows.length };
}
