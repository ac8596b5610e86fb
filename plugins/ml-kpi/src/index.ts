/**
 * ML KPI frontend plugin (new frontend system): a KPI card on model pages and
 * the KPI dashboard.
 *
 * @packageDocumentation
 */

export { mlKpiPlugin as default } from './plugin';
export { kpiDashboardRouteRef as mlKpiRouteRef } from './routes';
export { mlKpiApiRef } from './api/MlKpiApi';
export type { MlKpiApi } from './api/MlKpiApi';
export { MlKpiClient } from './api/MlKpiClient';
export type * from './api/types';
