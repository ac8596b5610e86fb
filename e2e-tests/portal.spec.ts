import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test.describe('portal foundation', () => {
  test('a signed-in member sees the catalog with the demo teams', async ({
    page,
  }) => {
    await signIn(page, '/catalog?filters[kind]=group&filters[user]=all');
    for (const team of ['Risk ML', 'Growth ML', 'Computer Vision']) {
      await expect(
        page.getByRole('link', { name: team }).first(),
      ).toBeVisible();
    }
  });

  test('the Create page lists the golden-path templates', async ({ page }) => {
    await signIn(page, '/create');
    for (const title of [
      'Online inference service',
      'Batch scoring job',
      'Training pipeline',
    ]) {
      await expect(
        page.getByText(title, { exact: false }).first(),
      ).toBeVisible();
    }
  });

  test('the sidebar leads with the catalog and offers Create', async ({
    page,
  }) => {
    await signIn(page);
    const nav = page.getByRole('navigation');
    await expect(
      nav.getByRole('link', { name: /catalog/i }).first(),
    ).toBeVisible();
    await expect(
      nav.getByRole('link', { name: /create/i }).first(),
    ).toBeVisible();
  });
});
