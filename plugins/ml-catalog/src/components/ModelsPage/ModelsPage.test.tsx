import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { coreApis } from '@backstage/frontend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { ORG, model } from '../../testing/fixtures';
import { InvalidMlEntitiesResponse } from '@ml-golden-paths/plugin-ml-catalog-common';
import { MlCatalogApi, mlCatalogApiRef } from '../../api/MlCatalogClient';
import { invalidModelsRouteRef } from '../../routes';
import { ModelsPage } from './ModelsPage';

const MODELS = [
  model('fraud-scoring', { owner: 'risk-ml', tier: 1, title: 'Fraud scoring' }),
  model('credit-limit', { owner: 'risk-ml-oncall', tier: 2 }),
  model('churn', { owner: 'growth-ml', tier: 3, stages: ['staging'] }),
  model('defect-detector', {
    owner: 'vision-ml',
    tier: 1,
    framework: 'pytorch',
    stages: ['production', 'staging'],
  }),
];

const BASE_FILTER = { kind: 'resource', 'spec.type': 'ai-model' };

function renderPage(
  url: string,
  entities: Entity[] = [...ORG, ...MODELS],
  invalid: InvalidMlEntitiesResponse = { items: [], truncated: false },
) {
  const catalogApi = catalogApiMock({ entities });
  const query = jest.spyOn(catalogApi, 'queryEntities');
  const getInvalidEntities = jest.fn(async () => invalid);
  const mlCatalogApi: MlCatalogApi = {
    getDocument: jest.fn(),
    getInvalidEntities,
  };
  const result = renderInTestApp(<ModelsPage />, {
    apis: [
      [catalogApiRef, catalogApi],
      [mlCatalogApiRef, mlCatalogApi],
    ],
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      '/ml/invalid-models': invalidModelsRouteRef,
    },
    initialRouteEntries: [url],
  });
  const search = () =>
    new URLSearchParams(
      result.apis.get(coreApis.appHistory)!.getSnapshot().location.search,
    );
  return { ...result, query, catalogApi, search, getInvalidEntities };
}

const rowNames = () =>
  screen
    .getAllByTestId('model-row')
    .map(
      row =>
        within(row).getAllByRole('cell')[0].querySelector('a')?.textContent,
    );

describe('ModelsPage', () => {
  it('lists every model with owner, tier, production version and stage', async () => {
    const { query } = renderPage('/');
    await waitFor(() =>
      expect(screen.getAllByTestId('model-row')).toHaveLength(4),
    );
    expect(rowNames()).toEqual([
      'churn',
      'credit-limit',
      'defect-detector',
      'Fraud scoring',
    ]);
    const fraud = screen.getByText('Fraud scoring').closest('tr')!;
    expect(within(fraud).getByText('Tier 1 · critical')).toBeInTheDocument();
    expect(within(fraud).getByText('production')).toBeInTheDocument();
    expect(within(fraud).getByText('online-inference')).toBeInTheDocument();
    expect(within(fraud).getByText('v1.2.0')).toBeInTheDocument();
    expect(within(fraud).getByText('2026-10-01')).toBeInTheDocument();
    const detector = screen.getByText('defect-detector').closest('tr')!;
    expect(within(detector).getByText('staging')).toBeInTheDocument();
    expect(within(detector).getByText('pytorch')).toBeInTheDocument();
    expect(query).toHaveBeenLastCalledWith({
      filter: BASE_FILTER,
      fields: expect.arrayContaining([
        'metadata.name',
        'spec.owner',
        'spec.mlops',
      ]),
      limit: 25,
      orderFields: { field: 'metadata.name', order: 'asc' },
    });
  });

  it('sends the URL filters to the catalog, with the team and its child teams as owners', async () => {
    const { query } = renderPage(
      '/?owner=group:default/risk-ml&tier=1&tier=2&stage=production&serving=online&framework=scikit-learn&q=fraud&sort=tier&order=desc',
    );
    await waitFor(() => expect(rowNames()).toEqual(['Fraud scoring']));
    expect(query).toHaveBeenCalledTimes(1);
    expect(query).toHaveBeenCalledWith({
      filter: {
        ...BASE_FILTER,
        'relations.ownedBy': [
          'group:default/risk-ml',
          'group:default/risk-ml-oncall',
        ],
        'spec.mlops.tier': ['1', '2'],
        'spec.mlops.versions.stage': ['production'],
        'spec.mlops.servingPattern': ['online'],
        'spec.mlops.framework': ['scikit-learn'],
      },
      fields: expect.any(Array),
      limit: 25,
      orderFields: { field: 'spec.mlops.tier', order: 'desc' },
      fullTextFilter: {
        term: 'fraud',
        fields: [
          'metadata.name',
          'metadata.title',
          'metadata.description',
          'spec.mlops.task',
        ],
      },
    });
  });

  it('includes every descendant team when filtering by a department', async () => {
    const { query } = renderPage('/?owner=ml-department');
    await waitFor(() =>
      expect(screen.getAllByTestId('model-row')).toHaveLength(3),
    );
    expect(rowNames()).not.toContain('defect-detector');
    const filter = query.mock.calls[0][0] as {
      filter: Record<string, string[]>;
    };
    expect([...filter.filter['relations.ownedBy']].sort()).toEqual([
      'group:default/growth-ml',
      'group:default/ml-department',
      'group:default/risk-ml',
      'group:default/risk-ml-oncall',
    ]);
  });

  it('filters by stage through the versions index', async () => {
    renderPage('/?stage=staging');
    await waitFor(() =>
      expect(rowNames()).toEqual(['churn', 'defect-detector']),
    );
  });

  it('writes filter changes to the URL so they survive a reload', async () => {
    const { search, query } = renderPage('/');
    await waitFor(() =>
      expect(screen.getAllByTestId('model-row')).toHaveLength(4),
    );
    await userEvent.click(screen.getByLabelText('Owner (incl. child teams)'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Risk ML' }),
    );
    await waitFor(() =>
      expect(rowNames()).toEqual(['credit-limit', 'Fraud scoring']),
    );
    expect(search().get('owner')).toBe('group:default/risk-ml');

    await userEvent.type(screen.getByLabelText('Search models'), 'credit');
    await waitFor(() => expect(search().get('q')).toBe('credit'));
    await waitFor(() => expect(rowNames()).toEqual(['credit-limit']));
    expect(query).toHaveBeenLastCalledWith(
      expect.objectContaining({
        fullTextFilter: expect.objectContaining({ term: 'credit' }),
      }),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await waitFor(() => expect(search().toString()).toBe(''));
    await waitFor(() =>
      expect(screen.getAllByTestId('model-row')).toHaveLength(4),
    );
  });

  it('toggles the sort order from the column header', async () => {
    const { search } = renderPage('/');
    await waitFor(() =>
      expect(screen.getAllByTestId('model-row')).toHaveLength(4),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Model' }));
    await waitFor(() => expect(search().get('order')).toBe('desc'));
    await waitFor(() => expect(rowNames()[0]).toBe('Fraud scoring'));
  });

  it('pages on the server with cursors', async () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      model(`model-${String(i).padStart(2, '0')}`, { owner: 'risk-ml' }),
    );
    const { query } = renderPage('/', [...ORG, ...many]);
    await waitFor(() =>
      expect(screen.getAllByTestId('model-row')).toHaveLength(25),
    );
    expect(screen.getByText('1–25 of 30')).toBeInTheDocument();
    expect(rowNames()[0]).toBe('model-00');

    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() =>
      expect(screen.getAllByTestId('model-row')).toHaveLength(5),
    );
    expect(rowNames()[0]).toBe('model-25');
    expect(screen.getByText('26–30 of 30')).toBeInTheDocument();
    expect(query).toHaveBeenLastCalledWith({
      cursor: expect.any(String),
      limit: 25,
      fields: expect.any(Array),
    });

    await userEvent.click(
      screen.getByRole('button', { name: /previous page/i }),
    );
    await waitFor(() => expect(rowNames()[0]).toBe('model-00'));
  }, 30_000);

  it('shows an empty state when nothing matches', async () => {
    renderPage('/?framework=xgboost');
    expect(
      await screen.findByText('No models match these filters'),
    ).toBeInTheDocument();
  });

  it('shows an empty state when no models are registered', async () => {
    renderPage('/', ORG);
    expect(
      await screen.findByText('No models registered yet'),
    ).toBeInTheDocument();
  });

  it('shows the error when the catalog query fails', async () => {
    const { catalogApi } = (() => {
      const api = catalogApiMock({ entities: ORG });
      jest
        .spyOn(api, 'queryEntities')
        .mockRejectedValue(new Error('catalog is down'));
      const mlCatalogApi: MlCatalogApi = {
        getDocument: jest.fn(),
        getInvalidEntities: jest.fn(async () => ({
          items: [],
          truncated: false,
        })),
      };
      renderInTestApp(<ModelsPage />, {
        apis: [
          [catalogApiRef, api],
          [mlCatalogApiRef, mlCatalogApi],
        ],
        initialRouteEntries: ['/'],
      });
      return { catalogApi: api };
    })();
    expect(
      (await screen.findAllByText(/catalog is down/)).length,
    ).toBeGreaterThan(0);
    expect(catalogApi.queryEntities).toHaveBeenCalled();
  });

  it('ignores invalid filters in the link and says which', async () => {
    const { query } = renderPage('/?tier=7&stage=retired&serving=online');
    expect(
      await screen.findByText(/Some filters in the link were ignored/),
    ).toBeInTheDocument();
    expect(screen.getByText(/tier: ignored "7"/)).toBeInTheDocument();
    expect(screen.getByText(/stage: ignored "retired"/)).toBeInTheDocument();
    await waitFor(() => expect(query).toHaveBeenCalled());
    expect(query.mock.calls[0][0]).toMatchObject({
      filter: { ...BASE_FILTER, 'spec.mlops.servingPattern': ['online'] },
    });
  });

  it('shows owners by display name: groups from the loaded hierarchy, others fetched once, unknown owners as written', async () => {
    const dana: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'dana', namespace: 'default' },
      spec: { profile: { displayName: 'Dana Scully' }, memberOf: [] },
    };
    const profiled: Entity = {
      ...ORG[4],
      metadata: { ...ORG[4].metadata, title: 'ignored title' },
      spec: { ...ORG[4].spec, profile: { displayName: 'Computer Vision' } },
    };
    const userOwned = model('user-owned', { owner: 'x' });
    userOwned.spec!.owner = 'user:dana';
    const models = [
      ...MODELS,
      userOwned,
      model('orphan', { owner: 'ghost-team' }),
    ];
    const { catalogApi } = renderPage('/', [
      ...ORG.slice(0, 4),
      profiled,
      dana,
      ...models,
    ]);
    const byRefs = jest.spyOn(catalogApi, 'getEntitiesByRefs');
    await waitFor(() =>
      expect(screen.getAllByTestId('model-row')).toHaveLength(6),
    );
    const ownerOf = (name: string) =>
      within(screen.getByText(name).closest('tr')!).getAllByRole('cell')[1];
    await waitFor(() =>
      expect(ownerOf('user-owned').textContent).toBe('Dana Scully'),
    );
    expect(ownerOf('Fraud scoring').textContent).toBe('Risk ML');
    expect(ownerOf('churn').textContent).toBe('Growth ML');
    expect(ownerOf('credit-limit').textContent).toBe('risk-ml-oncall');
    expect(ownerOf('defect-detector').textContent).toBe('Computer Vision');
    expect(ownerOf('orphan').textContent).toBe('group:ghost-team');
    expect(
      within(ownerOf('Fraud scoring')).getByRole('link').getAttribute('href'),
    ).toBe('/catalog/default/group/risk-ml');
    // Groups come from the hierarchy the page already loaded; only the
    // owners it does not know are fetched, in one call.
    expect(byRefs).toHaveBeenCalledTimes(1);
    expect(byRefs.mock.calls[0][0].entityRefs).toEqual([
      'group:default/ghost-team',
      'user:default/dana',
    ]);
  });

  it('links to the models with invalid metadata for the same owner filter, child teams included', async () => {
    const invalid = (name: string, type = 'ai-model') => ({
      entityRef: `resource:default/${name}`,
      kind: 'Resource',
      type,
      owner: 'group:default/risk-ml',
      issues: [{ field: 'spec.mlops.tier', message: 'expected 1, 2 or 3' }],
      errors: [],
    });
    const { getInvalidEntities } = renderPage(
      '/?owner=group:default/risk-ml',
      undefined,
      {
        items: [invalid('a'), invalid('b'), invalid('c', 'dataset')],
        truncated: false,
      },
    );
    const link = await screen.findByRole('link', {
      name: '2 models and 1 other ML entity with invalid metadata',
    });
    expect(link.getAttribute('href')).toBe(
      '/ml/invalid-models?owner=group%3Adefault%2Frisk-ml',
    );
    expect(getInvalidEntities).toHaveBeenCalledTimes(1);
    expect(getInvalidEntities).toHaveBeenCalledWith({
      owners: ['group:default/risk-ml', 'group:default/risk-ml-oncall'],
    });
  });

  it('shows no notice when every model is valid', async () => {
    const { getInvalidEntities } = renderPage('/');
    await waitFor(() =>
      expect(screen.getAllByTestId('model-row')).toHaveLength(4),
    );
    expect(getInvalidEntities).toHaveBeenCalledWith({ owners: undefined });
    expect(screen.queryByText(/with invalid metadata/)).toBeNull();
  });
});
