/**
 * Entity contract for ML models (`Resource`/`ai-model`), datasets, pipelines
 * and model servers: zod schemas, types, validators, JSON Schema and helpers.
 *
 * @packageDocumentation
 */

export * from './constants';
export * from './types';
export { ML_SCHEMA_LIMITS, FORBIDDEN_KEYS } from './schema/limits';
export {
  mlopsSchema,
  modelVersionSchema,
  goldenPathSchema,
  sloSchema,
  monitoringSchema,
} from './schema/mlopsSchema';
export {
  aiModelEntitySchema,
  datasetEntitySchema,
  datasetDetailsSchema,
  mlPipelineEntitySchema,
  pipelineDetailsSchema,
  modelServerEntitySchema,
  servingDetailsSchema,
} from './schema/entitySchemas';
export { generateAiModelJsonSchema } from './schema/generateJsonSchema';
export { parseConfigSection } from './config/parseConfigSection';
export type {
  MlValidationIssue,
  MlValidationResult,
} from './validation/MlValidationResult';
export {
  formatIssuePath,
  formatValidationIssues,
} from './validation/formatIssuePath';
export {
  validateAiModelEntity,
  validateDatasetEntity,
  validateMlPipelineEntity,
  validateModelServerEntity,
  validateMlops,
  validateMlEntity,
  getMlEntityType,
} from './validation/validateMlEntity';
export * from './helpers/modelVersions';
export * from './helpers/parseDatasetReference';
export * from './helpers/isMlEntity';
export { makeAiModelFixture } from './testFixtures';
export {
  MODEL_DOCUMENT_FIELDS,
  modelDocumentNameSchema,
  modelDocumentSchema,
} from './documents/modelDocument';
export type {
  ModelDocument,
  ModelDocumentName,
} from './documents/modelDocument';
export { hasUrlScheme, isHttpUrl, isSafeRelativePath } from './helpers/paths';
export { findUnsafePathPart } from './helpers/paths';
export {
  LOCAL_GIT_ROOT_CONFIG_KEY,
  DEFAULT_LOCAL_GIT_ROOT,
  LOCAL_GIT_CHECKOUTS_FOLDER,
  readLocalGitRoot,
} from './localGit/localGitRoot';
export {
  INVALID_ML_ENTITIES_PATH,
  invalidMlEntitySchema,
  invalidMlEntitiesResponseSchema,
} from './invalid/invalidMlEntities';
export type {
  InvalidMlEntity,
  InvalidMlEntitiesResponse,
} from './invalid/invalidMlEntities';
export { visibilityKey } from './helpers/visibilityKey';
export { readValidatedJson } from './helpers/readValidatedJson';
