import { z } from 'zod';
import {
  AI_MODEL_ENTITY_TYPE,
  DATA_CLASSIFICATIONS,
  DATASET_ENTITY_TYPE,
  ML_PIPELINE_ENTITY_TYPE,
  MODEL_SERVER_ENTITY_TYPE,
  SERVING_PATTERNS,
} from '../constants';
import { ML_SCHEMA_LIMITS } from './limits';
import { mlopsSchema } from './mlopsSchema';
import {
  boundedString,
  entityRef,
  entityRefList,
  httpUrl,
  positiveNumber,
} from './primitives';

const metadataSchema = z
  .object({
    name: boundedString(253),
    namespace: boundedString(253).optional(),
    title: boundedString(ML_SCHEMA_LIMITS.maxNameLength).optional(),
    description: boundedString(ML_SCHEMA_LIMITS.maxTextLength).optional(),
  })
  .passthrough();

/** Fields every catalog-owned spec shares; extra Backstage fields pass through. */
const commonSpecFields = {
  owner: entityRef(),
  system: entityRef().optional(),
  lifecycle: boundedString(100).optional(),
  dependsOn: entityRefList().optional(),
  dependencyOf: entityRefList().optional(),
};

function envelope<K extends string, S extends z.ZodTypeAny>(kind: K, spec: S) {
  return z
    .object({
      apiVersion: z.literal('backstage.io/v1alpha1', {
        errorMap: () => ({ message: 'expected backstage.io/v1alpha1' }),
      }),
      kind: z.literal(kind, {
        errorMap: () => ({ message: `expected ${kind}` }),
      }),
      metadata: metadataSchema,
      spec,
    })
    .passthrough();
}

const typeLiteral = <T extends string>(type: T) =>
  z.literal(type, { errorMap: () => ({ message: `expected ${type}` }) });

/** `kind: Resource`, `spec.type: ai-model`: one registered model with its versions. */
export const aiModelEntitySchema = envelope(
  'Resource',
  z
    .object({
      type: typeLiteral(AI_MODEL_ENTITY_TYPE),
      ...commonSpecFields,
      mlops: mlopsSchema,
    })
    .passthrough(),
);

/** The optional `spec.dataset` block of a dataset entity. */
export const datasetDetailsSchema = z
  .object({
    format: boundedString(100).optional(),
    location: boundedString(ML_SCHEMA_LIMITS.maxUrlLength).optional(),
    classification: z
      .enum(DATA_CLASSIFICATIONS, {
        errorMap: () => ({
          message: `expected one of ${DATA_CLASSIFICATIONS.join(', ')}`,
        }),
      })
      .optional(),
    containsPii: z
      .boolean({ invalid_type_error: 'expected true or false' })
      .optional(),
    refreshSchedule: boundedString(200).optional(),
    freshnessHours: positiveNumber().optional(),
    retentionDays: positiveNumber().int().optional(),
    documentation: httpUrl().optional(),
  })
  .strict();

/** `kind: Resource`, `spec.type: dataset`: data a model is trained or scored on. */
export const datasetEntitySchema = envelope(
  'Resource',
  z
    .object({
      type: typeLiteral(DATASET_ENTITY_TYPE),
      ...commonSpecFields,
      dataset: datasetDetailsSchema.optional(),
    })
    .passthrough(),
);

/** The optional `spec.pipeline` block of an ml-pipeline entity. */
export const pipelineDetailsSchema = z
  .object({
    orchestrator: boundedString(100).optional(),
    schedule: boundedString(200).optional(),
    inputs: entityRefList().optional(),
    produces: entityRefList().optional(),
  })
  .strict();

/** `kind: Component`, `spec.type: ml-pipeline`: a training or scoring pipeline. */
export const mlPipelineEntitySchema = envelope(
  'Component',
  z
    .object({
      type: typeLiteral(ML_PIPELINE_ENTITY_TYPE),
      ...commonSpecFields,
      lifecycle: boundedString(100),
      pipeline: pipelineDetailsSchema.optional(),
    })
    .passthrough(),
);

/** The `spec.serving` block of a model-server entity. */
export const servingDetailsSchema = z
  .object({
    models: entityRefList().min(1, {
      message: 'must name at least one model',
    }),
    runtime: boundedString(100).optional(),
    pattern: z
      .enum(SERVING_PATTERNS, {
        errorMap: () => ({
          message: `expected one of ${SERVING_PATTERNS.join(', ')}`,
        }),
      })
      .optional(),
    endpoint: httpUrl().optional(),
  })
  .strict();

/** `kind: Component`, `spec.type: model-server`: a service that serves models. */
export const modelServerEntitySchema = envelope(
  'Component',
  z
    .object({
      type: typeLiteral(MODEL_SERVER_ENTITY_TYPE),
      ...commonSpecFields,
      lifecycle: boundedString(100),
      providesApis: entityRefList().optional(),
      consumesApis: entityRefList().optional(),
      serving: servingDetailsSchema,
    })
    .passthrough(),
);
