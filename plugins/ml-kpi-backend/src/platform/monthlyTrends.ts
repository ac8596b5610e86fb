import { BandConfig } from '@ml-golden-paths/plugin-ml-kpi-common';
import { rollUp, TeamKpis } from '../rollup';
import { MonthEndRow } from './KpiReadStore';
import { TeamScope } from './teamScopes';

/** The months (YYYY-MM, oldest first) ending with the month of `now`. */
export function lastMonths(now: Date, count: number): string[] {
  const months: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1),
    );
    months.push(d.toISOString().slice(0, 7));
  }
  return months;
}

/** One team's delivery KPIs month by month. */
export type TeamTrend = {
  ownerRef: string;
  title: string;
  depth: number;
  parentRef?: string;
  points: Array<{ month: string } & Omit<TeamKpis, 'ownerRef'>>;
};

/**
 * The DORA keys of each team per month. A model's KPIs of a month are its
 * last daily row of that month (each row holds the trailing-window KPIs as
 * computed that day, so the month's last row describes the month); a team's
 * month rolls those up over the models of the team and every group below it
 * exactly as the current team roll-up does ({@link rollUp}). A month in which
 * no model of the team has a row has `models: 0` and every KPI
 * `insufficient-data`.
 */
export function monthlyTeamTrends(
  rows: readonly MonthEndRow[],
  ownerOf: ReadonlyMap<string, string>,
  scopes: readonly TeamScope[],
  months: readonly string[],
  bands: BandConfig,
): TeamTrend[] {
  const byMonthOwner = new Map<string, MonthEndRow[]>();
  for (const row of rows) {
    const owner = ownerOf.get(row.entityRef);
    if (owner === undefined) continue;
    const key = `${row.month} ${owner}`;
    const list = byMonthOwner.get(key);
    if (list) list.push(row);
    else byMonthOwner.set(key, [row]);
  }
  return scopes.map(scope => ({
    ownerRef: scope.ref,
    title: scope.title,
    depth: scope.depth,
    ...(scope.parentRef ? { parentRef: scope.parentRef } : {}),
    points: months.map(month => {
      const models = [...scope.owners].flatMap(
        owner => byMonthOwner.get(`${month} ${owner}`) ?? [],
      );
      const { ownerRef: _ref, ...kpis } = rollUp(
        scope.ref,
        models.map(m => m.kpis),
        bands,
      );
      return { month, ...kpis };
    }),
  }));
}
