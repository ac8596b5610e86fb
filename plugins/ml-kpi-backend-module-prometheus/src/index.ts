/**
 * Readiness module: the `serving` fact collector, reading a model's SLO
 * attainment, traffic, serving cost and alert time from Prometheus.
 *
 * @packageDocumentation
 */
export { mlKpiPrometheusModule as default } from './module';
export { ServingFactCollector, readObjectives } from './ServingFactCollector';
export { PrometheusClient, PrometheusQueryError } from './PrometheusClient';
export type { PromPoint, PromSeries } from './PrometheusClient';
export {
  readPrometheusKpiConfig,
  DEFAULT_QUERIES,
  QUERY_NAMES,
} from './config';
export type { PrometheusKpiConfig, QueryName } from './config';
