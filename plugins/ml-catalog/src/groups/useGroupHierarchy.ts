import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { loadGroupHierarchy } from './loadGroupHierarchy';

/** Loads the organisation's {@link GroupHierarchy} once per mount. */
export function useGroupHierarchy() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(() => loadGroupHierarchy(catalogApi), [catalogApi]);
}
