import { expect, Page } from '@playwright/test';

/** Opens the portal and signs in with the guest provider. */
export async function signIn(page: Page, path = '/') {
  await page.goto(path);
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(enter).toBeHidden();
}
