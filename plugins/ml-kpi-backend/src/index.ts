/**
 * The ML KPI backend plugin.
 *
 * @packageDocumentation
 */
export { mlKpiPlugin as default } from './plugin';
export {
  kpiBackfillExtensionPoint,
  type KpiBackfillContext,
  type KpiBackfillExtensionPoint,
  type KpiBackfillItem,
  type KpiBackfillSource,
  type KpiProductionSuccess,
} from './backfill/extensionPoint';
