import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { ORG, model } from '../../testing/fixtures';
import { modelsRouteRef } from '../../routes';
import { OwnershipPage } from './OwnershipPage';

function renderPage(entities = ORG) {
  return renderInTestApp(<OwnershipPage />, {
    apis: [[catalogApiRef, catalogApiMock({ entities })]],
    mountedRoutes: {
      '/ml/models': modelsRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
  });
}

describe('OwnershipPage', () => {
  it('rolls models up the team tree and links each count to the Models view', async () => {
    renderPage([
      ...ORG,
      model('fraud', { owner: 'risk-ml', tier: 1 }),
      model('credit', {
        owner: 'risk-ml-oncall',
        tier: 1,
        stages: ['staging'],
      }),
      model('churn', { owner: 'growth-ml', tier: 3 }),
    ]);
    const rows = await screen.findAllByTestId('ownership-row');
    expect(
      rows.map(row => within(row).getAllByRole('cell')[0].textContent),
    ).toEqual(['Machine Learning', 'Growth ML', 'Risk ML', 'risk-ml-oncall']);
    expect(
      screen.getByLabelText('Machine Learning: all models'),
    ).toHaveTextContent('3');
    const riskTier1 = screen.getByLabelText('Risk ML: tier 1');
    expect(riskTier1).toHaveTextContent('2');
    expect(riskTier1).toHaveAttribute(
      'href',
      '/ml/models?owner=group%3Adefault%2Frisk-ml&tier=1',
    );
    expect(screen.getByLabelText('Risk ML: staging')).toHaveAttribute(
      'href',
      '/ml/models?owner=group%3Adefault%2Frisk-ml&stage=staging',
    );
    expect(screen.getByLabelText('Growth ML: tier 1').tagName).toBe('SPAN');
  });

  it('shows an empty state without models', async () => {
    renderPage();
    expect(
      await screen.findByText('No models registered yet'),
    ).toBeInTheDocument();
  });
});
