/**
 * ML KPI demo module: a seeded history of signed GitHub webhook deliveries
 * replayed through the real endpoint, and a small Prometheus data set, for
 * development and demos.
 *
 * @packageDocumentation
 */
export { mlKpiDemoModule as default } from './module';
export { demoModelsFrom } from './demoModels';
export type { DemoModel } from './demoModels';
export { demoWebhookHistory, profileOf } from './webhookHistory';
export type {
  DemoDelivery,
  DemoEvent,
  DemoHistoryOptions,
} from './webhookHistory';
export { demoServingMetrics, servesTraffic } from './servingMetrics';
export type {
  DemoMetrics,
  DemoMetricsOptions,
  DemoServingModel,
} from './servingMetrics';
export { replayDeliveries, signDelivery, DEMO_HOOK_ID } from './replay';
export type { ReplayResult, SignedDelivery } from './replay';
export { startDemoPrometheus, missingPrometheus } from './demoPrometheus';
export type { DemoPrometheus } from './demoPrometheus';
