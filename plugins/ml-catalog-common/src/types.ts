import type { Entity } from '@backstage/catalog-model';
import type { z } from 'zod';
import type {
  DATA_CLASSIFICATIONS,
  MODEL_STAGES,
  MODEL_TIERS,
  SERVING_PATTERNS,
} from './constants';
import type {
  aiModelEntitySchema,
  datasetEntitySchema,
  mlPipelineEntitySchema,
  modelServerEntitySchema,
} from './schema/entitySchemas';
import type {
  goldenPathSchema,
  mlopsSchema,
  modelVersionSchema,
  monitoringSchema,
  sloSchema,
} from './schema/mlopsSchema';

/** Risk tier of a model: 1 (critical) to 3 (low risk). @public */
export type ModelTier = (typeof MODEL_TIERS)[number];

/** How a model is served. @public */
export type ServingPattern = (typeof SERVING_PATTERNS)[number];

/** Lifecycle stage of a model version. @public */
export type ModelStage = (typeof MODEL_STAGES)[number];

/** Sensitivity class of a dataset. @public */
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];

/** One registered model version (after validation; `version` is always a string). @public */
export type ModelVersion = z.output<typeof modelVersionSchema>;

/** Golden path the model was created from. @public */
export type GoldenPath = z.output<typeof goldenPathSchema>;

/** Service level objectives of a model. @public */
export type ModelSlo = z.output<typeof sloSchema>;

/** Monitoring links of a model. @public */
export type ModelMonitoring = z.output<typeof monitoringSchema>;

/** The validated `spec.mlops` block of an ai-model entity. @public */
export type MlopsSpec = z.output<typeof mlopsSchema>;

type Typed<S extends z.ZodTypeAny> = Entity & {
  kind: z.output<S>['kind'];
  spec: z.output<S>['spec'];
};

/** A validated `Resource` of type `ai-model`. @public */
export type AiModelEntity = Typed<typeof aiModelEntitySchema>;

/** A validated `Resource` of type `dataset`. @public */
export type DatasetEntity = Typed<typeof datasetEntitySchema>;

/** A validated `Component` of type `ml-pipeline`. @public */
export type MlPipelineEntity = Typed<typeof mlPipelineEntitySchema>;

/** A validated `Component` of type `model-server`. @public */
export type ModelServerEntity = Typed<typeof modelServerEntitySchema>;

/** The entity types this package defines. @public */
export type MlEntityType =
  'ai-model' | 'dataset' | 'ml-pipeline' | 'model-server';
