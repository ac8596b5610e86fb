import { InputError, NotAllowedError } from '@backstage/errors';
import {
  SignInInfo,
  SignInResolver,
  SignInResolverFactory,
} from '@backstage/plugin-auth-node';
import { z } from 'zod/v3';

/** Tells the person what to do when the catalog does not know them. */
const ASK_AN_ADMIN =
  'Ask a platform admin to add you to the organisation the portal loads (CATALOG_ORG_LOCATION).';

const optionsSchema = z
  .object({
    /** Email domains allowed to sign in, e.g. `example.com`; all when absent. */
    allowedDomains: z.array(z.string().min(1)).optional(),
  })
  .strict()
  .optional();

/**
 * Sign-in resolver for the portal's OpenID Connect provider: the identity
 * provider's verified email must equal the `spec.profile.email` of exactly one
 * User in the catalog, whose memberships then decide what the person may do.
 *
 * There is no fallback: a person who is not in the catalog, whose identity
 * provider sends no verified email, or whose email is outside `allowedDomains`
 * (when given) is refused with a message saying why. Unlike Backstage's
 * `emailMatchingUserEntityProfileEmail`, `+tag` addresses are not rewritten.
 */
export const catalogUserByVerifiedEmail: SignInResolverFactory<
  unknown,
  { allowedDomains?: string[] } | undefined
> =
  // A plain factory rather than auth-node's createSignInResolverFactory: that
  // one types `optionsSchema` with auth-node's own zod major, and checking our
  // zod schema against it is a type instantiation tsc cannot finish in
  // reasonable time; without a schema it refuses every option.
  (rawOptions?: unknown): SignInResolver<unknown> => {
    const parsed = optionsSchema.safeParse(rawOptions);
    if (!parsed.success) {
      throw new InputError(
        `Invalid options for the catalogUserByVerifiedEmail sign-in resolver: ${parsed.error.issues
          .map(issue => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
          .join('; ')}`,
      );
    }
    const options = parsed.data ?? {};
    const allowedDomains = options.allowedDomains?.map(d => d.toLowerCase());
    return async (info: SignInInfo<unknown>, ctx) => {
      const email = info.profile.email?.trim();
      if (!email) {
        throw new NotAllowedError(
          'Sign-in refused: the identity provider did not send a verified email address (the email claim with email_verified=true).',
        );
      }
      const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
      if (allowedDomains && !allowedDomains.includes(domain)) {
        throw new NotAllowedError(
          `Sign-in refused: ${email} is not in an allowed email domain (${allowedDomains.join(', ')}).`,
        );
      }
      try {
        return await ctx.signInWithCatalogUser({
          filter: { 'spec.profile.email': email },
        });
      } catch (error) {
        const name = (error as { name?: unknown } | undefined)?.name;
        if (name === 'NotFoundError') {
          throw new NotAllowedError(
            `Sign-in refused: no user in the portal's catalog has the email ${email}. ${ASK_AN_ADMIN}`,
          );
        }
        if (name === 'ConflictError') {
          throw new NotAllowedError(
            `Sign-in refused: more than one user in the portal's catalog has the email ${email}. ${ASK_AN_ADMIN}`,
          );
        }
        throw error;
      }
    };
  };
