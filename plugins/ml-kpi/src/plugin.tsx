import {
  ApiBlueprint,
  PageBlueprint,
  coreApis,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import InsightsIcon from '@mui/icons-material/Insights';
import { mlKpiApiRef } from './api/MlKpiApi';
import { MlKpiClient } from './api/MlKpiClient';
import { kpiDashboardRouteRef } from './routes';

/** `api:ml-kpi` — the {@link MlKpiClient} for the KPI backend. */
export const mlKpiApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: mlKpiApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        MlKpiClient.create({ discoveryApi, fetchApi }),
    }),
});

/** `page:ml-kpi` — the KPI dashboard at `/ml/kpis`. */
export const kpiDashboardPage = PageBlueprint.make({
  params: {
    path: '/ml/kpis',
    title: 'KPIs',
    icon: <InsightsIcon fontSize="inherit" />,
    routeRef: kpiDashboardRouteRef,
    loader: () =>
      import('./components/KpiDashboard/KpiDashboardPage').then(m => (
        <m.KpiDashboardPage />
      )),
  },
});

/** `entity-card:ml-kpi/kpis` — the KPI card on ai-model entities. */
export const kpiCard = EntityCardBlueprint.make({
  name: 'kpis',
  params: {
    filter: { kind: 'resource', 'spec.type': 'ai-model' },
    loader: () =>
      import('./components/KpiCard/KpiCard').then(m => <m.KpiCard />),
  },
});

/**
 * ML KPIs for the new frontend system: a KPI card on model pages and the
 * KPI dashboard (platform roll-ups, DORA keys by team with monthly trends).
 */
export const mlKpiPlugin = createFrontendPlugin({
  pluginId: 'ml-kpi',
  title: 'ML KPIs',
  icon: <InsightsIcon fontSize="inherit" />,
  routes: { kpis: kpiDashboardRouteRef },
  extensions: [mlKpiApi, kpiDashboardPage, kpiCard],
});
