import { githubAuthApiRef } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { PortalSignInPage, toIdentityProvider } from './PortalSignInPage';
import { oidcAuthApiRef } from './oidcAuthApi';

describe('PortalSignInPage', () => {
  it("hands Backstage's sign-in page guest, the OIDC card or the GitHub card", () => {
    expect(toIdentityProvider('guest')).toBe('guest');
    expect(toIdentityProvider('oidc')).toMatchObject({
      id: 'oidc-auth-provider',
      title: 'Single sign-on',
      apiRef: oidcAuthApiRef,
    });
    expect(toIdentityProvider('github')).toMatchObject({
      id: 'github-auth-provider',
      apiRef: githubAuthApiRef,
    });
  });

  it('explains a missing configuration instead of offering anything', async () => {
    renderInTestApp(<PortalSignInPage onSignInSuccess={() => {}} />, {
      config: { app: { title: 'ML Golden Paths' } },
    });
    expect(
      await screen.findByText(/app\.signIn\.providers is not set/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
