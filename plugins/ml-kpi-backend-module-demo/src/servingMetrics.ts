import { DemoModel } from './demoModels';
import { hash32, Random } from './random';

/** Options of {@link demoServingMetrics}. */
export interface DemoMetricsOptions {
  /** The last sample's time (floored to the minute). */
  now: Date;
  /** Days of request and cost counters. Defaults to 30. */
  days?: number;
  /** Hours of latency histogram samples (one a minute). Defaults to 24. */
  latencyHours?: number;
  seed?: string;
}

/** What was generated for one model, for tests and the log. */
export interface DemoServingModel {
  name: string;
  requestsPerMinute: number;
  errorRatio: number;
  costPer1k: number;
  /** Share of latency minutes over the p99 objective. */
  degradedShare: number;
  driftAlertMinutes: number;
  dataQualityAlertMinutes: number;
}

/** The generated OpenMetrics text and what went into it. */
export interface DemoMetrics {
  openMetrics: string;
  models: DemoServingModel[];
}

/**
 * Counters every 12 hours: `increase(…[30d])` needs no more, and promtool
 * writes one 2-hour block per stretch of samples (every 15 minutes over 30
 * days made 361 blocks and a minute of promtool).
 */
const COUNTER_STEP_MINUTES = 720;

type Labels = Record<string, string>;
const fmt = (labels: Labels) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');

/** Only models online and in production serve traffic in the demo. */
export function servesTraffic(model: DemoModel): boolean {
  return model.lifecycle === 'production' && model.slo !== undefined;
}

/**
 * A small Prometheus data set (OpenMetrics, for `promtool tsdb
 * create-blocks-from openmetrics`) with the series the Prometheus KPI
 * module's default PromQL templates read, for the demo models that serve
 * online in production (`job` = the model's name, route `/predict`):
 * `mlapp_http_requests_total` by `code` and `mlapp_serving_cost_total` every
 * 12 hours over `days`, `mlapp_http_request_duration_seconds_bucket` every
 * minute over the last `latencyHours` (buckets around the model's p99
 * objective, with degraded stretches where the p99 exceeds it), and `ALERTS`
 * for drift and data-quality alerts while they fire (in the same hours). Deterministic for a
 * seed; most models meet a 99.9 % availability target, about a quarter miss
 * it.
 */
export function demoServingMetrics(
  models: DemoModel[],
  options: DemoMetricsOptions,
): DemoMetrics {
  const seed = options.seed ?? 'ml-golden-paths-demo';
  const days = options.days ?? 30;
  const latencyMinutes = Math.round((options.latencyHours ?? 24) * 60);
  const end = Math.floor(options.now.getTime() / 60_000) * 60;
  const counterSamples = Math.floor((days * 1440) / COUNTER_STEP_MINUTES);
  const counterStart = end - counterSamples * COUNTER_STEP_MINUTES * 60;
  const latencyStart = end - latencyMinutes * 60;

  const requests: string[] = [];
  const cost: string[] = [];
  const buckets: string[] = [];
  const alerts: string[] = [];
  const generated: DemoServingModel[] = [];

  for (const model of models.filter(servesTraffic)) {
    const random = new Random(hash32(`${seed}:serving:${model.name}`));
    const rpm = Math.round(random.between(40, 400));
    const missesTarget = random.chance(0.25);
    const errorRatio = missesTarget
      ? random.between(0.0012, 0.004)
      : random.between(0.00002, 0.0006);
    const costPer1k = Number(random.between(0.04, 0.6).toFixed(3));
    const job = { job: model.name, route: '/predict' };

    // Counters: cumulative counts sampled every 15 minutes.
    const step = COUNTER_STEP_MINUTES * rpm;
    const ok: string[] = [];
    const failed: string[] = [];
    const spend: string[] = [];
    for (let i = 0; i <= counterSamples; i++) {
      const at = counterStart + i * COUNTER_STEP_MINUTES * 60;
      const total = 1000 + i * step;
      const errors = Math.round(i * step * errorRatio);
      ok.push(
        `mlapp_http_requests_total{${fmt({ ...job, code: '200' })}} ${
          total - errors
        } ${at}`,
      );
      failed.push(
        `mlapp_http_requests_total{${fmt({ ...job, code: '500' })}} ${errors} ${at}`,
      );
      spend.push(
        `mlapp_serving_cost_total{${fmt({ job: model.name })}} ${(
          ((i * step) / 1000) *
          costPer1k
        ).toFixed(4)} ${at}`,
      );
    }
    requests.push(...ok, ...failed);
    cost.push(...spend);

    // Latency histogram around the model's objective, one sample a minute.
    let degradedMinutes = 0;
    if (model.slo?.latencyP99Ms) {
      const objective = model.slo.latencyP99Ms / 1000;
      const degraded = new Set<number>();
      const stretches = random.int(0, 3);
      for (let s = 0; s < stretches; s++) {
        const from = random.int(0, latencyMinutes - 60);
        const length = random.int(15, 60);
        for (let m = from; m < from + length; m++) degraded.add(m);
      }
      degradedMinutes = degraded.size;
      // Cumulative shares per bucket in a normal and a degraded minute.
      const les = [0.5, 0.8, 1, 1.5, 3].map(f =>
        Number((objective * f).toFixed(4)),
      );
      const normal = [0.9, 0.995, 1, 1, 1, 1];
      const slow = [0.6, 0.85, 0.95, 1, 1, 1];
      const counts = new Array(les.length + 1).fill(0);
      const series: string[][] = counts.map(() => []);
      for (let m = 0; m <= latencyMinutes; m++) {
        const shares = degraded.has(m) ? slow : normal;
        for (let b = 0; b < counts.length; b++) {
          counts[b] += Math.round(rpm * shares[b]);
          const le = b < les.length ? String(les[b]) : '+Inf';
          series[b].push(
            `mlapp_http_request_duration_seconds_bucket{${fmt({
              ...job,
              le,
            })}} ${counts[b]} ${latencyStart + m * 60}`,
          );
        }
      }
      buckets.push(...series.flat());
    }

    // Alerts while firing, one sample a minute, in the latency hours.
    const firing = (alertname: string, chance: number) => {
      let minutes = 0;
      if (!random.chance(chance)) return minutes;
      const count = random.int(1, 3);
      const starts = Array.from({ length: count }, () =>
        random.int(0, Math.max(0, latencyMinutes - 130)),
      ).sort((a, b) => a - b);
      let last = -1;
      for (const from of starts) {
        const length = random.int(10, 120);
        for (let m = Math.max(from, last + 1); m < from + length; m++) {
          alerts.push(
            `ALERTS{${fmt({
              alertname,
              alertstate: 'firing',
              model: model.name,
              severity: 'ticket',
            })}} 1 ${latencyStart + m * 60}`,
          );
          minutes += 1;
          last = m;
        }
      }
      return minutes;
    };
    const driftAlertMinutes = firing('ModelFeatureDrift', 0.5);
    const dataQualityAlertMinutes = firing('ModelInputValidationErrors', 0.3);

    generated.push({
      name: model.name,
      requestsPerMinute: rpm,
      errorRatio,
      costPer1k,
      degradedShare: latencyMinutes ? degradedMinutes / latencyMinutes : 0,
      driftAlertMinutes,
      dataQualityAlertMinutes,
    });
  }

  const family = (name: string, lines: string[]) =>
    lines.length ? [`# TYPE ${name} gauge`, ...lines] : [];
  const openMetrics = [
    ...family('mlapp_http_requests_total', requests),
    ...family('mlapp_serving_cost_total', cost),
    ...family('mlapp_http_request_duration_seconds_bucket', buckets),
    ...family('ALERTS', alerts),
    '# EOF',
    '',
  ].join('\n');
  return { openMetrics, models: generated };
}
