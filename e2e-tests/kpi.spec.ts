import { createHmac, randomUUID } from 'node:crypto';
import { expect, Page, test } from '@playwright/test';
import { backstageToken, refreshReadiness, signIn } from './helpers';

/** The webhook secret of e2e-tests/app-config.e2e.yaml. */
const WEBHOOK_SECRET = 'e2e-kpi-webhook-secret-7f3a';

/** A tier-1 demo model of the forecasting team (examples/forecasting-ml.yaml). */
const MODEL = 'store-demand-forecast';
const REPOSITORY = {
  full_name: 'acme/store-demand-forecast',
  default_branch: 'main',
};
const TEAM = 'group:default/forecasting-ml';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Delivery ids of this run (a redelivery of the same id would be ignored). */
const RUN = randomUUID().slice(0, 8);
const sha = (n: string) => n.padEnd(40, '0');

/** Posts one GitHub delivery signed with the e2e secret; expects 202. */
async function deliver(
  page: Page,
  event: string,
  payload: unknown,
  id: string,
) {
  const body = JSON.stringify(payload);
  const signature = createHmac('sha256', WEBHOOK_SECRET)
    .update(body)
    .digest('hex');
  const res = await page.request.post('/api/events/http/github', {
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': `kpi-e2e-${RUN}-${id}`,
      'x-github-hook-id': '4242',
      'x-hub-signature-256': `sha256=${signature}`,
    },
    data: body,
  });
  expect(res.status(), `${event} ${id}: ${await res.text()}`).toBe(202);
}

/**
 * Two successful production deployments of the model in the last 30 days,
 * the second shipping two new commits, and CI runs on main: enough data for
 * deployment frequency, lead time, change failure rate and pipeline success;
 * no incident, so time to restore and time to detect have too little data.
 */
async function postDeliveries(page: Page) {
  const now = Date.now();
  const at = (offset: number) => new Date(now + offset).toISOString();
  const deployment = (id: number, commit: string, when: number) => ({
    repository: REPOSITORY,
    deployment_status: {
      state: 'success',
      created_at: at(when),
      environment: 'production',
    },
    deployment: {
      id,
      sha: sha(commit),
      environment: 'production',
      created_at: at(when - HOUR),
    },
  });
  const push = (before: string, commits: Array<[string, number]>) => ({
    repository: REPOSITORY,
    ref: 'refs/heads/main',
    before: before === '' ? '0'.repeat(40) : sha(before),
    after: sha(commits[commits.length - 1][0]),
    commits: commits.map(([id, when]) => ({
      id: sha(id),
      timestamp: at(when),
    })),
  });
  const run = (id: number, conclusion: string, when: number) => ({
    repository: REPOSITORY,
    action: 'completed',
    workflow_run: {
      id,
      head_branch: 'main',
      status: 'completed',
      conclusion,
      updated_at: at(when),
    },
  });
  await deliver(page, 'push', push('', [['e2ea', -25 * DAY]]), 'push-1');
  await deliver(
    page,
    'deployment_status',
    deployment(9001, 'e2ea', -20 * DAY),
    'deploy-1',
  );
  await deliver(
    page,
    'push',
    push('e2ea', [
      ['e2eb', -12 * DAY],
      ['e2ec', -11 * DAY],
    ]),
    'push-2',
  );
  await deliver(
    page,
    'deployment_status',
    deployment(9002, 'e2ec', -10 * DAY),
    'deploy-2',
  );
  await deliver(page, 'workflow_run', run(7001, 'success', -9 * DAY), 'run-1');
  await deliver(page, 'workflow_run', run(7002, 'success', -2 * DAY), 'run-2');
}

type Kpi =
  | { state: 'value'; value: number; unit: string; band?: string }
  | { state: 'insufficient-data'; unit: string; reason: string };

/** A GET on the KPI backend as the signed-in user. */
async function kpiApi(page: Page, path: string) {
  const token = await backstageToken(page);
  const res = await page.request.get(`/api/ml-kpi${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

/** A ratio as the card shows it (kpiFormat.formatValue). */
const percent = (ratio: number) => {
  const p = ratio * 100;
  const text = p.toFixed(p >= 99 && p < 100 ? 2 : 1);
  return `${text.replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1')} %`;
};

test.describe('KPIs', () => {
  test('the KPI backend refuses callers without credentials', async ({
    page,
  }) => {
    for (const path of ['/platform', '/teams', `/models/default/${MODEL}`]) {
      const res = await page.request.get(`/api/ml-kpi${path}`);
      expect(res.status(), path).toBe(401);
    }
  });

  test("a demo model's KPI card shows values, its tier's targets, bands and not enough data", async ({
    page,
  }) => {
    await signIn(page, '/', 'member');
    await postDeliveries(page);
    // The deliveries are processed as they arrive; wait until the KPIs show it.
    await expect
      .poll(
        async () =>
          (await kpiApi(page, `/models/default/${MODEL}`)).kpis
            ?.deploymentFrequency?.state,
      )
      .toBe('value');
    const model = await kpiApi(page, `/models/default/${MODEL}`);
    expect(model.tier).toBe(1);
    const kpis: Record<string, Kpi> = model.kpis;

    await page.goto(`/catalog/default/resource/${MODEL}`);
    await expect(
      page.getByText('Delivery KPIs', { exact: true }),
    ).toBeVisible();
    await expect(page.getByText('Target (tier 1)')).toBeVisible();

    const cfr = kpis.changeFailureRate;
    expect(cfr.state).toBe('value');
    const cfrRow = page.getByTestId('kpi-changeFailureRate');
    if (cfr.state === 'value') {
      await expect(cfrRow).toContainText(percent(cfr.value));
      await expect(cfrRow).toContainText('< 15 %');
      await expect(cfrRow).toContainText(cfr.value < 0.15 ? 'met' : 'missed');
      if (cfr.band) {
        await expect(cfrRow).toContainText(
          `DORA: ${cfr.band[0].toUpperCase()}${cfr.band.slice(1)}`,
        );
      }
    }
    // No incident was posted: time to restore has too little data — said in
    // neutral words, never as a missed target.
    const restore = kpis.timeToRestore;
    const restoreRow = page.getByTestId('kpi-timeToRestore');
    if (restore.state === 'insufficient-data') {
      await expect(restoreRow).toContainText('Not enough data');
      await expect(restoreRow).toContainText('< 4 h');
      await expect(restoreRow).not.toContainText('missed');
    }
    const pipeline = kpis.pipelineSuccessRate;
    if (pipeline.state === 'value') {
      await expect(page.getByTestId('kpi-pipelineSuccessRate')).toContainText(
        percent(pipeline.value),
      );
    }
  });

  test('the KPI dashboard shows the platform roll-ups with targets and the DORA keys of a team', async ({
    page,
  }) => {
    await signIn(page, '/', 'member');
    await postDeliveries(page);
    await refreshReadiness(page, [MODEL]);
    // The KPI backend reuses the readiness backend's model list for 30 s, so
    // the roll-ups may trail the grades just made by that long.
    let platform: any;
    await expect
      .poll(
        async () => {
          platform = await kpiApi(
            page,
            `/platform?owner=${encodeURIComponent(TEAM)}`,
          );
          return platform.models;
        },
        { timeout: 45_000, intervals: [1_000, 2_000, 5_000] },
      )
      .toBeGreaterThan(0);
    const teams = await kpiApi(
      page,
      `/teams?owner=${encodeURIComponent(TEAM)}`,
    );

    await page.getByRole('link', { name: 'KPIs' }).first().click();
    await expect(page).toHaveURL(/\/ml\/kpis/);
    await page.goto(`/ml/kpis?owner=${encodeURIComponent(TEAM)}`);
    await expect(page.getByRole('combobox', { name: 'Team' })).toHaveText(
      'Forecasting',
    );

    // Every roll-up with its target; its counts as the API computed them.
    for (const rollup of platform.rollups) {
      const tile = page.getByTestId(`rollup-${rollup.id}`);
      await expect(tile).toContainText(rollup.title);
      await expect(tile).toContainText(
        `target > ${percent(rollup.target.value)}`,
      );
      await expect(tile).toContainText(
        `${rollup.meets} of ${rollup.meets + rollup.misses} models`,
      );
      await expect(tile).toContainText(
        rollup.value.state === 'value'
          ? percent(rollup.value.value)
          : 'Not enough data',
      );
    }
    await expect(page.getByTestId('rollup-monitoringCoverage')).toContainText(
      'target > 80 %',
    );

    // The team's DORA keys, the model's deliveries counted.
    const forecasting = teams.items.find((t: any) => t.ownerRef === TEAM);
    expect(forecasting.models).toBeGreaterThan(0);
    const table = page.getByRole('table', { name: 'DORA keys by team' });
    const row = table
      .getByTestId('team-row')
      .filter({ hasText: 'Forecasting' });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('cell').nth(1)).toHaveText(
      String(forecasting.models),
    );
    if (forecasting.changeFailureRate.state === 'value') {
      await expect(row).toContainText(
        percent(forecasting.changeFailureRate.value),
      );
    }
    await expect(
      page.getByRole('region', { name: 'Monthly trends (last 6 months)' }),
    ).toContainText('Change failure rate');
  });
});
