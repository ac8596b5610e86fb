import { expect, Locator, Page, test } from '@playwright/test';
import { refreshReadiness, signIn } from './helpers';

/**
 * A tier-3 demo model in production (Bronze required) whose entity checks of
 * Bronze pass; the demo repositories are not reachable, so its repository
 * checks of Bronze are unknown and hold it at None.
 */
const belowBronze = 'product-image-tagging';
/** The Bronze checks holding {@link belowBronze} back. */
const blockingBronze = [
  'ci-workflow-present',
  'tests-present',
  'ci-runs-tests',
  'no-committed-secrets',
];

/** The forecasting team's demo models (examples/forecasting-ml.yaml) by title. */
const forecastingModels: Record<string, string> = {
  'store-demand-forecast': 'Store demand forecast',
  'warehouse-labour-forecast': 'Warehouse labour forecast',
  'realtime-traffic-nowcast': 'Real-time traffic nowcast',
  'supplier-lead-time': 'Supplier lead time',
  'energy-consumption-forecast': 'Energy consumption forecast',
};

/** A demo model whose spec.mlops has no runbook. */
const withoutRunbook = 'realtime-traffic-nowcast';

const LEVEL = /^(none|bronze|silver|gold)$/;
const title = (level: string) => level[0].toUpperCase() + level.slice(1);

/** The row of check `id` in the Readiness tab's tables. */
function checkRow(page: Page, id: string): Locator {
  return page.getByTestId('check-row').filter({
    has: page.getByText(id, { exact: true }),
  });
}

test.describe('readiness scorecards', () => {
  test('the Readiness page lists the demo models with their levels', async ({
    page,
  }) => {
    await signIn(page, '/', 'admin');
    // Grade the team's models now rather than waiting for the schedule.
    const names = Object.keys(forecastingModels);
    const scorecards = await refreshReadiness(page, names);

    await page.goto('/ml/readiness?owner=group%3Adefault%2Fforecasting-ml');
    const heatMap = page.getByRole('table', { name: 'Readiness heat map' });
    await expect(heatMap).toBeVisible();
    const rows = heatMap.getByTestId('heatmap-row');
    await expect(rows).toHaveCount(names.length);
    for (const [index, name] of names.entries()) {
      const row = rows.filter({
        has: page.getByRole('link', {
          name: forecastingModels[name],
          exact: true,
        }),
      });
      await expect(row).toHaveCount(1);
      // The level reached (None below Bronze) of the level its tier requires.
      const { level, requiredLevel } = scorecards[index];
      expect(level).toMatch(LEVEL);
      await expect(row.getByRole('cell').nth(1)).toHaveText(
        `${title(level)} of ${requiredLevel}`,
      );
    }
  });

  test('a model without a runbook fails runbook-linked and says how to fix it', async ({
    page,
  }) => {
    await signIn(page, '/', 'member');
    await refreshReadiness(page, [withoutRunbook]);

    await page.goto(`/catalog/default/resource/${withoutRunbook}/readiness`);
    const row = checkRow(page, 'runbook-linked');
    await expect(row).toHaveCount(1);
    await expect(
      row.getByText('Runbook linked', { exact: true }),
    ).toBeVisible();
    await expect(row.getByText('Fail', { exact: true })).toBeVisible();
    await expect(
      row.getByText(
        /Set spec\.mlops\.runbook to the runbook in docs\/runbooks\/ or its published URL\./,
      ),
    ).toBeVisible();

    // The card on the overview tab lists it among the failing checks too.
    await page.goto(`/catalog/default/resource/${withoutRunbook}`);
    const failing = page.getByRole('list', { name: 'Failing checks' });
    const item = failing.getByTestId('readiness-card-check').filter({
      hasText: 'Runbook linked',
    });
    await expect(item).toHaveCount(1);
    await expect(item.getByText('Fail', { exact: true })).toBeVisible();
    await expect(item).toContainText('Set spec.mlops.runbook to the runbook');
  });

  test('an admin exempts the checks holding a model back and its grade rises; a member cannot', async ({
    page,
    browser,
  }) => {
    await signIn(page, '/', 'admin');
    const [before] = await refreshReadiness(page, [belowBronze]);
    // The premise: exactly these Bronze checks are not met, so the model is at None.
    expect(before.level).toBe('none');
    expect(
      before.checks
        .filter(c => c.level === 'bronze' && c.state !== 'pass')
        .map(c => `${c.id}:${c.state}`)
        .sort(),
    ).toEqual(blockingBronze.map(id => `${id}:unknown`).sort());

    // A member sees the same checks but no way to exempt them.
    const memberContext = await browser.newContext();
    const memberPage = await memberContext.newPage();
    await signIn(
      memberPage,
      `/catalog/default/resource/${belowBronze}/readiness`,
    );
    await expect(checkRow(memberPage, blockingBronze[0])).toHaveCount(1);
    await expect(
      checkRow(memberPage, blockingBronze[0]).getByText('Unknown', {
        exact: true,
      }),
    ).toBeVisible();
    await expect(
      memberPage.getByRole('button', { name: /^Grant an exemption from / }),
    ).toHaveCount(0);
    await expect(
      memberPage.getByRole('button', { name: 'Exempt…' }),
    ).toHaveCount(0);

    await page.goto(`/catalog/default/resource/${belowBronze}/readiness`);
    await expect(page.getByText('Level: None', { exact: true })).toBeVisible();
    await expect(
      page.getByText('Required: Bronze', { exact: true }),
    ).toBeVisible();
    await expect(
      page.getByText(/is below the Bronze that tier 3 requires/),
    ).toBeVisible();
    const counts = page.getByText(
      / pass · \d+ fail · \d+ unknown · \d+ exempt/,
    );
    await expect(counts).toContainText(
      `${before.counts.unknown} unknown · 0 exempt`,
    );

    for (const [index, id] of blockingBronze.entries()) {
      const row = checkRow(page, id);
      await expect(row.getByText('Unknown', { exact: true })).toBeVisible();
      await row
        .getByRole('button', { name: /^Grant an exemption from / })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Grant an exemption' });
      await expect(dialog).toContainText(`(${id})`);
      // The approver defaults to the signed-in admin, the expiry to 30 days.
      await expect(dialog.getByLabel('Approver')).toHaveValue(
        /^user:default\//,
      );
      await expect(dialog.getByLabel('Expires on')).toHaveValue(
        /^\d{4}-\d{2}-\d{2}$/,
      );
      await dialog
        .getByLabel('Reason')
        .fill(
          `e2e: the demo repository of ${belowBronze} is not reachable from here`,
        );
      await dialog
        .getByLabel('Compensating control')
        .fill('Manual review of the repository before each release');
      await dialog.getByRole('button', { name: 'Grant exemption' }).click();
      await expect(dialog).toBeHidden();
      await expect(
        page.getByText(
          new RegExp(
            `Exemption from ${id} granted until \\d{4}-\\d{2}-\\d{2}\\.`,
          ),
        ),
      ).toBeVisible();
      await expect(row.getByText('Exempt', { exact: true })).toBeVisible();
      await expect(
        row.getByRole('button', { name: /^Grant an exemption from / }),
      ).toHaveCount(0);
      await expect(counts).toContainText(
        `${before.counts.unknown - index - 1} unknown · ${index + 1} exempt`,
      );
      if (index < blockingBronze.length - 1) {
        await expect(
          page.getByText('Level: None', { exact: true }),
        ).toBeVisible();
      }
    }

    // Every Bronze check is met or exempt: the model reaches Bronze, which
    // tier 3 requires, so the gate warning is gone.
    await expect(
      page.getByText('Level: Bronze', { exact: true }),
    ).toBeVisible();
    await expect(
      page.getByText(/is below the Bronze that tier 3 requires/),
    ).toHaveCount(0);

    // The member sees the new grade and the exempt checks after a reload.
    await memberPage.reload();
    await expect(
      memberPage.getByText('Level: Bronze', { exact: true }),
    ).toBeVisible();
    for (const id of blockingBronze) {
      await expect(
        checkRow(memberPage, id).getByText('Exempt', { exact: true }),
      ).toBeVisible();
    }
    await expect(
      memberPage.getByRole('button', { name: /^Grant an exemption from / }),
    ).toHaveCount(0);
    await memberContext.close();
  });
});
