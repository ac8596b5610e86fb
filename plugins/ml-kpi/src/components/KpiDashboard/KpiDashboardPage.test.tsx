import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { coreApis } from '@backstage/frontend-plugin-api';
import { mlKpiApiRef } from '../../api/MlKpiApi';
import type { PlatformKpis, TeamKpis, TeamTrends } from '../../api/types';
import { FakeKpiApi, notEnough, rollup, value } from '../../testing/fixtures';
import { KpiDashboardPage } from './KpiDashboardPage';

const team = (
  name: string,
  depth: number,
  models: number,
  cfr = value(0.2, 'ratio', 'high'),
): TeamKpis => ({
  ownerRef: `group:default/${name}`,
  title: name,
  depth,
  ...(depth > 0 ? { parentRef: 'group:default/ml-platform' } : {}),
  models,
  kpis: {
    deploymentFrequency: value(3.5, 'per-week', 'high'),
    leadTime: value(48, 'hours', 'high'),
    changeFailureRate: cfr,
    timeToRestore: notEnough('hours', 'no incident closed'),
    timeToDetect: notEnough('minutes', 'no impact start'),
    pipelineSuccessRate: value(0.97, 'ratio'),
  },
});

const TEAMS = [
  team('ml-platform', 0, 3),
  team('growth-ml', 1, 1, value(0.05, 'ratio', 'elite')),
  team('risk-ml', 1, 2),
];

const PLATFORM: PlatformKpis = {
  computedAt: '2026-11-29T12:00:00.000Z',
  models: 3,
  rollups: [
    rollup(
      'monitoringCoverage',
      'Monitoring coverage (tier 1)',
      value(0.5, 'ratio'),
      [1, 1, 0],
      0.8,
    ),
    rollup(
      'goldenPathAdoption',
      'Golden-path adoption',
      value(2 / 3, 'ratio'),
      [2, 1, 0],
      0.6,
    ),
    rollup(
      'securityControlCompliance',
      'Security control compliance (tier 1)',
      notEnough('ratio', 'no model in scope'),
      [0, 0, 2],
      0.95,
    ),
  ],
  teams: [],
};

const TRENDS: TeamTrends = {
  months: ['2026-10', '2026-11'],
  items: [],
};

function renderPage(
  url: string,
  api = new FakeKpiApi({
    teams: owner => (owner ? TEAMS.filter(t => t.ownerRef === owner) : TEAMS),
    platform: PLATFORM,
    trends: TRENDS,
  }),
) {
  const result = renderInTestApp(<KpiDashboardPage />, {
    apis: [[mlKpiApiRef, api]],
    initialRouteEntries: [url],
  });
  const search = () =>
    new URLSearchParams(
      result.apis.get(coreApis.appHistory)!.getSnapshot().location.search,
    );
  return { api, search };
}

describe('KpiDashboardPage', () => {
  it('shows the platform roll-ups with targets and the DORA keys by team', async () => {
    renderPage('/');
    const coverage = await screen.findByTestId('rollup-monitoringCoverage');
    expect(within(coverage).getByText('50 %')).toBeInTheDocument();
    expect(within(coverage).getByText('target > 80 %')).toBeInTheDocument();
    expect(within(coverage).getByText('1 of 2 models')).toBeInTheDocument();
    const golden = screen.getByTestId('rollup-goldenPathAdoption');
    expect(within(golden).getByText('66.7 %')).toBeInTheDocument();
    const security = screen.getByTestId('rollup-securityControlCompliance');
    expect(within(security).getByText('Not enough data')).toBeInTheDocument();
    expect(
      within(security).getByText('0 of 0 models · 2 unknown'),
    ).toBeInTheDocument();

    const rows = await screen.findAllByTestId('team-row');
    expect(
      rows.map(r => within(r).getAllByRole('cell')[0].textContent),
    ).toEqual(['ml-platform', 'growth-ml', 'risk-ml']);
    expect(within(rows[1]).getByText('5 %')).toBeInTheDocument();
    expect(within(rows[1]).getByText('DORA: Elite')).toBeInTheDocument();
    expect(within(rows[2]).getAllByText('Not enough data')).toHaveLength(2);
    expect(
      screen.getByText('No daily KPI rows in these months yet.'),
    ).toBeInTheDocument();
  });

  it('keeps the team filter in the URL and asks the backend for that team', async () => {
    const { api, search } = renderPage('/');
    await screen.findAllByTestId('team-row');
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Team' }));
    await userEvent
      .setup()
      .click(await screen.findByRole('option', { name: 'risk-ml' }));
    await waitFor(() =>
      expect(search().get('owner')).toBe('group:default/risk-ml'),
    );
    await waitFor(() =>
      expect(api.calls).toEqual(
        expect.arrayContaining([
          'platform group:default/risk-ml',
          'teams group:default/risk-ml',
          'trends group:default/risk-ml',
        ]),
      ),
    );
    await waitFor(() =>
      expect(screen.getAllByTestId('team-row')).toHaveLength(1),
    );
  });

  it("offers the teams with graded models (in the backend's tree order), then other teams with KPIs", async () => {
    const place = (name: string, depth: number) => ({
      ownerRef: `group:default/${name}`,
      title: name,
      depth,
      models: 1,
      rollups: [],
    });
    renderPage(
      '/',
      new FakeKpiApi({
        teams: () => TEAMS,
        platform: {
          ...PLATFORM,
          teams: [place('ml-platform', 0), place('pricing-ml', 1)],
        },
        trends: TRENDS,
      }),
    );
    await screen.findAllByTestId('team-row');
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Team' }));
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'All teams',
      'ml-platform',
      'pricing-ml',
      'growth-ml',
      'risk-ml',
    ]);
  });

  it('reads the team from the link and ignores a malformed one, saying so', async () => {
    const first = renderPage('/?owner=group:default/growth-ml');
    await waitFor(() =>
      expect(first.api.calls).toContain('platform group:default/growth-ml'),
    );
    const second = renderPage('/?owner=not%20a%20ref');
    expect(
      await screen.findByText(/Ignored filter from the link: team 'not a ref'/),
    ).toBeInTheDocument();
    expect(second.api.calls).toContain('platform ');
  });

  it('draws a monthly trend chart per DORA key, saying where there is not enough data', async () => {
    renderPage(
      '/',
      new FakeKpiApi({
        teams: () => TEAMS,
        platform: PLATFORM,
        trends: {
          months: ['2026-10', '2026-11'],
          items: [
            {
              ownerRef: 'group:default/risk-ml',
              title: 'risk-ml',
              depth: 0,
              points: [
                { month: '2026-10', models: 0, kpis: {} },
                {
                  month: '2026-11',
                  models: 2,
                  kpis: { changeFailureRate: value(0.2, 'ratio') },
                },
              ],
            },
          ],
        },
      }),
    );
    const section = await screen.findByRole('region', {
      name: 'Monthly trends (last 6 months)',
    });
    await waitFor(() =>
      expect(
        within(section).getAllByText('Not enough data in these months.'),
      ).toHaveLength(3),
    );
    expect(
      within(section).getByText('Change failure rate'),
    ).toBeInTheDocument();
  });

  it('shows the empty states when there is nothing to show', async () => {
    renderPage(
      '/',
      new FakeKpiApi({
        teams: () => [],
        platform: { ...PLATFORM, models: 0, rollups: [], teams: [] },
        trends: { months: ['2026-11'], items: [] },
      }),
    );
    expect(await screen.findByText('No graded models')).toBeInTheDocument();
    expect(await screen.findByText('No delivery KPIs yet')).toBeInTheDocument();
  });

  it('shows an error in its section only', async () => {
    renderPage(
      '/',
      new FakeKpiApi({
        teams: () => TEAMS,
        platform: Object.assign(
          new Error('The readiness backend could not be reached'),
          { statusCode: 503 },
        ),
        trends: TRENDS,
      }),
    );
    expect(
      await screen.findByText(/Could not load the platform roll-ups/),
    ).toBeInTheDocument();
    expect(await screen.findAllByTestId('team-row')).toHaveLength(3);
  });
});
