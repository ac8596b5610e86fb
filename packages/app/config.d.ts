export interface Config {
  app?: {
    /** The portal's sign-in page. */
    signIn?: {
      /**
       * Sign-in options the page offers, in order: `guest` (development only),
       * `oidc` (the organisation's OpenID Connect provider) and `github` (GitHub
       * OAuth, the alternative). Each needs a matching entry under
       * `auth.providers`. Nothing is offered when unset.
       * @deepVisibility frontend
       */
      providers?: Array<'guest' | 'oidc' | 'github'>;
    };
  };
}
