import {
  ApiBlueprint,
  PageBlueprint,
  coreApis,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import AltRouteIcon from '@mui/icons-material/AltRoute';
import { GoldenPathClient, goldenPathApiRef } from './GoldenPathClient';
import { goldenPathFleetRouteRef } from './routes';

const isAiModel = { kind: 'resource', 'spec.type': 'ai-model' };

/** `api:ml-catalog/golden-paths` — the {@link GoldenPathClient}. */
export const goldenPathApi = ApiBlueprint.make({
  name: 'golden-paths',
  params: defineParams =>
    defineParams({
      api: goldenPathApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: deps => new GoldenPathClient(deps),
    }),
});

/** `page:ml-catalog/golden-paths` — the fleet view at `/ml/golden-paths`. */
export const goldenPathFleetPage = PageBlueprint.make({
  name: 'golden-paths',
  params: {
    path: '/ml/golden-paths',
    title: 'Golden paths',
    icon: <AltRouteIcon fontSize="inherit" />,
    routeRef: goldenPathFleetRouteRef,
    loader: () =>
      import('./GoldenPathFleetPage').then(m => <m.GoldenPathFleetPage />),
  },
});

/** `entity-card:ml-catalog/golden-path` — on ai-model entities. */
export const goldenPathCard = EntityCardBlueprint.make({
  name: 'golden-path',
  params: {
    filter: isAiModel,
    loader: () => import('./GoldenPathCard').then(m => <m.GoldenPathCard />),
  },
});

/** The golden-path extensions of the ML catalog plugin. */
export const goldenPathExtensions = [
  goldenPathApi,
  goldenPathFleetPage,
  goldenPathCard,
];
