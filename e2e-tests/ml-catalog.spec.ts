import { expect, Page, test } from '@playwright/test';
import { signIn } from './helpers';

const modelRows = (page: Page) => page.getByTestId('model-row');

/** The "1–25 of 33" text below the Models table, as a number of models. */
async function totalModels(page: Page): Promise<number> {
  const label = page.getByText(/^\d+–\d+ of \d+$/);
  await expect(label).toBeVisible();
  const text = (await label.textContent()) ?? '';
  return Number(text.split(' of ')[1]);
}

test.describe('ML model catalog', () => {
  test('the Models page lists the demo models with owner, tier and stage', async ({
    page,
  }) => {
    await signIn(page, '/ml/models');
    await expect(modelRows(page).first()).toBeVisible();
    expect(await totalModels(page)).toBeGreaterThanOrEqual(30);
    await expect(modelRows(page)).toHaveCount(25);

    const fraud = modelRows(page).filter({
      has: page.getByRole('link', { name: 'Fraud scoring', exact: true }),
    });
    await expect(fraud).toHaveCount(1);
    await expect(fraud.getByText('Tier 1 · critical')).toBeVisible();
    await expect(fraud.getByText('production')).toBeVisible();
  });

  test('filtering by a team narrows the list and survives a reload', async ({
    page,
  }) => {
    await signIn(page, '/ml/models');
    await expect(modelRows(page).first()).toBeVisible();
    const all = await totalModels(page);

    await page.getByLabel('Owner (incl. child teams)').click();
    await page.getByRole('option', { name: 'Risk ML', exact: true }).click();
    await expect(page).toHaveURL(/owner=group%3Adefault%2Frisk-ml/);
    await expect
      .poll(() => totalModels(page), { timeout: 20_000 })
      .toBeLessThan(all);
    const filtered = await totalModels(page);
    expect(filtered).toBeGreaterThan(0);
    await expect(modelRows(page)).toHaveCount(filtered);
    for (const row of await modelRows(page).all()) {
      await expect(row.getByRole('cell').nth(1)).toContainText(/risk/i);
    }

    await page.reload();
    await expect(page).toHaveURL(/owner=group%3Adefault%2Frisk-ml/);
    await expect(page.getByLabel('Owner (incl. child teams)')).toHaveValue(
      'Risk ML',
    );
    await expect.poll(() => totalModels(page)).toBe(filtered);
  });

  test('a model page shows its lineage and versions', async ({ page }) => {
    await signIn(page, '/catalog/default/resource/fraud-scoring');

    // The lineage card's regions are unique on the page.
    const lineage = page;
    const datasets = lineage.getByRole('region', { name: 'Datasets' });
    await expect(
      datasets.getByRole('link', { name: /Card transactions/ }),
    ).toBeVisible();
    await expect(
      lineage
        .getByRole('region', { name: 'Training pipeline' })
        .getByRole('link', { name: /Fraud scoring training pipeline/ }),
    ).toBeVisible();
    await expect(
      lineage
        .getByRole('region', { name: 'Serving' })
        .getByRole('link', { name: /Fraud scoring service/ }),
    ).toBeVisible();
    await expect(
      lineage.getByRole('region', { name: 'APIs' }).getByRole('link'),
    ).toHaveCount(1);

    const versions = page.getByRole('table', { name: 'Model versions' });
    await expect(versions.getByTestId('version-row')).toHaveCount(4);
    const production = versions
      .getByTestId('version-row')
      .filter({ hasText: 'production' });
    await expect(production.getByRole('cell').first()).toHaveText('4');
    await expect(production).toContainText(/dana/i);
  });
});
