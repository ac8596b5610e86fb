import { z } from 'zod';
import { MODEL_STAGES, SERVING_PATTERNS } from '../constants';
import { DATASET_REFERENCE_PATTERN } from '../helpers/parseDatasetReference';
import { FORBIDDEN_KEYS, ML_SCHEMA_LIMITS } from './limits';
import {
  boundedString,
  entityRef,
  httpUrl,
  httpUrlOrRelativePath,
  positiveNumber,
  timestamp,
} from './primitives';

const METRIC_NAME = /^[A-Za-z0-9_.:/-]+$/;

/** Metric name → value, e.g. `{ auc: 0.93 }`. */
const metricsSchema = z
  .record(
    boundedString(100).regex(METRIC_NAME, {
      message: 'metric names may contain letters, digits and _ . : / -',
    }),
    z.number({ invalid_type_error: 'metric values must be numbers' }).finite(),
  )
  .superRefine((metrics, ctx) => {
    const keys = Object.keys(metrics);
    if (keys.length > ML_SCHEMA_LIMITS.maxMetrics) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `must have at most ${ML_SCHEMA_LIMITS.maxMetrics} metrics`,
      });
    }
    for (const key of keys) {
      if (FORBIDDEN_KEYS.has(key)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [key],
          message: `key "${key}" is not allowed`,
        });
      }
    }
  });

/** `<dataset entity ref>[@<snapshot>]`, e.g. `card-transactions@2026-09-30`. */
const datasetSnapshotRef = boundedString(300).regex(DATASET_REFERENCE_PATTERN, {
  message:
    'must be a dataset entity reference with an optional @snapshot, e.g. card-transactions@2026-09-30',
});

/** One registered version of a model. */
export const modelVersionSchema = z
  .object({
    version: z
      .union([boundedString(100), z.number().int().nonnegative()], {
        errorMap: () => ({
          message:
            'expected a version label: a string of at most 100 characters or a whole number',
        }),
      })
      .transform(String),
    stage: z.enum(MODEL_STAGES, {
      errorMap: () => ({
        message: `expected one of ${MODEL_STAGES.join(', ')}`,
      }),
    }),
    registeredAt: timestamp(),
    metrics: metricsSchema.optional(),
    dataset: datasetSnapshotRef.optional(),
    codeCommit: z
      .string()
      .regex(/^[0-9a-f]{7,64}$/i, {
        message: 'must be a git commit hash (7 to 64 hex characters)',
      })
      .optional(),
    approvedBy: entityRef().optional(),
    runId: boundedString(100).optional(),
  })
  .strict();

/** Golden path (scaffolder template) the model's repository was created from. */
export const goldenPathSchema = z
  .object({
    template: boundedString(100).regex(/^[a-z0-9][a-z0-9-]*$/, {
      message: 'must be a template name in kebab-case',
    }),
    version: boundedString(50).regex(/^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/, {
      message: 'must be a semantic version such as 1.2.0',
    }),
  })
  .strict();

/** Service level objectives; online models use latency/availability, batch ones schedule/freshness. */
export const sloSchema = z
  .object({
    latencyP99Ms: positiveNumber().optional(),
    availability: z
      .number({ invalid_type_error: 'expected a number' })
      .gt(0, { message: 'must be a percentage between 0 and 100' })
      .lte(100, { message: 'must be a percentage between 0 and 100' })
      .optional(),
    schedule: boundedString(200).optional(),
    freshnessHours: positiveNumber().optional(),
  })
  .strict();

/** Where the model is watched in production. */
export const monitoringSchema = z
  .object({
    dashboard: httpUrl().optional(),
    drift: httpUrl().optional(),
    dataQuality: httpUrl().optional(),
    alerts: httpUrl().optional(),
  })
  .strict();

/** The `spec.mlops` block of an `ai-model` entity. */
export const mlopsSchema = z
  .object({
    tier: z.union([z.literal(1), z.literal(2), z.literal(3)], {
      errorMap: () => ({ message: 'expected 1, 2 or 3' }),
    }),
    task: boundedString(),
    framework: boundedString().optional(),
    servingPattern: z.enum(SERVING_PATTERNS, {
      errorMap: () => ({
        message: `expected one of ${SERVING_PATTERNS.join(', ')}`,
      }),
    }),
    goldenPath: goldenPathSchema.optional(),
    trainingPipeline: entityRef().optional(),
    versions: z
      .array(modelVersionSchema)
      .max(ML_SCHEMA_LIMITS.maxVersions, {
        message: `must list at most ${ML_SCHEMA_LIMITS.maxVersions} versions`,
      })
      .default([]),
    slo: sloSchema.optional(),
    monitoring: monitoringSchema.optional(),
    runbook: httpUrlOrRelativePath().optional(),
    modelCard: httpUrlOrRelativePath().optional(),
    onCall: entityRef().optional(),
  })
  .strict()
  .superRefine((mlops, ctx) => {
    const seen = new Set<string>();
    mlops.versions.forEach((version, index) => {
      if (seen.has(version.version)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['versions', index, 'version'],
          message: `version "${version.version}" is listed more than once`,
        });
      }
      seen.add(version.version);
    });
  });
