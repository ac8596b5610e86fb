import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** Fields needed to name an owner. */
export const OWNER_NAME_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.profile.displayName',
];

/**
 * The owner as a full ref (`risk-ml` → `group:default/risk-ml`), resolved the
 * way the catalog resolves `spec.owner`, or `undefined` when it is not a ref.
 */
export function ownerRefOf(
  owner: string | undefined,
  namespace: string = 'default',
): string | undefined {
  if (!owner) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: namespace,
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * What people call a group or user: `spec.profile.displayName`, else
 * `metadata.title`; `undefined` when the entity has neither.
 */
export function displayNameOf(entity: Entity): string | undefined {
  const profile = entity.spec?.profile as { displayName?: unknown } | undefined;
  if (typeof profile?.displayName === 'string' && profile.displayName) {
    return profile.displayName;
  }
  return entity.metadata.title || undefined;
}
