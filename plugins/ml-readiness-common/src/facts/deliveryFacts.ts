import { z } from 'zod';
import { defineFactSet } from './FactSetDefinition';

/**
 * One delivery KPI as a fact: whether there is enough data for a value, and
 * the value (0 when there is not). Checks read `enoughData` first, so too
 * little data is never a failing grade.
 */
const kpiFact = z.object({
  enoughData: z.boolean(),
  value: z.number(),
});

/**
 * Delivery KPIs of the model over the trailing window, from the ML KPI plugin
 * (`plugins/ml-kpi-backend`; definitions in `plugins/ml-kpi-common`). Units:
 * deployments per week, hours (lead time, time to restore), minutes (time to
 * detect), ratios 0–1 (change failure rate, pipeline success rate).
 *
 * @public
 */
export const deliveryFactsSchema = z.object({
  windowDays: z.number().int(),
  deploymentFrequencyPerWeek: kpiFact,
  leadTimeHours: kpiFact,
  changeFailureRate: kpiFact,
  timeToRestoreHours: kpiFact,
  timeToDetectMinutes: kpiFact,
  pipelineSuccessRate: kpiFact,
});

/** @public */
export type DeliveryFacts = z.infer<typeof deliveryFactsSchema>;

/**
 * The `delivery` fact set. Not built in: a collector (the ML KPI plugin's
 * readiness module) declares it, and the KPI checks
 * (`deliveryKpiChecks`) read it.
 *
 * @public
 */
export const deliveryFactSet = defineFactSet({
  id: 'delivery',
  version: 1,
  description:
    "The model's delivery KPIs over the trailing window (DORA keys, time to detect, pipeline success), from GitHub events.",
  schema: deliveryFactsSchema,
});
