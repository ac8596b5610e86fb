import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  oidcAuthenticator,
  oidcSignInResolvers,
} from '@backstage/plugin-auth-backend-module-oidc-provider';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { catalogUserByVerifiedEmail } from './catalogUserByVerifiedEmail';

/**
 * Sign-in through OpenID Connect (provider id `oidc`): Backstage's OIDC
 * authenticator with the portal's {@link catalogUserByVerifiedEmail} resolver
 * next to Backstage's built-in ones. Configured under `auth.providers.oidc` (see
 * app-config.production.yaml); without that configuration the provider stays
 * unused.
 */
export const oidcAuthModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'ml-golden-paths-oidc-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'oidc',
          factory: createOAuthProviderFactory({
            authenticator: oidcAuthenticator,
            signInResolverFactories: {
              ...oidcSignInResolvers,
              catalogUserByVerifiedEmail,
            },
          }),
        });
      },
    });
  },
});
