import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { coreApis } from '@backstage/frontend-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { mlReadinessApiRef } from '../../api/MlReadinessApi';
import {
  FRAUD_SCORECARD,
  FakeReadinessApi,
  group,
  row,
} from '../../testing/fixtures';
import { ReadinessPage } from './ReadinessPage';

const GROUPS = [
  group('ml-platform'),
  group('risk-ml', 'ml-platform'),
  group('growth-ml', 'ml-platform'),
];

const ROWS = [
  row('fraud-scoring', {
    title: 'Fraud scoring',
    tier: 1,
    level: 'silver',
    requiredLevel: 'gold',
    meetsRequiredLevel: false,
    failing: 1,
    unknown: 1,
    failingChecks: ['runbook-linked'],
  }),
  row('churn', {
    owner: 'group:default/growth-ml',
    tier: 3,
    level: 'bronze',
    requiredLevel: 'bronze',
  }),
];

function renderPage(
  url: string,
  api = new FakeReadinessApi({
    rows: ROWS,
    scorecards: [FRAUD_SCORECARD],
    policy: {
      checks: [
        {
          id: 'runbook-linked',
          title: 'Runbook is linked',
          category: 'ownership-documentation',
          level: 'gold',
          description: 'A runbook is linked',
          remediation: 'Link it',
          goldenPathLink: '/docs',
        },
      ],
      tierLevels: { '1': 'gold', '2': 'silver', '3': 'bronze' },
    },
  }),
) {
  const result = renderInTestApp(<ReadinessPage />, {
    apis: [
      [mlReadinessApiRef, api],
      [catalogApiRef, catalogApiMock({ entities: GROUPS })],
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    initialRouteEntries: [url],
  });
  const search = () =>
    new URLSearchParams(
      result.apis.get(coreApis.appHistory)!.getSnapshot().location.search,
    );
  return { ...result, api, search };
}

/** Opens a MUI select the way a pointer does (MUI listens to mousedown). */
function openSelect(label: string) {
  fireEvent.mouseDown(screen.getByRole('combobox', { name: label }));
}

describe('ReadinessPage', () => {
  it('writes the chosen filters to the URL and asks the backend with them', async () => {
    const { api, search } = renderPage('/?stage=production');
    const user = userEvent.setup();
    await screen.findAllByTestId('heatmap-row');
    expect(api.overviewQueries[0]).toMatchObject({ stage: 'production' });

    openSelect('Tier');
    await user.click(await screen.findByRole('option', { name: 'Tier 1' }));
    await waitFor(() => expect(search().get('tier')).toBe('1'));
    expect(search().get('stage')).toBe('production');

    openSelect('Failing check');
    await user.click(
      await screen.findByRole('option', { name: 'Runbook is linked' }),
    );
    await waitFor(() => expect(search().get('check')).toBe('runbook-linked'));
    await waitFor(() =>
      expect(api.overviewQueries.at(-1)).toMatchObject({
        tier: 1,
        stage: 'production',
        failingCheck: 'runbook-linked',
      }),
    );

    openSelect('Tier');
    await user.click(await screen.findByRole('option', { name: 'Any' }));
    await waitFor(() => expect(search().has('tier')).toBe(false));
    expect(search().get('check')).toBe('runbook-linked');
  });

  it('reads filters from the link and says which ones it ignored', async () => {
    const { api } = renderPage('/?tier=7&level=gold&owner=not%20a%20ref');
    expect(
      await screen.findByText(/Ignored filters from the link/),
    ).toHaveTextContent(/owner 'not a ref'.*tier '7' must be 1, 2 or 3/);
    await waitFor(() => expect(api.overviewQueries.length).toBeGreaterThan(0));
    expect(api.overviewQueries[0]).toEqual(
      expect.objectContaining({
        level: 'gold',
        tier: undefined,
        owner: undefined,
      }),
    );
  });

  it('rolls models up through nested teams and filters by a team when chosen', async () => {
    const { search } = renderPage('/');
    const user = userEvent.setup();
    await waitFor(() =>
      expect(screen.getAllByTestId('team-row')).toHaveLength(3),
    );
    const teams = screen.getAllByTestId('team-row').map(r => {
      const cells = within(r).getAllByRole('cell');
      return [cells[0].textContent, cells[1].textContent];
    });
    expect(teams).toEqual([
      ['ml-platform', '2'],
      ['growth-ml', '1'],
      ['risk-ml', '1'],
    ]);
    await user.click(screen.getByRole('button', { name: 'Filter by risk-ml' }));
    await waitFor(() =>
      expect(search().get('owner')).toBe('group:default/risk-ml'),
    );
  });

  it('shows the heat map with a cell per category', async () => {
    renderPage('/');
    const rows = await screen.findAllByTestId('heatmap-row');
    const fraud = rows.find(r => within(r).queryByText('Fraud scoring'))!;
    await waitFor(() =>
      expect(fraud.querySelectorAll('[data-state="fail"]')).toHaveLength(1),
    );
    expect(fraud.querySelectorAll('[data-state="unknown"]')).toHaveLength(1);
    expect(within(fraud).getAllByText('1/2')).toHaveLength(2);
  });

  it('says the user may not see the overview on a 403', async () => {
    const forbidden = Object.assign(new Error('Forbidden'), {
      name: 'ResponseError',
      statusCode: 403,
    });
    renderPage('/', new FakeReadinessApi({ error: forbidden }));
    expect(
      await screen.findByText(
        /You do not have permission to see the readiness overview/,
      ),
    ).toBeInTheDocument();
  });
});
