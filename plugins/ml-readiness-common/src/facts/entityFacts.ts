import { z } from 'zod';
import { defineFactSet } from './FactSetDefinition';

/**
 * Facts read from the model's catalog entity (`Resource`/`ai-model`) and its
 * relations. Produced by the catalog collector.
 *
 * @public
 */
export const entityFactsSchema = z.object({
  /** Owner entity ref, '' when none. */
  owner: z.string(),
  /** Whether the owner resolves to a Group in the catalog. */
  ownerExists: z.boolean(),
  /** Whether `spec.mlops.onCall` is set. */
  hasOnCall: z.boolean(),
  hasDescription: z.boolean(),
  hasRunbook: z.boolean(),
  hasModelCard: z.boolean(),
  /** Whether the entity is part of a System. */
  hasSystem: z.boolean(),
  /** 1 (business-critical) … 3 (low risk); 0 when the entity has no valid tier. */
  tier: z.number().int().min(0).max(3),
  /** Highest stage any version reached: production, staging, development, archived, or ''. */
  stage: z.string(),
  /** online, batch, streaming, embedded or ''. */
  servingPattern: z.string(),
  slo: z.object({
    defined: z.boolean(),
    /** 0 when not set. */
    latencyP99Ms: z.number(),
    /** Percent, 0 when not set. */
    availability: z.number(),
  }),
  monitoring: z.object({
    dashboard: z.boolean(),
    drift: z.boolean(),
    dataQuality: z.boolean(),
  }),
  versions: z.object({
    count: z.number().int(),
    /** The newest production version records who approved it. */
    productionApproved: z.boolean(),
    /** The newest production version names its dataset (name@snapshot). */
    productionHasDataset: z.boolean(),
    /** The newest production version names the code commit it was trained from. */
    productionHasCodeCommit: z.boolean(),
    /** The newest production version records evaluation metrics. */
    productionHasMetrics: z.boolean(),
  }),
  lineage: z.object({
    /** dependsOn relations to `Resource`/`dataset` entities. */
    datasets: z.number().int(),
    /** dependsOn relations to `Component`/`ml-pipeline` entities. */
    pipelines: z.number().int(),
    /** model-server components that depend on this model. */
    servers: z.number().int(),
  }),
  goldenPath: z.object({
    /** Template name from `spec.mlops.goldenPath`, '' when not created from one. */
    template: z.string(),
    /** Template version recorded on the entity, '' when none. */
    version: z.string(),
  }),
  /** Repository slug (`owner/name`) or local-git repository name, '' when unknown. */
  repository: z.string(),
});

/** @public */
export type EntityFacts = z.infer<typeof entityFactsSchema>;

/** @public */
export const entityFactSet = defineFactSet({
  id: 'entity',
  version: 1,
  description:
    "The model's catalog entity: ownership, documentation links, SLOs, monitoring, versions and lineage.",
  schema: entityFactsSchema,
});
