import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { mlCatalogApiRef } from '../api/MlCatalogClient';
import { GroupHierarchy } from '../groups/GroupHierarchy';

/**
 * The invalid ML entities owned by `owner` and its child teams (all of them
 * without an owner). Waits for the group hierarchy when an owner is given,
 * so the request is sent once with every team.
 */
export function useInvalidEntities(
  owner: string | undefined,
  hierarchy: { loading: boolean; value?: GroupHierarchy },
) {
  const client = useApi(mlCatalogApiRef);
  const waiting = Boolean(owner) && hierarchy.loading;
  const owners = owner
    ? (hierarchy.value?.descendantsOf(owner) ?? [owner])
    : undefined;
  const key = waiting ? undefined : JSON.stringify(owners ?? null);
  const state = useAsync(
    async () =>
      key === undefined ? undefined : client.getInvalidEntities({ owners }),
    // `key` captures the owners.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, key],
  );
  return { ...state, loading: state.loading || waiting };
}
