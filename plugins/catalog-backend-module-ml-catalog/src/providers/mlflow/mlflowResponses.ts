import { z } from 'zod';

const tag = z.object({ key: z.string(), value: z.string().optional() });
const alias = z.object({ alias: z.string(), version: z.string() });

/** A model version as returned by the MLflow REST API 2.0. */
export const mlflowModelVersionSchema = z
  .object({
    name: z.string(),
    version: z.string(),
    creation_timestamp: z.coerce.number().optional(),
    last_updated_timestamp: z.coerce.number().optional(),
    current_stage: z.string().optional(),
    description: z.string().optional(),
    source: z.string().optional(),
    run_id: z.string().optional(),
    status: z.string().optional(),
    tags: z.array(tag).optional(),
    aliases: z.array(z.string()).optional(),
  })
  .passthrough();

/** A registered model as returned by the MLflow REST API 2.0. */
export const mlflowRegisteredModelSchema = z
  .object({
    name: z.string().min(1),
    creation_timestamp: z.coerce.number().optional(),
    last_updated_timestamp: z.coerce.number().optional(),
    description: z.string().optional(),
    tags: z.array(tag).optional(),
    aliases: z.array(alias).optional(),
  })
  .passthrough();

/** `GET /api/2.0/mlflow/registered-models/search`. */
export const searchRegisteredModelsResponseSchema = z.object({
  registered_models: z.array(mlflowRegisteredModelSchema).optional(),
  next_page_token: z.string().optional(),
});

/** `GET /api/2.0/mlflow/model-versions/search`. */
export const searchModelVersionsResponseSchema = z.object({
  model_versions: z.array(mlflowModelVersionSchema).optional(),
  next_page_token: z.string().optional(),
});

/** A registered model from MLflow. */
export type MlflowRegisteredModel = z.output<
  typeof mlflowRegisteredModelSchema
>;

/** A model version from MLflow. */
export type MlflowModelVersion = z.output<typeof mlflowModelVersionSchema>;
