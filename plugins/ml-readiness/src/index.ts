/**
 * Readiness scorecards frontend plugin (new frontend system): a Readiness
 * card and tab on model pages and the Readiness page for architects.
 *
 * @packageDocumentation
 */

export { mlReadinessPlugin as default } from './plugin';
export { readinessRouteRef as mlReadinessRouteRef } from './routes';
export { mlReadinessApiRef, overviewSortFields } from './api/MlReadinessApi';
export type {
  ExemptionListQuery,
  HistoryQuery,
  MlReadinessApi,
  OverviewQuery,
  OverviewSortField,
} from './api/MlReadinessApi';
export { MlReadinessClient } from './api/MlReadinessClient';
