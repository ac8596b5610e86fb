import { ConfigReader } from '@backstage/core-app-api';
import { readSignInProviders } from './signInProviders';

const read = (signIn?: unknown) =>
  readSignInProviders(
    new ConfigReader(signIn === undefined ? {} : { app: { signIn } }),
  );

describe('readSignInProviders', () => {
  it('returns the configured providers in order', () => {
    expect(read({ providers: ['oidc'] })).toEqual({ providers: ['oidc'] });
    expect(read({ providers: ['guest', 'oidc'] })).toEqual({
      providers: ['guest', 'oidc'],
    });
  });

  it('names the key when nothing is configured', () => {
    expect(read()).toEqual({
      error: expect.stringContaining('app.signIn.providers is not set'),
    });
  });

  it('names the entry that is not a known provider', () => {
    expect(read({ providers: ['oidc', 'gitlab'] })).toEqual({
      error: expect.stringMatching(
        /app\.signIn\.providers\[1\].*guest, oidc, github/,
      ),
    });
  });

  it('refuses an empty or duplicated list', () => {
    expect(read({ providers: [] })).toEqual({
      error: expect.stringContaining('app.signIn.providers'),
    });
    expect(read({ providers: ['oidc', 'oidc'] })).toEqual({
      error: expect.stringContaining('lists a provider twice'),
    });
  });
});
