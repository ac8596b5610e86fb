import { KpiValue } from '@ml-golden-paths/plugin-ml-kpi-common';
import { ReadinessModel } from './platformRollups';

/** Serving KPIs of a model, by the KPI names the targets use. */
export type ServingKpis = {
  availabilitySloAttainment: KpiValue;
  latencySloAttainment: KpiValue;
};

/**
 * A model's SLO attainment as KPIs, from the readiness `serving` facts the
 * Prometheus module collects (definitions in its README): availability
 * attainment is the share of requests that succeeded, latency attainment the
 * share of sampled instants whose p99 met the model's objective, both over
 * the facts' trailing window. `samples` is the window's request count. Too
 * little traffic (or no objective) is `insufficient-data`. Undefined when the
 * model has no serving facts.
 */
export function servingKpis(
  model: ReadinessModel | undefined,
): ServingKpis | undefined {
  const serving = model?.serving;
  if (!serving) {
    return undefined;
  }
  const samples = serving.requestCount.enoughData
    ? serving.requestCount.value
    : 0;
  const kpi = (
    fact: { enoughData: boolean; value: number },
    what: string,
  ): KpiValue =>
    fact.enoughData
      ? { state: 'value', value: fact.value, unit: 'ratio', samples }
      : {
          state: 'insufficient-data',
          unit: 'ratio',
          samples,
          reason: `not enough traffic in the last ${serving.windowDays} days, or no ${what} objective declared (spec.mlops.slo)`,
        };
  return {
    availabilitySloAttainment: kpi(
      serving.sloAvailabilityAttainment,
      'availability',
    ),
    latencySloAttainment: kpi(serving.latencySloAttainment, 'latency'),
  };
}
