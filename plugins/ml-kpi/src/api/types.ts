import type { z } from 'zod';
import type { platformRollupSchema } from './schemas';
import type { KpiValue } from '@ml-golden-paths/plugin-ml-kpi-common';

/** A KPI's target for the model's tier: the value must compare so with `value`. */
export interface KpiTarget {
  comparator: '<' | '>' | '>=';
  value: number;
}

/** A model's KPIs as `GET /models/:namespace/:name` returns them. */
export interface ModelKpis {
  entityRef: string;
  ownerRef: string;
  tier: number;
  targets: Record<string, KpiTarget>;
  /** Null while no delivery of the model's repository has arrived. */
  kpis: Record<string, KpiValue> | null;
  computedAt: string | null;
  /** The trailing window the KPIs cover, in days. */
  windowDays?: number;
  daily: Array<{ day: string; kpis: Record<string, KpiValue> }>;
}

/** Where a team sits in the group tree. */
export interface TeamPlace {
  ownerRef: string;
  title: string;
  depth: number;
  parentRef?: string;
}

/** A team's delivery KPIs (its models and those of every group below it). */
export interface TeamKpis extends TeamPlace {
  models: number;
  kpis: Record<string, KpiValue>;
}

/** A team's delivery KPIs month by month. */
export interface TeamTrend extends TeamPlace {
  points: Array<{
    month: string;
    models: number;
    kpis: Record<string, KpiValue>;
  }>;
}

/** The monthly trends of the teams in scope. */
export interface TeamTrends {
  months: string[];
  items: TeamTrend[];
}

/** A platform roll-up over a set of models (definitions in the backend README). */
export type PlatformRollup = z.infer<typeof platformRollupSchema>;

/** The platform roll-ups, overall (or for one team) and per team. */
export interface PlatformKpis {
  computedAt: string;
  models: number;
  rollups: PlatformRollup[];
  teams: Array<TeamPlace & { models: number; rollups: PlatformRollup[] }>;
}
