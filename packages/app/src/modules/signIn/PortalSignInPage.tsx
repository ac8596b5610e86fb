import { Content, Page, SignInPage } from '@backstage/core-components';
import {
  configApiRef,
  githubAuthApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { SignInPageProps } from '@backstage/plugin-app-react';
import Alert from '@mui/material/Alert';
import { oidcAuthApiRef } from './oidcAuthApi';
import { readSignInProviders, SignInProviderId } from './signInProviders';

const OIDC_PROVIDER = {
  id: 'oidc-auth-provider',
  title: 'Single sign-on',
  message: "Sign in with your organisation's account.",
  apiRef: oidcAuthApiRef,
};

const GITHUB_PROVIDER = {
  id: 'github-auth-provider',
  title: 'GitHub',
  message: 'Sign in with your GitHub account.',
  apiRef: githubAuthApiRef,
};

/** What Backstage's SignInPage gets for each configured sign-in option. */
export function toIdentityProvider(id: SignInProviderId) {
  switch (id) {
    case 'guest':
      return 'guest' as const;
    case 'github':
      return GITHUB_PROVIDER;
    default:
      return OIDC_PROVIDER;
  }
}

/**
 * The portal's sign-in page: offers what `app.signIn.providers` lists — guest
 * in development, single sign-on (OpenID Connect) in production, GitHub as the
 * documented alternative — and explains
 * a missing or wrong configuration instead of showing an empty page.
 */
export function PortalSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const result = readSignInProviders(config);
  if ('error' in result) {
    return (
      <Page themeId="home">
        <Content>
          <Alert severity="error">{result.error}</Alert>
        </Content>
      </Page>
    );
  }
  return (
    <SignInPage
      {...props}
      title={`Sign in to ${config.getOptionalString('app.title') ?? 'the portal'}`}
      align="center"
      providers={result.providers.map(toIdentityProvider)}
    />
  );
}
