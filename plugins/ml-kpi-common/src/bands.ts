import { z } from 'zod';

/** A DORA performance band. @public */
export type PerformanceBand = 'elite' | 'high' | 'medium' | 'low';

/**
 * One value range of a band: `min` inclusive, `max` exclusive, either may be
 * left open. Ranges are tried in order and the first one containing the value
 * wins, so bands need not be monotonic in the value.
 *
 * @public
 */
export type BandRange = { band: PerformanceBand; min?: number; max?: number };

/** Band ranges per KPI that has a DORA band. @public */
export type BandConfig = {
  /** Successful production deployments per week. */
  deploymentFrequency: BandRange[];
  /** Lead time for changes, hours. */
  leadTime: BandRange[];
  /** Change failure rate, a ratio 0–1. */
  changeFailureRate: BandRange[];
  /** Time to restore, hours. */
  timeToRestore: BandRange[];
};

const bandRangeSchema = z
  .object({
    band: z.enum(['elite', 'high', 'medium', 'low']),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
  })
  .strict()
  .refine(r => r.min === undefined || r.max === undefined || r.min < r.max, {
    message: 'min must be below max',
  });

/** Zod schema of a (partial) band configuration from app-config. @public */
export const bandConfigSchema = z
  .object({
    deploymentFrequency: z.array(bandRangeSchema).min(1),
    leadTime: z.array(bandRangeSchema).min(1),
    changeFailureRate: z.array(bandRangeSchema).min(1),
    timeToRestore: z.array(bandRangeSchema).min(1),
  })
  .strict()
  .partial();

/**
 * DORA 2024 performance bands (Accelerate State of DevOps Report 2024).
 *
 * - Deployment frequency: elite on demand (≥ 7 per week), high daily to
 *   weekly (≥ 1), medium weekly to monthly (≥ 12/52 ≈ 0.23), low below.
 * - Lead time: elite < 1 day, high < 1 week, medium < 1 month (720 h), low
 *   beyond.
 * - Change failure rate: the 2024 clusters are elite 5 %, medium 10 %,
 *   high 20 %, low 40 % — NOT monotonic in the band order (high performers
 *   fail more often than medium ones). Each band owns the values nearest its
 *   cluster value: [0, 7.5 %) elite, [7.5 %, 15 %) medium, [15 %, 30 %) high,
 *   ≥ 30 % low.
 * - Time to restore (failed deployment recovery time): elite < 1 h, high
 *   < 1 day (medium is also "< 1 day" in 2024; the first listed range wins),
 *   low beyond.
 *
 * @public
 */
export const DORA_2024_BANDS: BandConfig = {
  deploymentFrequency: [
    { band: 'elite', min: 7 },
    { band: 'high', min: 1, max: 7 },
    { band: 'medium', min: 12 / 52, max: 1 },
    { band: 'low', max: 12 / 52 },
  ],
  leadTime: [
    { band: 'elite', max: 24 },
    { band: 'high', min: 24, max: 168 },
    { band: 'medium', min: 168, max: 720 },
    { band: 'low', min: 720 },
  ],
  changeFailureRate: [
    { band: 'elite', max: 0.075 },
    { band: 'medium', min: 0.075, max: 0.15 },
    { band: 'high', min: 0.15, max: 0.3 },
    { band: 'low', min: 0.3 },
  ],
  timeToRestore: [
    { band: 'elite', max: 1 },
    { band: 'high', min: 1, max: 24 },
    { band: 'low', min: 24 },
  ],
};

/**
 * The band of the first range containing the value, or undefined when no
 * range does.
 *
 * @public
 */
export function classifyBand(
  value: number,
  ranges: readonly BandRange[],
): PerformanceBand | undefined {
  return ranges.find(
    r =>
      (r.min === undefined || value >= r.min) &&
      (r.max === undefined || value < r.max),
  )?.band;
}
