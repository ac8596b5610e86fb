import { expect, Page, test } from '@playwright/test';
import { signIn } from './helpers';

/** Picks an entity in a scaffolder EntityPicker/OwnerPicker by its title. */
async function pick(page: Page, field: RegExp, option: string) {
  const input = page.getByRole('textbox', { name: field });
  await input.click();
  await input.fill(option);
  await page.getByRole('option', { name: option, exact: true }).click();
}

test.describe('Golden paths', () => {
  test('creates a model from the online-inference template with the local destination and finds it in the catalog', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const name = `e2e-model-${Date.now().toString(36)}`;

    await signIn(page, '/create');
    await expect(
      page.getByRole('heading', {
        name: 'Golden path: online inference service',
      }),
    ).toBeVisible();
    // The card's "Choose" button leads here.
    await page.goto('/create/templates/default/online-inference');

    // Page 1: the model.
    await page.getByRole('textbox', { name: /^Name/ }).fill(name);
    await page
      .getByRole('textbox', { name: /^Description/ })
      .fill('End-to-end test model created by Playwright.');
    await pick(page, /Owning team/, 'Risk ML');
    await pick(page, /^System/, 'Fraud platform');
    await page.getByRole('button', { name: 'Next' }).click();

    // Page 2: data and service levels (objectives keep their defaults).
    await pick(page, /Training dataset/, 'Card transactions');
    await page.getByRole('button', { name: 'Next' }).click();

    // Page 3: approvals and destination (local git is the default).
    await pick(page, /Production approvers/, 'Risk ML on-call');
    await page.getByRole('button', { name: 'Review' }).click();
    await expect(page.getByText(name).first()).toBeVisible();
    await page.getByRole('button', { name: 'Create' }).click();

    // The task runs: fetch, record, publish to local git (which registers).
    const openInCatalog = page.getByRole('link', {
      name: 'Open the model in the catalog',
    });
    await expect(openInCatalog).toBeVisible({ timeout: 180_000 });
    await expect(page.getByText(/failed/i)).toHaveCount(0);
    await openInCatalog.click();

    await expect(page).toHaveURL(
      new RegExp(`/catalog/default/resource/${name}$`),
    );
    await expect(page.getByRole('heading', { name }).first()).toBeVisible({
      timeout: 60_000,
    });

    // Its model card, read by the ml-catalog backend from the local checkout.
    await page.goto(`/catalog/default/resource/${name}/model-card`);
    await expect(
      page.getByRole('heading', { name: `Model card: ${name}` }),
    ).toBeVisible({ timeout: 60_000 });

    // And the catalog's list of resources finds it too.
    await page.goto(`/catalog?filters[kind]=resource&filters[text]=${name}`);
    await expect(page.getByRole('link', { name }).first()).toBeVisible({
      timeout: 60_000,
    });
  });
});
