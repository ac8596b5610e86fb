import { KpiValue } from '@ml-golden-paths/plugin-ml-kpi-common';
import { z } from 'zod';

const servingFact = z.object({ enoughData: z.boolean(), value: z.number() });

/**
 * One model as the readiness backend's `GET /platform/models` describes it:
 * its current check states (with category) and documentation ages.
 */
export const readinessModelSchema = z.object({
  entityRef: z.string().min(1),
  owner: z.string().optional(),
  tier: z.number().int(),
  stage: z.string(),
  gradedAt: z.string(),
  checks: z.array(
    z.object({ id: z.string(), category: z.string(), state: z.string() }),
  ),
  docs: z
    .object({
      modelCardAgeDays: z.number(),
      rollbackRunbookAgeDays: z.number(),
      collectedAt: z.string(),
    })
    .optional(),
  serving: z
    .object({
      windowDays: z.number(),
      requestCount: servingFact,
      sloAvailabilityAttainment: servingFact,
      latencySloAttainment: servingFact,
      collectedAt: z.string(),
    })
    .optional(),
});

/** A model's readiness inputs of the platform roll-ups. */
export type ReadinessModel = z.infer<typeof readinessModelSchema>;

/** The platform roll-ups, in display order. */
export const PLATFORM_ROLLUP_IDS = [
  'goldenPathAdoption',
  'monitoringCoverage',
  'dataQualityGateAdoption',
  'reproducibilityRate',
  'documentationFreshness',
  'securityControlCompliance',
] as const;

/** The id of a platform roll-up. */
export type PlatformRollupId = (typeof PLATFORM_ROLLUP_IDS)[number];

/** What one model contributes to one roll-up. */
export type Contribution = 'meets' | 'misses' | 'unknown' | 'excluded';

/** A platform roll-up over a set of models. */
export type PlatformRollup = {
  id: PlatformRollupId;
  title: string;
  /** Who is counted and what counts, in words. */
  definition: string;
  /** meets ÷ (meets + misses), or insufficient-data when both are 0. */
  value: KpiValue;
  meets: number;
  misses: number;
  /** In the population, but the readiness facts could not tell. */
  unknown: number;
  /** Target from the reference KPI table: the ratio must exceed it. */
  target: { comparator: '>'; value: number };
};

const LIVE_STAGES = new Set(['development', 'staging', 'production']);
const DOCS_WINDOW_DAYS = 90;
const DAY = 86_400_000;

type Rule = {
  title: string;
  definition: string;
  target: number;
  /** Whether the model is in the population. */
  population: (m: ReadinessModel) => boolean;
  /** The checks that decide the model's contribution (applicable ones only). */
  checks?: (check: ReadinessModel['checks'][number]) => boolean;
  /** A contribution computed from facts instead of checks. */
  contribute?: (m: ReadinessModel, now: Date) => Contribution;
};

const live = (m: ReadinessModel) => LIVE_STAGES.has(m.stage);
const byId =
  (...ids: string[]) =>
  (c: { id: string }) =>
    ids.includes(c.id);

/**
 * The roll-up definitions (README "Platform roll-ups" states the same).
 * A model's contribution from its checks: `meets` when every deciding check
 * that applies to it passes; `misses` when one fails or is exempt (an
 * exemption is a compensating control, not the control); otherwise
 * `unknown` when one is unknown; `excluded` when none applies.
 */
const RULES: Record<PlatformRollupId, Rule> = {
  goldenPathAdoption: {
    title: 'Golden-path adoption',
    definition:
      'Live models whose repository records the golden path it was created from (check golden-path-recorded passes), of all live models.',
    target: 0.6,
    population: live,
    checks: byId('golden-path-recorded'),
  },
  monitoringCoverage: {
    title: 'Monitoring coverage (tier 1)',
    definition:
      'Tier-1 production models whose every applicable monitoring check passes (SLOs, dashboard, drift, data quality, alert routing), of all tier-1 production models.',
    target: 0.8,
    population: m => m.tier === 1 && m.stage === 'production',
    checks: c => c.category === 'monitoring',
  },
  dataQualityGateAdoption: {
    title: 'Data-quality gate adoption',
    definition:
      'Live models whose CI validates the data against a versioned schema (checks ci-data-validation and data-validation-versioned pass), of all live models.',
    target: 0.7,
    population: live,
    checks: byId('ci-data-validation', 'data-validation-versioned'),
  },
  reproducibilityRate: {
    title: 'Reproducibility rate (tier 1)',
    definition:
      'Tier-1 live models whose training is reproducible from versioned inputs: pinned dependencies, versioned data schema and evaluation thresholds, and (in production) the dataset snapshot and code commit of the newest version recorded — every applicable one of those checks passes.',
    target: 0.9,
    population: m => m.tier === 1 && live(m),
    checks: byId(
      'dependencies-pinned',
      'data-validation-versioned',
      'evaluation-thresholds-versioned',
      'version-dataset-recorded',
      'version-commit-recorded',
    ),
  },
  documentationFreshness: {
    title: 'Documentation freshness',
    definition: `Live models whose model card and rollback runbook both exist and changed in the last ${DOCS_WINDOW_DAYS} days (repository facts: age when collected plus the days since), of all live models; no repository facts is unknown.`,
    target: 0.8,
    population: live,
    contribute: (m, now) => {
      if (!m.docs) return 'unknown';
      const since = Math.max(
        0,
        (now.getTime() - Date.parse(m.docs.collectedAt)) / DAY,
      );
      const fresh = (age: number) =>
        age >= 0 && age + since <= DOCS_WINDOW_DAYS;
      return fresh(m.docs.modelCardAgeDays) &&
        fresh(m.docs.rollbackRunbookAgeDays)
        ? 'meets'
        : 'misses';
    },
  },
  securityControlCompliance: {
    title: 'Security control compliance (tier 1)',
    definition:
      'Tier-1 live models whose every applicable security & supply-chain check passes (no committed secrets, dependency and container scans, non-root image, protected branch), of all tier-1 live models.',
    target: 0.95,
    population: m => m.tier === 1 && live(m),
    checks: c => c.category === 'security-supply-chain',
  },
};

function fromChecks(
  m: ReadinessModel,
  deciding: (c: ReadinessModel['checks'][number]) => boolean,
): Contribution {
  const states = m.checks
    .filter(deciding)
    .map(c => c.state)
    .filter(s => s !== 'not-applicable');
  if (states.length === 0) return 'excluded';
  if (states.some(s => s === 'fail' || s === 'exempt')) return 'misses';
  if (states.some(s => s !== 'pass')) return 'unknown';
  return 'meets';
}

/** What one model contributes to a roll-up. */
export function contribution(
  id: PlatformRollupId,
  model: ReadinessModel,
  now: Date,
): Contribution {
  const rule = RULES[id];
  if (!rule.population(model)) return 'excluded';
  if (rule.contribute) return rule.contribute(model, now);
  return fromChecks(model, rule.checks!);
}

/** Every platform roll-up over the given models (see {@link RULES}). */
export function platformRollups(
  models: readonly ReadinessModel[],
  now: Date,
): PlatformRollup[] {
  return PLATFORM_ROLLUP_IDS.map(id => {
    const rule = RULES[id];
    const counts = { meets: 0, misses: 0, unknown: 0, excluded: 0 };
    for (const model of models) {
      counts[contribution(id, model, now)] += 1;
    }
    const samples = counts.meets + counts.misses;
    const value: KpiValue =
      samples === 0
        ? {
            state: 'insufficient-data',
            unit: 'ratio',
            samples: 0,
            reason:
              counts.unknown > 0
                ? `the readiness facts of all ${counts.unknown} model(s) in scope are unknown`
                : 'no model in scope',
          }
        : {
            state: 'value',
            value: counts.meets / samples,
            unit: 'ratio',
            samples,
          };
    return {
      id,
      title: rule.title,
      definition: rule.definition,
      value,
      meets: counts.meets,
      misses: counts.misses,
      unknown: counts.unknown,
      target: { comparator: '>', value: rule.target },
    };
  });
}
