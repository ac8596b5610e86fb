import { screen, waitFor, within } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
// The test renders the real Models page to hold both sides of the column
// contract; the app does the same wiring, the plugin itself does not import it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import mlCatalogPlugin, {
  mlCatalogApiRef,
} from '@ml-golden-paths/plugin-ml-catalog';
import { mlReadinessApiRef } from '../../api/MlReadinessApi';
import { readinessModelsColumn } from '../../plugin';
import {
  FRAUD_MODEL,
  FRAUD_SCORECARD,
  FakeReadinessApi,
} from '../../testing/fixtures';

const CHURN = {
  ...FRAUD_MODEL,
  metadata: { name: 'churn', namespace: 'default', title: 'Churn' },
};

describe('Readiness column in the Models table', () => {
  it('shows each model level, what it falls short of, and models not graded yet', async () => {
    renderTestApp({
      extensions: [
        mlCatalogPlugin.getExtension('page:ml-catalog'),
        readinessModelsColumn,
      ],
      apis: [
        [catalogApiRef, catalogApiMock({ entities: [FRAUD_MODEL, CHURN] })],
        [
          mlCatalogApiRef,
          {
            getDocument: jest.fn(),
            getInvalidEntities: async () => ({ items: [], truncated: false }),
          },
        ],
        [
          mlReadinessApiRef,
          new FakeReadinessApi({ scorecards: [FRAUD_SCORECARD] }),
        ],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: ['/ml/models'],
    });
    expect(
      await screen.findByRole('columnheader', { name: 'Readiness' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getAllByTestId('model-row')).toHaveLength(2),
    );
    const fraud = screen.getByText('Fraud scoring').closest('tr')!;
    expect(await within(fraud).findByText('Silver')).toBeInTheDocument();
    expect(within(fraud).getByText('needs Gold')).toBeInTheDocument();
    const churn = screen.getByText('Churn').closest('tr')!;
    expect(await within(churn).findByText('Not graded')).toBeInTheDocument();
  });
});
