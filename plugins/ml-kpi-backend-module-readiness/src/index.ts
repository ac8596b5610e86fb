/**
 * Readiness module: the `delivery` fact collector backed by the ML KPI plugin.
 *
 * @packageDocumentation
 */
export { mlKpiReadinessModule as default } from './module';
export {
  DeliveryFactCollector,
  noDeliveryFacts,
  toDeliveryFacts,
} from './DeliveryFactCollector';
