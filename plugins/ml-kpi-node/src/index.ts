/**
 * Extension points of the KPI backend plugin (`ml-kpi`).
 *
 * @packageDocumentation
 */
export {
  kpiBackfillExtensionPoint,
  type KpiBackfillContext,
  type KpiBackfillExtensionPoint,
  type KpiBackfillItem,
  type KpiBackfillSource,
  type KpiProductionSuccess,
} from './extensionPoint';
