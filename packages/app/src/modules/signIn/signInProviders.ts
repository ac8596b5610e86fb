import { ConfigApi } from '@backstage/frontend-plugin-api';
import { z } from 'zod';

/** The sign-in options the portal knows (see packages/app/config.d.ts). */
export const SIGN_IN_PROVIDER_IDS = ['guest', 'oidc', 'github'] as const;

/** One of {@link SIGN_IN_PROVIDER_IDS}. */
export type SignInProviderId = (typeof SIGN_IN_PROVIDER_IDS)[number];

const providersSchema = z
  .array(z.enum(SIGN_IN_PROVIDER_IDS))
  .min(1)
  .refine(ids => new Set(ids).size === ids.length, 'lists a provider twice');

/**
 * Reads `app.signIn.providers`: the sign-in options to offer, in order. Returns
 * an error naming the key when it is missing, empty or names an unknown provider.
 */
export function readSignInProviders(
  config: ConfigApi,
): { providers: SignInProviderId[] } | { error: string } {
  const key = 'app.signIn.providers';
  const parsed = providersSchema.safeParse(config.getOptional(key));
  if (parsed.success) {
    return { providers: parsed.data };
  }
  const issue = parsed.error.issues[0];
  const where = issue.path.length ? `${key}[${issue.path.join('.')}]` : key;
  return {
    error: `No usable sign-in configuration: ${where} ${
      config.has(key) ? issue.message : 'is not set'
    }. Set it to the providers configured under auth.providers (${SIGN_IN_PROVIDER_IDS.join(
      ', ',
    )}).`,
  };
}
