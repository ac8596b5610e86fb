import { createRouteRef } from '@backstage/frontend-plugin-api';

/** Route of the KPI dashboard (`/ml/kpis` by default). */
export const kpiDashboardRouteRef = createRouteRef();
