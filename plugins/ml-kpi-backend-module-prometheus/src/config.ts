import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { validateTemplate } from './templates';

/** The names of the PromQL templates, each overridable in config. */
export const QUERY_NAMES = [
  'requests',
  'failedRequests',
  'latencyP99Seconds',
  'servingCost',
  'driftAlertMinutes',
  'dataQualityAlertMinutes',
] as const;

/** One PromQL template name. */
export type QueryName = (typeof QUERY_NAMES)[number];

/**
 * Default templates, written for the golden paths' online-inference skeleton
 * (`mlapp_*` metrics, `job` = model name) and its PrometheusRule alerts.
 * Instant queries are evaluated at the end of the window; `latencyP99Seconds`
 * is a range query over the window.
 */
export const DEFAULT_QUERIES: Record<QueryName, string> = {
  requests:
    'sum(increase(mlapp_http_requests_total{job="{{model}}",route="/predict"}[{{window}}]))',
  failedRequests:
    'sum(increase(mlapp_http_requests_total{job="{{model}}",route="/predict",code=~"5.."}[{{window}}]))',
  latencyP99Seconds:
    'histogram_quantile(0.99, sum by (le) (rate(mlapp_http_request_duration_seconds_bucket{job="{{model}}",route="/predict"}[5m])))',
  servingCost:
    'sum(increase(mlapp_serving_cost_total{job="{{model}}"}[{{window}}]))',
  driftAlertMinutes:
    'sum_over_time(max(ALERTS{alertname=~"ModelFeatureDrift|ModelPredictionShift",alertstate="firing",model="{{model}}"})[{{window}}:1m])',
  dataQualityAlertMinutes:
    'sum_over_time(max(ALERTS{alertname="ModelInputValidationErrors",alertstate="firing",model="{{model}}"})[{{window}}:1m])',
};

const positiveInt = (field: string) =>
  z
    .number({ invalid_type_error: `${field} must be a number` })
    .int(`${field} must be a whole number`)
    .positive(`${field} must be positive`);

const configSchema = z.object({
  baseUrl: z
    .string({ required_error: 'baseUrl is required' })
    .superRefine((value, ctx) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: 'baseUrl must be an absolute http(s) URL',
        });
        return;
      }
      let problem: string | undefined;
      if (!/^https?:$/.test(url.protocol)) {
        problem = 'baseUrl must use http or https';
      } else if (url.username || url.password) {
        problem = 'baseUrl must not carry credentials';
      } else if (url.search || url.hash) {
        problem = 'baseUrl must not have a query or fragment';
      }
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  windowMinutes: positiveInt('windowMinutes'),
  stepSeconds: positiveInt('stepSeconds'),
  timeoutMs: positiveInt('timeoutMs'),
  minRequests: positiveInt('minRequests'),
  minLatencyPoints: positiveInt('minLatencyPoints'),
  queries: z.record(z.enum(QUERY_NAMES), z.string()),
});

/** Validated settings of the Prometheus KPI collector. */
export type PrometheusKpiConfig = {
  baseUrl: string;
  windowMinutes: number;
  stepSeconds: number;
  timeoutMs: number;
  minRequests: number;
  minLatencyPoints: number;
  queries: Record<QueryName, string>;
};

const KEY = 'mlGoldenPaths.kpi.prometheus';

/**
 * Reads `mlGoldenPaths.kpi.prometheus`. Returns undefined when no `baseUrl`
 * is configured (the collector is then not installed); throws an InputError
 * naming the key for any bad value.
 */
export function readPrometheusKpiConfig(
  root: Config,
): PrometheusKpiConfig | undefined {
  const c = root.getOptionalConfig(KEY);
  if (!c?.has('baseUrl')) {
    return undefined;
  }
  const queriesConfig = c.getOptionalConfig('queries');
  const unknownQueries = (queriesConfig?.keys() ?? []).filter(
    k => !(QUERY_NAMES as readonly string[]).includes(k),
  );
  if (unknownQueries.length) {
    throw new InputError(
      `${KEY}.queries has unknown keys ${unknownQueries.join(', ')}; known: ${QUERY_NAMES.join(', ')}`,
    );
  }
  const queries = { ...DEFAULT_QUERIES };
  for (const name of QUERY_NAMES) {
    const value = queriesConfig?.getOptionalString(name);
    if (value !== undefined) queries[name] = value;
  }
  const windowDays =
    c.getOptionalNumber('windowDays') ??
    root.getOptionalNumber('mlGoldenPaths.kpi.windowDays') ??
    30;
  const raw = {
    baseUrl: c.getString('baseUrl'),
    windowMinutes: Math.round(windowDays * 1440),
    stepSeconds: c.getOptionalNumber('stepSeconds') ?? 300,
    timeoutMs: c.getOptionalNumber('timeoutMs') ?? 15_000,
    minRequests: c.getOptionalNumber('minRequests') ?? 100,
    minLatencyPoints: c.getOptionalNumber('minLatencyPoints') ?? 12,
    queries,
  };
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.');
    throw new InputError(
      `${KEY}.${field === 'windowMinutes' ? 'windowDays' : field}: ${issue.message}`,
    );
  }
  for (const name of QUERY_NAMES) {
    validateTemplate(`${KEY}.queries.${name}`, queries[name]);
  }
  return { ...parsed.data, queries } as PrometheusKpiConfig;
}
