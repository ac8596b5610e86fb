import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { parseConfigSection } from '@ml-golden-paths/plugin-ml-catalog-common';
import { z } from 'zod';
import { PortalPermissionPolicy } from './PortalPermissionPolicy';

const permissionsConfigSchema = z.object({
  adminGroups: z
    .array(z.string().min(1, 'must not be empty'))
    .default([])
    .describe('Group entity refs whose members may do everything'),
});

/**
 * Reads `mlGoldenPaths.permissions` and returns the admin group refs, normalised
 * to `group:namespace/name`. Throws an InputError naming the bad key.
 */
export function readAdminGroups(raw: unknown): string[] {
  const data = parseConfigSection(
    permissionsConfigSchema,
    raw,
    'mlGoldenPaths.permissions',
  );
  return data.adminGroups.map(ref => {
    try {
      const entityRef = parseEntityRef(ref, { defaultKind: 'group' });
      if (entityRef.kind.toLocaleLowerCase('en-US') !== 'group') {
        throw new Error(`expected a group, got kind ${entityRef.kind}`);
      }
      return stringifyEntityRef(entityRef);
    } catch (error) {
      throw new InputError(
        `Invalid config mlGoldenPaths.permissions.adminGroups: '${ref}' is not a group reference (${
          (error as Error).message
        })`,
      );
    }
  });
}

/** Installs {@link PortalPermissionPolicy} as the permission backend's policy. */
export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'portal-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        policy: policyExtensionPoint,
      },
      async init({ config, policy }) {
        const adminGroups = readAdminGroups(
          config.getOptional('mlGoldenPaths.permissions'),
        );
        policy.setPolicy(PortalPermissionPolicy.create({ adminGroups }));
      },
    });
  },
});
