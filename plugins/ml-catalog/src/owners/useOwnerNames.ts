import { useMemo } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { GroupHierarchy } from '../groups/GroupHierarchy';
import { OWNER_NAME_FIELDS, displayNameOf } from './ownerNames';

/**
 * Display names of the given owner refs (full refs). Groups come from the
 * already loaded {@link GroupHierarchy}; the rest (users, or every owner
 * while the hierarchy is unavailable) are fetched in one `getEntitiesByRefs`
 * call per distinct set of refs. A ref without a name is left out, so callers
 * fall back to the ref.
 */
export function useOwnerNames(
  ownerRefs: ReadonlyArray<string>,
  hierarchy: { loading: boolean; value?: GroupHierarchy },
): ReadonlyMap<string, string> {
  const catalogApi = useApi(catalogApiRef);
  const groups = hierarchy.value;
  const known = useMemo(() => {
    const names = new Map<string, string>();
    for (const ref of ownerRefs) {
      if (groups?.has(ref)) {
        names.set(ref, groups.title(ref));
      }
    }
    return names;
  }, [ownerRefs, groups]);
  // Wait for the hierarchy, so groups are never fetched twice.
  const missingKey = useMemo(
    () =>
      hierarchy.loading
        ? ''
        : [...new Set(ownerRefs.filter(ref => !known.has(ref)))]
            .sort()
            .join('\n'),
    [ownerRefs, known, hierarchy.loading],
  );
  const fetched = useAsync(async () => {
    const names = new Map<string, string>();
    if (!missingKey) {
      return names;
    }
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: missingKey.split('\n'),
      fields: OWNER_NAME_FIELDS,
    });
    for (const entity of items) {
      const name = entity && displayNameOf(entity);
      if (entity && name) {
        names.set(stringifyEntityRef(entity), name);
      }
    }
    return names;
  }, [catalogApi, missingKey]);
  return useMemo(
    () => new Map([...(fetched.value ?? []), ...known]),
    [fetched.value, known],
  );
}
