/**
 * Catalog module for the ML model catalog: entity validation, lineage
 * relations and an MLflow Model Registry provider.
 *
 * @packageDocumentation
 */

export { catalogModuleMlCatalog as default } from './module';
export { MlCatalogProcessor } from './processor/MlCatalogProcessor';
export {
  MlflowEntityProvider,
  type MlflowRefreshResult,
} from './providers/mlflow/MlflowEntityProvider';
export {
  readMlflowProviderConfig,
  type MlflowProviderConfig,
} from './providers/mlflow/readMlflowProviderConfig';
