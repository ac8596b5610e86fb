import { screen, waitFor, within } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import type { ExtensionDefinition } from '@backstage/frontend-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { ORG, model } from './testing/fixtures';
import { FRAUD_LINEAGE, FRAUD_MODEL } from './testing/lineageFixtures';
import {
  groupModelsCard,
  mlCatalogPlugin,
  modelLineageCard,
  modelOverviewCard,
  modelVersionsCard,
} from './plugin';

function renderCard(
  entity: typeof FRAUD_MODEL,
  card: ExtensionDefinition,
  others = FRAUD_LINEAGE,
) {
  const catalogApi = catalogApiMock({ entities: [entity, ...ORG, ...others] });
  return renderTestApp({
    extensions: [createTestEntityPage({ entity }), card],
    apis: [[catalogApiRef, catalogApi]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('mlCatalogPlugin', () => {
  it.each([
    'page:ml-catalog',
    'page:ml-catalog/ownership',
    'page:ml-catalog/invalid-models',
    'entity-card:ml-catalog/model-overview',
    'entity-card:ml-catalog/model-versions',
    'entity-card:ml-catalog/model-lineage',
    'entity-card:ml-catalog/group-models',
    'entity-content:ml-catalog/model-card',
    'entity-content:ml-catalog/runbook',
    'api:ml-catalog',
  ] as const)('provides %s', id => {
    expect(mlCatalogPlugin.getExtension(id)).toBeDefined();
  });
});

describe('model overview card', () => {
  it('shows tier, task, serving, SLOs, on-call and only safe links', async () => {
    const withLinks = {
      ...FRAUD_MODEL,
      metadata: {
        ...FRAUD_MODEL.metadata,
        links: [
          // eslint-disable-next-line no-script-url
          { url: 'javascript:alert(1)', title: 'Sneaky' },
          { url: 'https://docs.example.com/fraud', title: 'Docs' },
        ],
      },
    };
    renderCard(withLinks, modelOverviewCard);
    expect(
      await screen.findByText('Model overview', {}, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('The fraud-scoring model.')).toBeInTheDocument();
    expect(screen.getByText('Tier 1 · critical')).toBeInTheDocument();
    expect(screen.getByText('binary-classification')).toBeInTheDocument();
    expect(
      screen.getByText('p99 ≤ 150 ms · 99.9% available'),
    ).toBeInTheDocument();
    expect(screen.getByText('online-inference 1.2.0')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Dashboard/ })).toHaveAttribute(
      'href',
      'https://grafana.example.com/d/fraud',
    );
    expect(screen.getByRole('link', { name: /^Runbook/ })).toHaveAttribute(
      'href',
      'https://runbooks.example.com/fraud-scoring',
    );
    expect(
      screen.getByRole('link', { name: 'Open the Runbook tab' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/fraud-scoring/runbook',
    );
    expect(
      screen.getByRole('link', { name: 'Open the Model card tab' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/fraud-scoring/model-card',
    );
    expect(screen.getByRole('link', { name: /Docs/ })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Source/ })).toHaveAttribute(
      'href',
      'https://github.com/acme/fraud-scoring',
    );
    expect(screen.queryByText('Sneaky')).not.toBeInTheDocument();
    for (const link of screen.getAllByRole('link')) {
      expect(link.getAttribute('href')).not.toMatch(/^javascript:/i);
    }
  });

  it('names the invalid field instead of rendering unchecked data', async () => {
    const broken = model('broken', { owner: 'risk-ml', mlops: { tier: 7 } });
    renderCard(broken, modelOverviewCard);
    expect(
      await screen.findByText(/spec\.mlops.*is invalid/),
    ).toBeInTheDocument();
    expect(screen.getByText('spec.mlops.tier')).toBeInTheDocument();
  });
});

describe('model versions card', () => {
  it('lists versions newest first with metrics, dataset, commit and approver', async () => {
    renderCard(FRAUD_MODEL, modelVersionsCard);
    const rows = await screen.findAllByTestId('version-row');
    expect(
      rows.map(r => within(r).getAllByRole('cell')[0].textContent),
    ).toEqual(['13', '12']);
    const v12 = rows[1];
    expect(within(v12).getByText('production')).toBeInTheDocument();
    expect(within(v12).getAllByRole('cell')[2].textContent).toBe(
      '2026-10-0209:00 UTC',
    );
    expect(
      within(within(v12).getByRole('list', { name: 'Metrics of version 12' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['auc0.93', 'f10.81']);
    expect(within(v12).getByText('@2026-09-30')).toBeInTheDocument();
    expect(within(v12).getByRole('link', { name: /3f2c1e0/ })).toHaveAttribute(
      'href',
      'https://github.com/acme/fraud-scoring/commit/3f2c1e0',
    );
  });
});

describe('model lineage card', () => {
  it('links datasets, pipeline, model, serving component and API', async () => {
    renderCard(FRAUD_MODEL, modelLineageCard);
    const serving = await screen.findByRole('region', { name: 'Serving' });
    await waitFor(() =>
      expect(within(serving).getByRole('link')).toHaveTextContent(
        /fraud-api-server/,
      ),
    );
    const datasets = screen.getByRole('region', { name: 'Datasets' });
    expect(
      within(datasets)
        .getAllByRole('link')
        .map(l => l.textContent),
    ).toEqual([
      expect.stringMatching(/card-transactions/),
      expect.stringMatching(/merchants/),
    ]);
    expect(
      within(datasets).getByText(
        'resource:default/chargebacks (not in catalog)',
      ),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('region', { name: 'Training pipeline' }),
      ).getByRole('link'),
    ).toHaveTextContent(/fraud-training-pipeline/);
    expect(
      within(screen.getByRole('region', { name: 'APIs' })).getByRole('link'),
    ).toHaveTextContent(/fraud-api/);
  });

  it('says when a model is not served', async () => {
    renderCard(FRAUD_MODEL, modelLineageCard, []);
    expect(await screen.findByText('not served')).toBeInTheDocument();
  });
});

describe('group models card', () => {
  it('counts the models of the team and its child teams', async () => {
    const riskMl = ORG.find(e => e.metadata.name === 'risk-ml')!;
    const catalogApi = catalogApiMock({
      entities: [
        ...ORG,
        model('fraud', { owner: 'risk-ml', tier: 1 }),
        model('credit', {
          owner: 'risk-ml-oncall',
          tier: 2,
          stages: ['staging'],
        }),
        model('churn', { owner: 'growth-ml', tier: 3 }),
      ],
    });
    renderTestApp({
      extensions: [createTestEntityPage({ entity: riskMl }), groupModelsCard],
      apis: [[catalogApiRef, catalogApi]],
    });
    expect(
      await screen.findByText(/models across 2 teams/),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('all models')).toHaveTextContent('2');
    expect(screen.getByLabelText('tier 1')).toHaveTextContent('1');
    expect(screen.getByLabelText('tier 3')).toHaveTextContent('0');
    expect(screen.getByLabelText('staging')).toHaveTextContent('1');
    const list = screen.getByRole('list', { name: 'Most critical models' });
    expect(
      within(list)
        .getAllByRole('link')
        .map(l => l.textContent),
    ).toEqual([
      expect.stringMatching(/fraud/),
      expect.stringMatching(/credit/),
    ]);
  });

  it('says when the team owns no models', async () => {
    const vision = ORG.find(e => e.metadata.name === 'vision-ml')!;
    renderTestApp({
      extensions: [createTestEntityPage({ entity: vision }), groupModelsCard],
      apis: [
        [
          catalogApiRef,
          catalogApiMock({
            entities: [...ORG, model('fraud', { owner: 'risk-ml' })],
          }),
        ],
      ],
    });
    expect(
      await screen.findByText(
        'No models are owned by this team or its child teams.',
      ),
    ).toBeInTheDocument();
  });
});
