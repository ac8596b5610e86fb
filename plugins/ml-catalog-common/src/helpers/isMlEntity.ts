import type { Entity } from '@backstage/catalog-model';
import {
  AI_MODEL_ENTITY_TYPE,
  DATASET_ENTITY_TYPE,
  ML_PIPELINE_ENTITY_TYPE,
  MODEL_SERVER_ENTITY_TYPE,
} from '../constants';
import type {
  AiModelEntity,
  DatasetEntity,
  MlPipelineEntity,
  ModelServerEntity,
} from '../types';

/**
 * Whether the entity is a `Resource` of type `ai-model` (by kind and type only;
 * entities in the catalog have already passed validation).
 *
 * @public
 */
export function isAiModelEntity(entity: Entity): entity is AiModelEntity {
  return (
    entity.kind === 'Resource' && entity.spec?.type === AI_MODEL_ENTITY_TYPE
  );
}

/**
 * Whether the entity is a `Resource` of type `dataset`.
 *
 * @public
 */
export function isDatasetEntity(entity: Entity): entity is DatasetEntity {
  return (
    entity.kind === 'Resource' && entity.spec?.type === DATASET_ENTITY_TYPE
  );
}

/**
 * Whether the entity is a `Component` of type `ml-pipeline`.
 *
 * @public
 */
export function isMlPipelineEntity(entity: Entity): entity is MlPipelineEntity {
  return (
    entity.kind === 'Component' && entity.spec?.type === ML_PIPELINE_ENTITY_TYPE
  );
}

/**
 * Whether the entity is a `Component` of type `model-server`.
 *
 * @public
 */
export function isModelServerEntity(
  entity: Entity,
): entity is ModelServerEntity {
  return (
    entity.kind === 'Component' &&
    entity.spec?.type === MODEL_SERVER_ENTITY_TYPE
  );
}
