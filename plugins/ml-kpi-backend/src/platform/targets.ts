import type { KpiTargets } from '@ml-golden-paths/plugin-ml-readiness-common';

/** A KPI's target for one tier: the value must compare so with `value`. */
export type KpiTarget = { comparator: '<' | '>' | '>='; value: number };

/** Targets of a model's KPIs, by KPI name (only KPIs with a target for its tier). */
export type ModelKpiTargets = Partial<Record<string, KpiTarget>>;

/**
 * Which KPI each configured target is for, and how it compares. The targets
 * themselves are the readiness KPI checks' (`mlGoldenPaths.kpi.targets`,
 * defaults from the reference KPI table), so the card shows exactly what the
 * checks grade.
 */
const TARGET_KPIS: Array<{
  target: keyof KpiTargets;
  kpi: string;
  comparator: KpiTarget['comparator'];
}> = [
  { target: 'changeFailureRate', kpi: 'changeFailureRate', comparator: '<' },
  { target: 'timeToRestoreHours', kpi: 'timeToRestore', comparator: '<' },
  { target: 'timeToDetectMinutes', kpi: 'timeToDetect', comparator: '<' },
  {
    target: 'pipelineSuccessRate',
    kpi: 'pipelineSuccessRate',
    comparator: '>',
  },
  {
    target: 'availabilitySloAttainment',
    kpi: 'availabilitySloAttainment',
    comparator: '>=',
  },
  {
    target: 'latencySloAttainment',
    kpi: 'latencySloAttainment',
    comparator: '>=',
  },
];

/** The targets that apply to a model of the given tier (none for tier 0). */
export function targetsForTier(
  targets: KpiTargets,
  tier: number,
): ModelKpiTargets {
  const key = ({ 1: 'tier1', 2: 'tier2', 3: 'tier3' } as const)[
    tier as 1 | 2 | 3
  ];
  const result: ModelKpiTargets = {};
  if (!key) return result;
  for (const { target, kpi, comparator } of TARGET_KPIS) {
    const value = targets[target]?.[key];
    if (value !== undefined) result[kpi] = { comparator, value };
  }
  return result;
}
