/**
 * The ML model catalog frontend plugin (new frontend system).
 *
 * @packageDocumentation
 */

export { mlCatalogPlugin as default } from './plugin';
export {
  modelsRouteRef as mlCatalogModelsRouteRef,
  ownershipRouteRef as mlCatalogOwnershipRouteRef,
  invalidModelsRouteRef as mlCatalogInvalidModelsRouteRef,
} from './routes';
export { MlCatalogClient, mlCatalogApiRef } from './api/MlCatalogClient';
export type { MlCatalogApi } from './api/MlCatalogClient';
export {
  ModelsTableColumnBlueprint,
  modelsTableColumnDataRef,
} from './columns/ModelsTableColumnBlueprint';
export type { ModelsTableColumn } from './columns/ModelsTableColumnBlueprint';
