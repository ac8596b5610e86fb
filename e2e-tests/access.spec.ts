import { expect, test } from '@playwright/test';
import { backstageToken, people, signIn, submitLogin } from './helpers';

/** A location nobody configured: the kind of thing only admins may register. */
const target = (who: string) =>
  `https://github.com/acme/e2e-${who}-${Date.now().toString(36)}/blob/main/catalog-info.yaml`;

test.describe('sign-in and access through the real identity provider', () => {
  test('a member signs in through OpenID Connect, sees who they are, and stays signed in across a reload', async ({
    page,
  }) => {
    await signIn(page, '/settings', 'member');
    await expect(page.getByText(people.member.name).first()).toBeVisible();
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign In' })).toBeHidden();
    await expect(page.getByText(people.member.name).first()).toBeVisible();
  });

  test('the sign-in page offers single sign-on only: no guest in production', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(
      page.getByText('Single sign-on', { exact: true }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Enter' })).toHaveCount(0);
    const guest = await page.request.post('/api/auth/guest/refresh');
    expect(guest.status()).toBe(404);
  });

  test('someone the catalog does not know is refused with the reason', async ({
    page,
  }) => {
    await page.goto('/');
    const signInButton = await submitLogin(page, 'stranger');
    await expect(
      page.getByText(
        new RegExp(
          `no user in the portal's catalog has the email ${people.stranger.email.replace(/\./g, '\\.')}`,
        ),
      ),
    ).toBeVisible();
    await expect(signInButton).toBeVisible();
  });

  test('a member cannot register a location', async ({ page }) => {
    await signIn(page, '/', 'member');
    const token = await backstageToken(page);
    const res = await page.request.post('/api/catalog/locations', {
      headers: { authorization: `Bearer ${token}` },
      data: { type: 'url', target: target('member') },
    });
    expect(res.status(), await res.text()).toBe(403);
  });

  test('an admin can register a location (and removes it again)', async ({
    page,
  }) => {
    await signIn(page, '/', 'admin');
    const token = await backstageToken(page);
    const headers = { authorization: `Bearer ${token}` };
    const res = await page.request.post('/api/catalog/locations', {
      headers,
      data: { type: 'url', target: target('admin') },
    });
    expect(res.status(), await res.text()).toBe(201);
    const { location } = await res.json();
    const removed = await page.request.delete(
      `/api/catalog/locations/${location.id}`,
      { headers },
    );
    expect(removed.status(), await removed.text()).toBe(204);
  });
});
