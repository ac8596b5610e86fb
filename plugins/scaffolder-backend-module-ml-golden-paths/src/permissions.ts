import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Lets `mlgp:github:guardrails` act on a repository that the running task did
 * not create, or that already has protection the guardrails would weaken,
 * and `mlgp:catalog:register-created-repository` register such a repository
 * (or one whose entities another group owns). The portal policy grants it to
 * admins only.
 */
export const guardrailsOverridePermission = createPermission({
  name: 'ml-golden-paths.guardrails.override',
  attributes: { action: 'update' },
});

/** Every permission this module checks. */
export const mlGoldenPathsPermissions = [guardrailsOverridePermission];
