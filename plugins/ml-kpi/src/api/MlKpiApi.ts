import { createApiRef } from '@backstage/frontend-plugin-api';
import type { ModelKpis, PlatformKpis, TeamKpis, TeamTrends } from './types';

/** The ML KPI backend as the frontend uses it. */
export interface MlKpiApi {
  /**
   * A model's KPIs, the targets of its tier and its daily rows of the last
   * `days` days. Rejects with a 404 ResponseError when the user may not see
   * the model.
   */
  getModelKpis(
    entityRef: string,
    options?: { days?: number },
  ): Promise<ModelKpis>;
  /** Delivery KPIs per team through nested groups (one team and those below it with `owner`). */
  getTeams(owner?: string): Promise<TeamKpis[]>;
  /** The same per month, the last `months` months. */
  getTeamTrends(owner?: string, months?: number): Promise<TeamTrends>;
  /** The platform roll-ups from readiness facts, overall (or for `owner`) and per team. */
  getPlatform(owner?: string): Promise<PlatformKpis>;
}

/** API reference of {@link MlKpiApi}. */
export const mlKpiApiRef = createApiRef<MlKpiApi>().with({
  id: 'plugin.ml-kpi.service',
  pluginId: 'ml-kpi',
});
