import type { KpiUnit } from '@ml-golden-paths/plugin-ml-kpi-common';
import type { KpiTarget } from './api/types';

/** The KPIs the card and dashboard show, in order, with their titles. */
export const KPI_TITLES: ReadonlyArray<readonly [key: string, title: string]> =
  [
    ['deploymentFrequency', 'Deployment frequency'],
    ['leadTime', 'Lead time for changes'],
    ['changeFailureRate', 'Change failure rate'],
    ['timeToRestore', 'Time to restore'],
    ['timeToDetect', 'Time to detect'],
    ['pipelineSuccessRate', 'Pipeline success rate'],
    ['availabilitySloAttainment', 'Availability SLO attainment'],
    ['latencySloAttainment', 'Latency SLO attainment'],
  ];

/** The four DORA keys (the dashboard's team table and trend charts). */
export const DORA_KEYS = [
  'deploymentFrequency',
  'leadTime',
  'changeFailureRate',
  'timeToRestore',
] as const;

/** The title of a KPI by key. */
export function kpiTitle(key: string): string {
  return KPI_TITLES.find(([k]) => k === key)?.[1] ?? key;
}

const trim = (text: string) =>
  text.replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');

/**
 * A value in its unit, for people: ratios as percent (two decimals from 99 %,
 * so 99.95 % is not shown as 100 %), per-week with one decimal, hours as
 * minutes below 1 h and days from 48 h, minutes as hours from 120 min.
 */
export function formatValue(value: number, unit: KpiUnit): string {
  switch (unit) {
    case 'ratio': {
      const percent = value * 100;
      const digits = percent >= 99 && percent < 100 ? 2 : 1;
      return `${trim(percent.toFixed(digits))} %`;
    }
    case 'per-week':
      return `${trim(value.toFixed(1))} / week`;
    case 'hours':
      if (value < 1) return `${Math.round(value * 60)} min`;
      if (value < 48) return `${trim(value.toFixed(1))} h`;
      return `${trim((value / 24).toFixed(1))} d`;
    case 'minutes':
      if (value < 120) return `${trim(value.toFixed(value < 10 ? 1 : 0))} min`;
      return `${trim((value / 60).toFixed(1))} h`;
    default:
      return String(value);
  }
}

const COMPARATOR_TEXT: Record<KpiTarget['comparator'], string> = {
  '<': '<',
  '>': '>',
  '>=': '≥',
};

/** A target in words, e.g. `< 15 %`. */
export function formatTarget(target: KpiTarget, unit: KpiUnit): string {
  return `${COMPARATOR_TEXT[target.comparator]} ${formatValue(target.value, unit)}`;
}

/** Whether a value meets its target. */
export function meetsTarget(value: number, target: KpiTarget): boolean {
  switch (target.comparator) {
    case '<':
      return value < target.value;
    case '>':
      return value > target.value;
    default:
      return value >= target.value;
  }
}
