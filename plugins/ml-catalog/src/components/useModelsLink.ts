import { useRouteRef } from '@backstage/frontend-plugin-api';
import {
  DEFAULT_MODEL_FILTERS,
  ModelFilters,
  serializeModelFilters,
} from '../filters/modelFilters';
import { modelsRouteRef } from '../routes';

/**
 * Returns a function that builds a link to the Models page with the given
 * filters applied, or `undefined` when the page is not installed.
 */
export function useModelsLink():
  ((filters: Partial<ModelFilters>) => string) | undefined {
  const modelsRoute = useRouteRef(modelsRouteRef);
  if (!modelsRoute) {
    return undefined;
  }
  return filters => {
    const query = serializeModelFilters({
      ...DEFAULT_MODEL_FILTERS,
      ...filters,
    }).toString();
    return query ? `${modelsRoute()}?${query}` : modelsRoute();
  };
}
