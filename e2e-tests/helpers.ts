import { expect, Page } from '@playwright/test';
import people from './oidc-users.json';

/** The people of the e2e identity provider (scripts/e2e-oidc-provider.mjs). */
export type Person = keyof typeof people;
export { people };

/**
 * Opens the portal at `path` and signs in as `who` through the real OpenID
 * Connect flow: "Sign In" on the single sign-on card opens the identity
 * provider's login form in a popup, which redirects back to the portal's auth
 * backend and closes. `who` defaults to the non-admin member.
 */
export async function signIn(page: Page, path = '/', who: Person = 'member') {
  await page.goto(path);
  const signInButton = await submitLogin(page, who);
  await expect(signInButton).toBeHidden();
}

/**
 * Goes through the identity provider's login as `who` and returns the portal's
 * "Sign In" button (hidden once the portal accepted the person).
 */
export async function submitLogin(page: Page, who: Person) {
  const person = people[who];
  // Production offers one card, "Single sign-on", whose button reads "Sign In".
  await expect(page.getByText('Single sign-on', { exact: true })).toBeVisible();
  const signInButton = page.getByRole('button', { name: 'Sign In' });
  await expect(signInButton).toBeVisible();
  const popupOpened = page.waitForEvent('popup');
  await signInButton.click();
  const popup = await popupOpened;
  await popup.getByLabel('Username').fill(person.login);
  await popup.getByLabel('Password').fill(person.password);
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await closed;
  return signInButton;
}

/**
 * The Backstage token of whoever is signed in on `page`, from the auth
 * backend's refresh endpoint (the same call the app makes on a reload).
 */
export async function backstageToken(page: Page): Promise<string> {
  const res = await page.request.get(
    '/api/auth/oidc/refresh?optional&env=production',
    {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    },
  );
  expect(res.status(), await res.text()).toBe(200);
  const body = await res.json();
  return body.backstageIdentity.token;
}

/**
 * Has the readiness backend collect and grade the models `names` (namespace
 * default) now, as whoever is signed in on `page`, instead of waiting for the
 * scheduled collection. Returns the scorecards the refreshes answered with.
 */
export async function refreshReadiness(
  page: Page,
  names: string[],
): Promise<
  Array<{
    level: string;
    requiredLevel: string;
    counts: Record<string, number>;
    checks: Array<{ id: string; level: string; state: string }>;
  }>
> {
  const token = await backstageToken(page);
  const scorecards = [];
  for (const name of names) {
    const res = await page.request.post(
      `/api/ml-readiness/scorecards/default/${name}/refresh`,
      { headers: { authorization: `Bearer ${token}` }, timeout: 60_000 },
    );
    expect(res.status(), `refresh of ${name}: ${await res.text()}`).toBe(200);
    scorecards.push(await res.json());
  }
  return scorecards;
}
