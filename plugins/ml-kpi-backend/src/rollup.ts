import {
  BandConfig,
  classifyBand,
  DeliveryKpis,
  interpolatedMedian,
  KpiUnit,
  KpiValue,
} from '@ml-golden-paths/plugin-ml-kpi-common';

/** A team's delivery KPIs rolled up from its models. */
export type TeamKpis = {
  ownerRef: string;
  models: number;
  deploymentFrequency: KpiValue;
  leadTime: KpiValue;
  changeFailureRate: KpiValue;
  timeToRestore: KpiValue;
  timeToDetect: KpiValue;
  pipelineSuccessRate: KpiValue;
};

type Valued = Extract<KpiValue, { state: 'value' }>;

const valued = (values: KpiValue[]): Valued[] =>
  values.filter((v): v is Valued => v.state === 'value');

function noData(unit: KpiUnit): KpiValue {
  return {
    state: 'insufficient-data',
    unit,
    samples: 0,
    reason: 'no model of this team has enough data',
  };
}

function withBand(
  value: KpiValue,
  ranges?: BandConfig[keyof BandConfig],
): KpiValue {
  if (value.state !== 'value' || !ranges) {
    return value;
  }
  const band = classifyBand(value.value, ranges);
  return band ? { ...value, band } : value;
}

/**
 * Rolls up models' KPIs: deployment frequency is summed; change failure rate
 * and pipeline success rate are pooled (Σ value × samples ÷ Σ samples); lead
 * time, time to restore and time to detect are the interpolated median of the
 * models' medians. Models with too little data for a KPI are left out of it.
 */
export function rollUp(
  ownerRef: string,
  models: DeliveryKpis[],
  bands: BandConfig,
): TeamKpis {
  const sum = (key: 'deploymentFrequency', unit: KpiUnit): KpiValue => {
    const vs = valued(models.map(m => m[key]));
    return vs.length === 0
      ? noData(unit)
      : {
          state: 'value',
          value: vs.reduce((a, v) => a + v.value, 0),
          unit,
          samples: vs.reduce((a, v) => a + v.samples, 0),
        };
  };
  const pooled = (
    key: 'changeFailureRate' | 'pipelineSuccessRate',
    unit: KpiUnit,
  ): KpiValue => {
    const vs = valued(models.map(m => m[key]));
    const samples = vs.reduce((a, v) => a + v.samples, 0);
    return samples === 0
      ? noData(unit)
      : {
          state: 'value',
          value: vs.reduce((a, v) => a + v.value * v.samples, 0) / samples,
          unit,
          samples,
        };
  };
  const median = (
    key: 'leadTime' | 'timeToRestore' | 'timeToDetect',
    unit: KpiUnit,
  ): KpiValue => {
    const vs = valued(models.map(m => m[key]));
    const value = interpolatedMedian(vs.map(v => v.value));
    return value === undefined
      ? noData(unit)
      : {
          state: 'value',
          value,
          unit,
          samples: vs.reduce((a, v) => a + v.samples, 0),
        };
  };
  return {
    ownerRef,
    models: models.length,
    deploymentFrequency: withBand(
      sum('deploymentFrequency', 'per-week'),
      bands.deploymentFrequency,
    ),
    leadTime: withBand(median('leadTime', 'hours'), bands.leadTime),
    changeFailureRate: withBand(
      pooled('changeFailureRate', 'ratio'),
      bands.changeFailureRate,
    ),
    timeToRestore: withBand(
      median('timeToRestore', 'hours'),
      bands.timeToRestore,
    ),
    timeToDetect: median('timeToDetect', 'minutes'),
    pipelineSuccessRate: pooled('pipelineSuccessRate', 'ratio'),
  };
}
