import { z } from 'zod';
import { defineFactSet } from './FactSetDefinition';

/**
 * One serving KPI as a fact: whether there is enough data for a value, and
 * the value (0 when there is not). "Not enough data" is its own state, so a
 * check reads `enoughData` first and never grades a model on missing data.
 */
const servingKpiFact = z.object({
  enoughData: z.boolean(),
  value: z.number(),
});

/**
 * Serving KPIs of the model over the trailing window, from Prometheus
 * (`plugins/ml-kpi-backend-module-prometheus`, definitions in its README).
 * Units: ratios 0–1 (`sloAvailabilityAttainment` is the share of requests
 * that succeeded, `latencySloAttainment` the share of the window's sampled
 * instants whose p99 latency met the model's objective), a count of requests,
 * the configured cost unit per 1,000 requests, and minutes of firing alerts.
 * The objectives are the model's own (`spec.mlops.slo`), `null` when it
 * declares none.
 *
 * @public
 */
export const servingFactsSchema = z.object({
  windowDays: z.number().positive(),
  availabilityObjective: z.number().min(0).max(1).nullable(),
  latencyP99ObjectiveMs: z.number().positive().nullable(),
  requestCount: servingKpiFact,
  sloAvailabilityAttainment: servingKpiFact,
  latencySloAttainment: servingKpiFact,
  costPer1kInferences: servingKpiFact,
  driftAlertMinutes: servingKpiFact,
  dataQualityAlertMinutes: servingKpiFact,
});

/** @public */
export type ServingFacts = z.infer<typeof servingFactsSchema>;

/**
 * The `serving` fact set: SLO attainment, traffic, serving cost and alert
 * time of a model in production, from Prometheus. Declared by the Prometheus
 * KPI collector.
 *
 * @public
 */
export const servingFactSet = defineFactSet({
  id: 'serving',
  version: 1,
  description:
    "The model's serving KPIs over the trailing window (availability and latency SLO attainment, requests, cost per 1,000 inferences, drift and data-quality alert minutes), from Prometheus.",
  schema: servingFactsSchema,
});
