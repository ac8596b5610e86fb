import {
  ApiBlueprint,
  PageBlueprint,
  coreApis,
  createExtension,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import { mlReadinessApiRef } from './api/MlReadinessApi';
import { MlReadinessClient } from './api/MlReadinessClient';
import { ReadinessCell } from './components/ReadinessColumn/ReadinessCell';
import { modelsTableColumnDataRef } from './components/ReadinessColumn/modelsTableColumn';
import { readinessRouteRef } from './routes';

/** Entity filter matching ai-model entities (kind Resource, spec.type ai-model). */
export const isAiModelFilter = {
  kind: 'resource',
  'spec.type': 'ai-model',
};

/** `api:ml-readiness` — the {@link MlReadinessClient} for the readiness backend. */
export const mlReadinessApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: mlReadinessApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        MlReadinessClient.create({ discoveryApi, fetchApi }),
    }),
});

/** `page:ml-readiness` — the Readiness page at `/ml/readiness`. */
export const readinessPage = PageBlueprint.make({
  params: {
    path: '/ml/readiness',
    title: 'Readiness',
    icon: <FactCheckIcon fontSize="inherit" />,
    routeRef: readinessRouteRef,
    loader: () =>
      import('./components/ReadinessPage/ReadinessPage').then(m => (
        <m.ReadinessPage />
      )),
  },
});

/** `entity-card:ml-readiness/readiness` — on ai-model entities. */
export const readinessCard = EntityCardBlueprint.make({
  name: 'readiness',
  params: {
    filter: isAiModelFilter,
    loader: () =>
      import('./components/ReadinessCard/ReadinessCard').then(m => (
        <m.ReadinessCard />
      )),
  },
});

/** `entity-content:ml-readiness/readiness` — the "Readiness" tab of ai-model entities. */
export const readinessContent = EntityContentBlueprint.make({
  name: 'readiness',
  params: {
    path: 'readiness',
    title: 'Readiness',
    filter: isAiModelFilter,
    loader: () =>
      import('./components/ReadinessContent/ReadinessContent').then(m => (
        <m.ReadinessContent />
      )),
  },
});

/**
 * `ml-catalog-models-column:ml-readiness/readiness` — a Readiness column in
 * the ml-catalog Models table (ignored when ml-catalog is not installed).
 */
export const readinessModelsColumn = createExtension({
  kind: 'ml-catalog-models-column',
  name: 'readiness',
  attachTo: { id: 'page:ml-catalog', input: 'columns' },
  output: [modelsTableColumnDataRef],
  factory: () => [
    modelsTableColumnDataRef({ title: 'Readiness', Cell: ReadinessCell }),
  ],
});

/**
 * Readiness scorecards for the new frontend system: a Readiness card and tab
 * on model pages, and the Readiness page for architects.
 */
export const mlReadinessPlugin = createFrontendPlugin({
  pluginId: 'ml-readiness',
  title: 'ML readiness',
  icon: <FactCheckIcon fontSize="inherit" />,
  routes: {
    readiness: readinessRouteRef,
  },
  extensions: [
    mlReadinessApi,
    readinessPage,
    readinessCard,
    readinessContent,
    readinessModelsColumn,
  ],
});
