import { screen, within } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { mlKpiApiRef } from '../../api/MlKpiApi';
import type { ModelKpis } from '../../api/types';
import { kpiCard } from '../../plugin';
import {
  FakeKpiApi,
  FRAUD_MODEL,
  notEnough,
  notFound,
  value,
} from '../../testing/fixtures';

const KPIS: ModelKpis = {
  entityRef: 'resource:default/fraud-scoring',
  ownerRef: 'group:default/risk-ml',
  tier: 1,
  targets: {
    changeFailureRate: { comparator: '<', value: 0.15 },
    timeToRestore: { comparator: '<', value: 4 },
    pipelineSuccessRate: { comparator: '>', value: 0.95 },
  },
  kpis: {
    deploymentFrequency: value(2.333, 'per-week', 'high'),
    leadTime: value(29, 'hours', 'high'),
    changeFailureRate: value(0.25, 'ratio', 'high'),
    timeToRestore: notEnough('hours', 'no incident closed in the last 30 days'),
    pipelineSuccessRate: value(0.98, 'ratio'),
  },
  computedAt: '2026-11-29T10:00:00.000Z',
  windowDays: 30,
  daily: [
    { day: '2026-11-27', kpis: { changeFailureRate: value(0.3, 'ratio') } },
    { day: '2026-11-28', kpis: { changeFailureRate: value(0.2, 'ratio') } },
    { day: '2026-11-29', kpis: { changeFailureRate: value(0.25, 'ratio') } },
  ],
};

function render(api: FakeKpiApi) {
  return renderTestApp({
    extensions: [createTestEntityPage({ entity: FRAUD_MODEL }), kpiCard],
    apis: [[mlKpiApiRef, api]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('KPI card', () => {
  it('shows each KPI with unit, tier target, band, trend, and not enough data as a neutral state', async () => {
    const api = new FakeKpiApi({ model: KPIS });
    render(api);
    const cfr = await screen.findByTestId('kpi-changeFailureRate');
    expect(api.calls).toEqual(['model resource:default/fraud-scoring']);
    expect(within(cfr).getByText('25 %')).toBeInTheDocument();
    expect(within(cfr).getByText('DORA: High')).toBeInTheDocument();
    expect(within(cfr).getByText(/< 15 %/)).toBeInTheDocument();
    expect(within(cfr).getByText('missed')).toBeInTheDocument();
    expect(
      within(cfr).getByRole('img', {
        name: 'Change failure rate: trend of 3 daily values',
      }),
    ).toBeInTheDocument();

    const frequency = screen.getByTestId('kpi-deploymentFrequency');
    expect(within(frequency).getByText('2.3 / week')).toBeInTheDocument();
    // No target for deployment frequency, and one daily value: no sparkline.
    expect(within(frequency).getByText('—')).toBeInTheDocument();
    expect(within(frequency).queryByRole('img')).toBeNull();

    const restore = screen.getByTestId('kpi-timeToRestore');
    expect(within(restore).getByText('Not enough data')).toBeInTheDocument();
    expect(within(restore).getByText('< 4 h')).toBeInTheDocument();
    expect(within(restore).queryByText('missed')).toBeNull();

    const pipeline = screen.getByTestId('kpi-pipelineSuccessRate');
    expect(within(pipeline).getByText('98 %')).toBeInTheDocument();
    expect(within(pipeline).getByText('met')).toBeInTheDocument();
    expect(screen.getByText('Target (tier 1)')).toBeInTheDocument();
    expect(screen.getByText(/Trailing 30-day window/)).toBeInTheDocument();
    // Time to detect was not in the answer: no row.
    expect(screen.queryByTestId('kpi-timeToDetect')).toBeNull();
  });

  it('says when no delivery has arrived yet', async () => {
    render(
      new FakeKpiApi({
        model: { ...KPIS, kpis: null, computedAt: null, daily: [] },
      }),
    );
    expect(
      await screen.findByText(
        /No KPIs yet: no deployment, workflow run or incident/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('says the model cannot be found (or seen) on a 404', async () => {
    render(new FakeKpiApi({ model: notFound() }));
    expect(
      await screen.findByText(/the KPI backend cannot find this model/),
    ).toBeInTheDocument();
  });

  it('shows a backend failure', async () => {
    render(
      new FakeKpiApi({
        model: Object.assign(new Error('database is down'), {
          statusCode: 500,
        }),
      }),
    );
    expect(
      await screen.findByText(/Could not load this model's KPIs/),
    ).toBeInTheDocument();
  });
});
