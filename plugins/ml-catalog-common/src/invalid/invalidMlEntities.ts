import { z } from 'zod';

/**
 * The path of the invalid-entities list under the catalog backend:
 * `GET /api/catalog/ml/invalid-entities`.
 *
 * @public
 */
export const INVALID_ML_ENTITIES_PATH = '/ml/invalid-entities';

/**
 * One ML entity (ai-model, dataset, ml-pipeline or model-server) that the
 * catalog could not process, typically because it failed the ML contract.
 *
 * @public
 */
export const invalidMlEntitySchema = z.object({
  /** e.g. `resource:default/fraud-scoring` */
  entityRef: z.string(),
  kind: z.string(),
  /** `ai-model`, `dataset`, `ml-pipeline` or `model-server`. */
  type: z.string(),
  title: z.string().optional(),
  /** The owner as a full entity ref (`group:default/risk-ml`), when set. */
  owner: z.string().optional(),
  /** Where the entity was read from (`backstage.io/managed-by-location`). */
  location: z.string().optional(),
  /** The fields that fail the ML contract, one per problem. */
  issues: z.array(z.object({ field: z.string(), message: z.string() })),
  /** The catalog's processing errors for the entity, as stored by it. */
  errors: z.array(z.object({ name: z.string(), message: z.string() })),
});

/**
 * The body of `GET /api/catalog/ml/invalid-entities`.
 *
 * @public
 */
export const invalidMlEntitiesResponseSchema = z.object({
  items: z.array(invalidMlEntitySchema),
  /** True when more entities failed than the response holds. */
  truncated: z.boolean(),
});

/**
 * An entity the catalog could not process.
 *
 * @public
 */
export type InvalidMlEntity = z.infer<typeof invalidMlEntitySchema>;

/**
 * The invalid-entities list.
 *
 * @public
 */
export type InvalidMlEntitiesResponse = z.infer<
  typeof invalidMlEntitiesResponseSchema
>;
