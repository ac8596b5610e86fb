import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  AuthResolverCatalogUserQuery,
  AuthResolverContext,
  BackstageSignInResult,
} from '@backstage/plugin-auth-node';
import { catalogUserByVerifiedEmail } from './catalogUserByVerifiedEmail';

/** Users the resolver may find, as the catalog's email filter would. */
const USERS = [
  { ref: 'user:default/quinn', email: 'quinn@example.com' },
  { ref: 'user:default/dana', email: 'dana@example.com' },
  { ref: 'user:default/twin-a', email: 'twin@example.com' },
  { ref: 'user:default/twin-b', email: 'twin@example.com' },
];

/** An auth context whose catalog lookup behaves like the auth backend's. */
function contextWithCatalog(): AuthResolverContext & {
  queries: AuthResolverCatalogUserQuery[];
} {
  const queries: AuthResolverCatalogUserQuery[] = [];
  const signInWithCatalogUser = async (
    query: AuthResolverCatalogUserQuery,
  ): Promise<BackstageSignInResult> => {
    queries.push(query);
    const email = (query as { filter: Record<string, string> }).filter[
      'spec.profile.email'
    ];
    const found = USERS.filter(u => u.email === email);
    if (found.length === 0) throw new NotFoundError('User not found');
    if (found.length > 1) throw new ConflictError('multiple matches');
    return { token: `token-for-${found[0].ref}` };
  };
  return {
    queries,
    signInWithCatalogUser,
    issueToken: async () => {
      throw new Error('not used');
    },
    findCatalogUser: async () => {
      throw new Error('not used');
    },
    resolveOwnershipEntityRefs: async () => {
      throw new Error('not used');
    },
  } as AuthResolverContext & { queries: AuthResolverCatalogUserQuery[] };
}

const signIn = (email: string | undefined, options?: object) =>
  catalogUserByVerifiedEmail(options as any)(
    { profile: { email }, result: {} },
    contextWithCatalog(),
  );

describe('catalogUserByVerifiedEmail', () => {
  it('signs in the one catalog user whose profile email matches', async () => {
    const ctx = contextWithCatalog();
    await expect(
      catalogUserByVerifiedEmail()(
        { profile: { email: 'quinn@example.com' }, result: {} },
        ctx,
      ),
    ).resolves.toEqual({ token: 'token-for-user:default/quinn' });
    expect(ctx.queries).toEqual([
      { filter: { 'spec.profile.email': 'quinn@example.com' } },
    ]);
  });

  it('refuses a person who is not in the catalog and says what to do', async () => {
    await expect(signIn('stranger@example.com')).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringMatching(
        /no user in the portal's catalog has the email stranger@example\.com.*platform admin/,
      ),
    });
  });

  it('does not rewrite +tag addresses onto another user', async () => {
    await expect(signIn('dana+admin@example.com')).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('dana+admin@example.com'),
    });
  });

  it('refuses an email two catalog users share', async () => {
    await expect(signIn('twin@example.com')).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('more than one user'),
    });
  });

  it('refuses an identity without a verified email', async () => {
    await expect(signIn(undefined)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('verified email'),
    });
  });

  it('refuses emails outside allowedDomains, case-insensitively', async () => {
    await expect(
      signIn('quinn@example.com', { allowedDomains: ['Example.com'] }),
    ).resolves.toEqual({ token: 'token-for-user:default/quinn' });
    await expect(
      signIn('quinn@example.com.evil.test', {
        allowedDomains: ['example.com'],
      }),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('not in an allowed email domain'),
    });
  });

  it('rejects invalid options, naming the field', () => {
    expect(() => catalogUserByVerifiedEmail({ allowedDomains: [''] })).toThrow(
      /catalogUserByVerifiedEmail.*allowedDomains\.0/,
    );
    expect(() =>
      catalogUserByVerifiedEmail({ allowedDomain: ['x.com'] } as any),
    ).toThrow(/Unrecognized key.*allowedDomain/);
  });
});
