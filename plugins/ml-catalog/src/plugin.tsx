import {
  ApiBlueprint,
  PageBlueprint,
  coreApis,
  createExtensionInput,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { AI_MODEL_ENTITY_TYPE } from '@ml-golden-paths/plugin-ml-catalog-common';
import GroupsIcon from '@mui/icons-material/Groups';
import ModelTrainingIcon from '@mui/icons-material/ModelTraining';
import { MlCatalogClient, mlCatalogApiRef } from './api/MlCatalogClient';
import { goldenPathExtensions } from './goldenPaths/extensions';
import { goldenPathFleetRouteRef } from './goldenPaths/routes';
import { modelsTableColumnDataRef } from './columns/ModelsTableColumnBlueprint';
import {
  invalidModelsRouteRef,
  modelsRouteRef,
  ownershipRouteRef,
} from './routes';

/** Entity filter matching ai-model entities (kind Resource, spec.type ai-model). */
export const isAiModelFilter = {
  kind: 'resource',
  'spec.type': AI_MODEL_ENTITY_TYPE,
};

/** `api:ml-catalog` — the {@link MlCatalogClient} for the ml-catalog backend. */
export const mlCatalogApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: mlCatalogApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        MlCatalogClient.create({ discoveryApi, fetchApi }),
    }),
});

/**
 * `page:ml-catalog` — the Models page at `/ml/models`; other plugins add
 * table columns through its `columns` input (`ModelsTableColumnBlueprint`).
 */
export const modelsPage = PageBlueprint.makeWithOverrides({
  inputs: {
    columns: createExtensionInput([modelsTableColumnDataRef]),
  },
  factory(originalFactory, { inputs }) {
    const columns = inputs.columns.map(column =>
      column.get(modelsTableColumnDataRef),
    );
    return originalFactory({
      path: '/ml/models',
      title: 'Models',
      icon: <ModelTrainingIcon fontSize="inherit" />,
      routeRef: modelsRouteRef,
      loader: () =>
        import('./components/ModelsPage/ModelsPage').then(m => (
          <m.ModelsPage columns={columns} />
        )),
    });
  },
});

/** `page:ml-catalog/ownership` — models per team at `/ml/ownership`. */
export const ownershipPage = PageBlueprint.make({
  name: 'ownership',
  params: {
    path: '/ml/ownership',
    title: 'Model owners',
    icon: <GroupsIcon fontSize="inherit" />,
    routeRef: ownershipRouteRef,
    loader: () =>
      import('./components/OwnershipPage/OwnershipPage').then(m => (
        <m.OwnershipPage />
      )),
  },
});

/**
 * `page:ml-catalog/invalid-models` — ML entities that failed validation, at
 * `/ml/invalid-models` (linked from the Models page).
 */
export const invalidModelsPage = PageBlueprint.make({
  name: 'invalid-models',
  params: {
    path: '/ml/invalid-models',
    title: 'Invalid models',
    routeRef: invalidModelsRouteRef,
    loader: () =>
      import('./components/InvalidModelsPage/InvalidModelsPage').then(m => (
        <m.InvalidModelsPage />
      )),
  },
});

/** `entity-card:ml-catalog/model-overview` — on ai-model entities. */
export const modelOverviewCard = EntityCardBlueprint.make({
  name: 'model-overview',
  params: {
    type: 'info',
    filter: isAiModelFilter,
    loader: () =>
      import('./components/ModelOverviewCard/ModelOverviewCard').then(m => (
        <m.ModelOverviewCard />
      )),
  },
});

/** `entity-card:ml-catalog/model-versions` — on ai-model entities. */
export const modelVersionsCard = EntityCardBlueprint.make({
  name: 'model-versions',
  params: {
    filter: isAiModelFilter,
    loader: () =>
      import('./components/ModelVersionsCard/ModelVersionsCard').then(m => (
        <m.ModelVersionsCard />
      )),
  },
});

/** `entity-card:ml-catalog/model-lineage` — on ai-model entities. */
export const modelLineageCard = EntityCardBlueprint.make({
  name: 'model-lineage',
  params: {
    filter: isAiModelFilter,
    loader: () =>
      import('./components/ModelLineageCard/ModelLineageCard').then(m => (
        <m.ModelLineageCard />
      )),
  },
});

/** `entity-card:ml-catalog/group-models` — on Group entities, child teams included. */
export const groupModelsCard = EntityCardBlueprint.make({
  name: 'group-models',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/GroupModelsCard/GroupModelsCard').then(m => (
        <m.GroupModelsCard />
      )),
  },
});

/** `entity-content:ml-catalog/model-card` — the "Model card" tab of ai-model entities. */
export const modelCardContent = EntityContentBlueprint.make({
  name: 'model-card',
  params: {
    path: 'model-card',
    title: 'Model card',
    group: 'documentation',
    filter: isAiModelFilter,
    loader: () =>
      import('./components/ModelDocumentContent/ModelDocumentContent').then(
        m => <m.ModelDocumentContent document="model-card" />,
      ),
  },
});

/** `entity-content:ml-catalog/runbook` — the "Runbook" tab of ai-model entities. */
export const runbookContent = EntityContentBlueprint.make({
  name: 'runbook',
  params: {
    path: 'runbook',
    title: 'Runbook',
    group: 'documentation',
    filter: isAiModelFilter,
    loader: () =>
      import('./components/ModelDocumentContent/ModelDocumentContent').then(
        m => <m.ModelDocumentContent document="runbook" />,
      ),
  },
});

/**
 * The ML model catalog for the new frontend system: the Models page, the
 * ownership view, the list of models with invalid metadata, model entity cards (overview, versions, lineage), the
 * model-card and runbook tabs (read through the ml-catalog backend) and a
 * Models card on group pages.
 */
export const mlCatalogPlugin = createFrontendPlugin({
  pluginId: 'ml-catalog',
  title: 'ML catalog',
  icon: <ModelTrainingIcon fontSize="inherit" />,
  routes: {
    models: modelsRouteRef,
    ownership: ownershipRouteRef,
    invalidModels: invalidModelsRouteRef,
    goldenPaths: goldenPathFleetRouteRef,
  },
  extensions: [
    mlCatalogApi,
    modelsPage,
    ownershipPage,
    invalidModelsPage,
    modelOverviewCard,
    modelVersionsCard,
    modelLineageCard,
    groupModelsCard,
    modelCardContent,
    runbookContent,
    ...goldenPathExtensions,
  ],
});
