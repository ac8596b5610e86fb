import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  InvalidMlEntitiesResponse,
  InvalidMlEntity,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { MlCatalogApi, mlCatalogApiRef } from '../../api/MlCatalogClient';
import { modelsRouteRef } from '../../routes';
import { ORG } from '../../testing/fixtures';
import { describeInvalidCount } from './InvalidModelsNotice';
import { InvalidModelsPage } from './InvalidModelsPage';

const FRAUD: InvalidMlEntity = {
  entityRef: 'resource:default/fraud-scoring',
  kind: 'Resource',
  type: 'ai-model',
  title: 'Fraud scoring',
  owner: 'group:default/risk-ml',
  location:
    'url:https://github.com/acme/fraud-scoring/blob/main/catalog-info.yaml',
  issues: [
    { field: 'spec.mlops.tier', message: 'expected 1, 2 or 3' },
    { field: 'spec.mlops.task', message: 'must not be empty' },
  ],
  errors: [{ name: 'InputError', message: 'Invalid ai-model entity: …' }],
};
const PIPELINE: InvalidMlEntity = {
  entityRef: 'component:default/churn-training',
  kind: 'Component',
  type: 'ml-pipeline',
  owner: 'group:default/growth-ml',
  location: 'file:/srv/catalog/churn.yaml',
  issues: [],
  errors: [{ name: 'InputError', message: 'spec.owner is required' }],
};

function renderPage(url: string, response: InvalidMlEntitiesResponse) {
  const getInvalidEntities = jest.fn(async () => response);
  const api: MlCatalogApi = { getDocument: jest.fn(), getInvalidEntities };
  renderInTestApp(<InvalidModelsPage />, {
    apis: [
      [catalogApiRef, catalogApiMock({ entities: ORG })],
      [mlCatalogApiRef, api],
    ],
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      '/ml/models': modelsRouteRef,
    },
    initialRouteEntries: [url],
  });
  return { getInvalidEntities };
}

describe('InvalidModelsPage', () => {
  it('lists each invalid entity with the failing fields, its owner by name and where it came from', async () => {
    renderPage('/', { items: [FRAUD, PIPELINE], truncated: false });
    const rows = await screen.findAllByTestId('invalid-row');
    expect(rows).toHaveLength(2);
    const fraud = within(rows[0]);
    expect(fraud.getByText('Fraud scoring')).toBeInTheDocument();
    expect(
      fraud.getAllByRole('listitem').map(item => item.textContent),
    ).toEqual([
      'spec.mlops.tier: expected 1, 2 or 3',
      'spec.mlops.task: must not be empty',
    ]);
    await waitFor(() =>
      expect(fraud.getByRole('link', { name: 'Risk ML' })).toHaveAttribute(
        'href',
        '/catalog/default/group/risk-ml',
      ),
    );
    expect(
      fraud.getByRole('link', {
        name: /^https:\/\/github\.com\/acme\/fraud-scoring\/blob\/main\/catalog-info\.yaml/,
      }),
    ).toBeInTheDocument();
    const pipeline = within(rows[1]);
    expect(pipeline.getByText('ml-pipeline')).toBeInTheDocument();
    expect(pipeline.getByRole('listitem').textContent).toBe(
      'spec.owner is required',
    );
    expect(
      pipeline.getByText('file:/srv/catalog/churn.yaml'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Back to the models' }),
    ).toHaveAttribute('href', '/ml/models');
  });

  it('asks for the owner in the link and its child teams', async () => {
    const { getInvalidEntities } = renderPage('/?owner=risk-ml', {
      items: [FRAUD],
      truncated: false,
    });
    await screen.findAllByTestId('invalid-row');
    expect(getInvalidEntities).toHaveBeenCalledTimes(1);
    expect(getInvalidEntities).toHaveBeenCalledWith({
      owners: ['group:default/risk-ml', 'group:default/risk-ml-oncall'],
    });
    expect(screen.getByRole('combobox')).toHaveValue('Risk ML');
  });

  it('changes the owner from the picker', async () => {
    const { getInvalidEntities } = renderPage('/', {
      items: [],
      truncated: false,
    });
    expect(
      await screen.findByText('Every model has valid metadata'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('combobox'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Growth ML' }),
    );
    await waitFor(() =>
      expect(getInvalidEntities).toHaveBeenLastCalledWith({
        owners: ['group:default/growth-ml'],
      }),
    );
  });

  it('says when the owner in the link is not a ref', async () => {
    const { getInvalidEntities } = renderPage('/?owner=group:', {
      items: [],
      truncated: false,
    });
    expect(
      await screen.findByText(/The owner in the link was ignored/),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(getInvalidEntities).toHaveBeenCalledWith({ owners: undefined }),
    );
  });

  it('counts models and other ML entities', () => {
    expect(describeInvalidCount(['ai-model'])).toBe(
      '1 model with invalid metadata',
    );
    expect(
      describeInvalidCount(['ai-model', 'ai-model', 'dataset', 'ml-pipeline']),
    ).toBe('2 models and 2 other ML entities with invalid metadata');
  });
});
