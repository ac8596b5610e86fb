import type { z } from 'zod';
import {
  AI_MODEL_ENTITY_TYPE,
  DATASET_ENTITY_TYPE,
  ML_PIPELINE_ENTITY_TYPE,
  MODEL_SERVER_ENTITY_TYPE,
} from '../constants';
import {
  aiModelEntitySchema,
  datasetEntitySchema,
  mlPipelineEntitySchema,
  modelServerEntitySchema,
} from '../schema/entitySchemas';
import { mlopsSchema } from '../schema/mlopsSchema';
import type {
  AiModelEntity,
  DatasetEntity,
  MlEntityType,
  MlopsSpec,
  MlPipelineEntity,
  ModelServerEntity,
} from '../types';
import { formatIssuePath } from './formatIssuePath';
import type {
  MlValidationIssue,
  MlValidationResult,
} from './MlValidationResult';
import { scanForUnsafeValues } from './scanForUnsafeValues';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function run<T>(
  schema: z.ZodTypeAny,
  value: unknown,
  scanRoot: unknown,
  scanPath: string[],
  pathPrefix: Array<string | number> = [],
): MlValidationResult<T> {
  try {
    const unsafe = scanForUnsafeValues(scanRoot, scanPath);
    if (unsafe.length > 0) {
      return { success: false, issues: unsafe };
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      return { success: true, value: parsed.data as T };
    }
    const issues: MlValidationIssue[] = parsed.error.issues.map(issue => ({
      path: formatIssuePath([...pathPrefix, ...issue.path]),
      message: issue.message,
    }));
    return { success: false, issues };
  } catch (error) {
    return {
      success: false,
      issues: [
        {
          path: formatIssuePath(pathPrefix),
          message: `could not be validated: ${String(
            (error as Error)?.message ?? error,
          )}`,
        },
      ],
    };
  }
}

const specOf = (entity: unknown) =>
  isObject(entity) ? entity.spec : undefined;

/**
 * Validates a whole `Resource`/`ai-model` entity, including `spec.mlops`.
 * Never throws.
 *
 * @public
 */
export function validateAiModelEntity(
  entity: unknown,
): MlValidationResult<AiModelEntity> {
  return run(aiModelEntitySchema, entity, specOf(entity), ['spec']);
}

/**
 * Validates a `Resource`/`dataset` entity. Never throws.
 *
 * @public
 */
export function validateDatasetEntity(
  entity: unknown,
): MlValidationResult<DatasetEntity> {
  return run(datasetEntitySchema, entity, specOf(entity), ['spec']);
}

/**
 * Validates a `Component`/`ml-pipeline` entity. Never throws.
 *
 * @public
 */
export function validateMlPipelineEntity(
  entity: unknown,
): MlValidationResult<MlPipelineEntity> {
  return run(mlPipelineEntitySchema, entity, specOf(entity), ['spec']);
}

/**
 * Validates a `Component`/`model-server` entity. Never throws.
 *
 * @public
 */
export function validateModelServerEntity(
  entity: unknown,
): MlValidationResult<ModelServerEntity> {
  return run(modelServerEntitySchema, entity, specOf(entity), ['spec']);
}

/**
 * Validates a `spec.mlops` block on its own; issue paths start with `spec.mlops`.
 * Never throws.
 *
 * @public
 */
export function validateMlops(value: unknown): MlValidationResult<MlopsSpec> {
  return run(mlopsSchema, value, value, ['spec', 'mlops'], ['spec', 'mlops']);
}

/**
 * Tells which ML entity type an entity claims to be, from its kind and
 * `spec.type` alone (no validation). `undefined` for every other entity.
 *
 * @public
 */
export function getMlEntityType(entity: unknown): MlEntityType | undefined {
  if (!isObject(entity) || !isObject(entity.spec)) {
    return undefined;
  }
  const type = entity.spec.type;
  if (entity.kind === 'Resource') {
    if (type === AI_MODEL_ENTITY_TYPE) return AI_MODEL_ENTITY_TYPE;
    if (type === DATASET_ENTITY_TYPE) return DATASET_ENTITY_TYPE;
  }
  if (entity.kind === 'Component') {
    if (type === ML_PIPELINE_ENTITY_TYPE) return ML_PIPELINE_ENTITY_TYPE;
    if (type === MODEL_SERVER_ENTITY_TYPE) return MODEL_SERVER_ENTITY_TYPE;
  }
  return undefined;
}

/**
 * Validates any of the four ML entity types with the matching schema;
 * `undefined` when the entity is not an ML entity. Never throws.
 *
 * @public
 */
export function validateMlEntity(
  entity: unknown,
):
  | MlValidationResult<
      AiModelEntity | DatasetEntity | MlPipelineEntity | ModelServerEntity
    >
  | undefined {
  switch (getMlEntityType(entity)) {
    case AI_MODEL_ENTITY_TYPE:
      return validateAiModelEntity(entity);
    case DATASET_ENTITY_TYPE:
      return validateDatasetEntity(entity);
    case ML_PIPELINE_ENTITY_TYPE:
      return validateMlPipelineEntity(entity);
    case MODEL_SERVER_ENTITY_TYPE:
      return validateModelServerEntity(entity);
    default:
      return undefined;
  }
}
