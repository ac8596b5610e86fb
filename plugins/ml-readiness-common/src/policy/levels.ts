import { z } from 'zod';

/** The readiness levels, lowest first. @public */
export const readinessLevels = ['bronze', 'silver', 'gold'] as const;

/** A readiness level a check belongs to. @public */
export type ReadinessLevel = (typeof readinessLevels)[number];

/** A model's achieved level: a readiness level, or `none` below Bronze. @public */
export type AchievedLevel = ReadinessLevel | 'none';

/** zod schema of a readiness level. @public */
export const readinessLevelSchema = z.enum(readinessLevels);

/** Rank of a level: none 0, bronze 1, silver 2, gold 3. @public */
export function levelRank(level: AchievedLevel): number {
  return level === 'none' ? 0 : readinessLevels.indexOf(level) + 1;
}

/** Display name of a level, e.g. `Gold`. @public */
export function levelTitle(level: AchievedLevel): string {
  return level === 'none' ? 'None' : level[0].toUpperCase() + level.slice(1);
}

/** The stages a model version moves through. @public */
export const modelStages = [
  'development',
  'staging',
  'production',
  'archived',
] as const;

/** A model stage. @public */
export type ModelStage = (typeof modelStages)[number];

/** zod schema of a model stage. @public */
export const modelStageSchema = z.enum(modelStages);

/** Risk tiers: 1 business-critical/regulated … 3 low risk. @public */
export const modelTiers = [1, 2, 3] as const;

/** A model risk tier. @public */
export type ModelTier = (typeof modelTiers)[number];

/** Which level each tier must reach. @public */
export type TierLevels = Record<ModelTier, ReadinessLevel>;

/** The default mapping: tier 1 Gold, tier 2 Silver, tier 3 Bronze. @public */
export const defaultTierLevels: TierLevels = {
  1: 'gold',
  2: 'silver',
  3: 'bronze',
};

/**
 * The level a tier requires. A model without a valid tier (0) must meet the
 * strictest requirement, so a missing tier never lowers the bar.
 *
 * @public
 */
export function requiredLevelForTier(
  tier: number,
  tierLevels: TierLevels = defaultTierLevels,
): ReadinessLevel {
  if (tier === 1 || tier === 2 || tier === 3) {
    return tierLevels[tier];
  }
  return 'gold';
}
