import { z } from 'zod';
import { CheckDefinition } from './CheckDefinition';
import { ModelTier, ReadinessLevel } from './levels';

/** KPI facts are collected every few hours; older than this is stale. */
const KPI_FRESHNESS = '2d';
const KPI_LINK = '/ml/kpis';

const tierTargets = (value: z.ZodNumber) =>
  z
    .object({
      tier1: value.optional(),
      tier2: value.optional(),
      tier3: value.optional(),
    })
    .strict();
const ratioTargets = tierTargets(
  z
    .number({ invalid_type_error: 'must be a number' })
    .min(0, 'must be a ratio from 0 to 1')
    .max(1, 'must be a ratio from 0 to 1'),
);
const durationTargets = tierTargets(
  z
    .number({ invalid_type_error: 'must be a number' })
    .positive('must be positive'),
);

/**
 * Targets of the KPI checks per tier (`tier1`, `tier2`, `tier3`). A check
 * applies to the tiers that have a target; a KPI given in config replaces its
 * default per-tier object entirely, and `{}` drops that check.
 *
 * @public
 */
export const kpiTargetsSchema = z
  .object({
    /** Change failure rate must stay under this ratio. */
    changeFailureRate: ratioTargets,
    /** Median time to restore must stay under this many hours. */
    timeToRestoreHours: durationTargets,
    /** Median time to detect must stay under this many minutes. */
    timeToDetectMinutes: durationTargets,
    /** Pipeline success rate must be over this ratio. */
    pipelineSuccessRate: ratioTargets,
    /** Availability SLO attainment (share of requests served) must be at least this ratio. */
    availabilitySloAttainment: ratioTargets,
    /** Latency SLO attainment (share of sampled instants within the p99 objective) must be at least this ratio. */
    latencySloAttainment: ratioTargets,
  })
  .partial()
  .strict();

/** Per-tier KPI targets. @public */
export type KpiTargets = Required<z.infer<typeof kpiTargetsSchema>>;

/** One KPI's targets by tier. @public */
export type TierTargets = Partial<Record<'tier1' | 'tier2' | 'tier3', number>>;

/**
 * The default targets, from the KPI table of the reference role (section 7):
 * change failure rate under 15 % (tiers 1–2), time to restore under 4 h and
 * time to detect under 60 min for tier 1, pipeline success over 95 %
 * (tiers 1–2), availability SLO attainment at least 99.9 % and latency SLO
 * attainment at least 99 % for tier 1.
 *
 * @public
 */
export const defaultKpiTargets: KpiTargets = {
  changeFailureRate: { tier1: 0.15, tier2: 0.15 },
  timeToRestoreHours: { tier1: 4 },
  timeToDetectMinutes: { tier1: 60 },
  pipelineSuccessRate: { tier1: 0.95, tier2: 0.95 },
  availabilitySloAttainment: { tier1: 0.999 },
  latencySloAttainment: { tier1: 0.99 },
};

/**
 * Validates KPI targets from config (`mlGoldenPaths.kpi.targets`) and merges
 * them over {@link defaultKpiTargets}. Throws an Error naming the field, e.g.
 * `mlGoldenPaths.kpi.targets.changeFailureRate.tier1: must be a ratio from 0 to 1`.
 *
 * @public
 */
export function parseKpiTargets(
  raw: unknown,
  key = 'mlGoldenPaths.kpi.targets',
): KpiTargets {
  const parsed = kpiTargetsSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.join('.');
    throw new Error(`${key}${path ? `.${path}` : ''}: ${issue.message}`);
  }
  return { ...defaultKpiTargets, ...(parsed.data as Partial<KpiTargets>) };
}

const tierKeys = { 1: 'tier1', 2: 'tier2', 3: 'tier3' } as const;

/** A number as a CEL double literal (`4` → `4.0`). */
function celDouble(value: number): string {
  const text = String(value);
  return /[.e]/i.test(text) ? text : `${text}.0`;
}

function tiersOf(targets: TierTargets): ModelTier[] {
  return ([1, 2, 3] as const).filter(
    tier => targets[tierKeys[tier]] !== undefined,
  );
}

/**
 * The comparison of `fact` with the per-tier target: a literal when every
 * applicable tier has the same target, else chosen by `entity.tier`.
 */
function targetExpression(targets: TierTargets, tiers: ModelTier[]): string {
  const values = tiers.map(tier => targets[tierKeys[tier]]!);
  if (values.every(v => v === values[0])) {
    return celDouble(values[0]);
  }
  let expression = celDouble(values[values.length - 1]);
  for (let i = tiers.length - 2; i >= 0; i--) {
    expression = `(entity.tier == ${tiers[i]} ? ${celDouble(
      values[i],
    )} : ${expression})`;
  }
  return expression;
}

function targetsInWords(
  targets: TierTargets,
  tiers: ModelTier[],
  format: (value: number) => string,
): string {
  const values = tiers.map(tier => targets[tierKeys[tier]]!);
  if (values.every(v => v === values[0])) {
    return format(values[0]);
  }
  return tiers
    .map((tier, i) => `${format(values[i])} (tier ${tier})`)
    .join(', ');
}

const percent = (value: number) => `${Number((value * 100).toFixed(3))} %`;

interface KpiCheckSpec {
  id: string;
  factSet: 'delivery' | 'serving';
  field: string;
  operator: '<' | '>' | '>=';
  level: ReadinessLevel;
  format: (value: number) => string;
  title: (target: string) => string;
  description: (target: string) => string;
  remediation: string;
}

function kpiCheck(
  spec: KpiCheckSpec,
  targets: TierTargets,
): CheckDefinition | undefined {
  const tiers = tiersOf(targets);
  if (tiers.length === 0) {
    return undefined;
  }
  const target = targetExpression(targets, tiers);
  const fact = `${spec.factSet}.${spec.field}`;
  const words = targetsInWords(targets, tiers, spec.format);
  return {
    id: spec.id,
    title: spec.title(words),
    category: spec.factSet === 'delivery' ? 'delivery' : 'monitoring',
    level: spec.level,
    tiers,
    stages: ['production'],
    facts: target.includes('entity.')
      ? [spec.factSet, 'entity']
      : [spec.factSet],
    // Too little data is its own state, never a bad grade: it passes.
    rule: `!${fact}.enoughData || ${fact}.value ${spec.operator} ${target}`,
    description: `${spec.description(words)} Too little data passes.`,
    freshness: KPI_FRESHNESS,
    remediation: spec.remediation,
    goldenPathLink: KPI_LINK,
  };
}

const deliverySpecs: Array<[keyof KpiTargets, KpiCheckSpec]> = [
  [
    'changeFailureRate',
    {
      id: 'kpi-change-failure-rate',
      factSet: 'delivery',
      field: 'changeFailureRate',
      operator: '<',
      level: 'gold',
      format: percent,
      title: t => `Change failure rate under ${t}`,
      description: t =>
        `Production deployments in the window that failed or were followed by an incident stay under ${t}.`,
      remediation:
        'Look at the failed deployments and their incidents; tighten the evaluation gate and progressive rollout.',
    },
  ],
  [
    'timeToRestoreHours',
    {
      id: 'kpi-time-to-restore',
      factSet: 'delivery',
      field: 'timeToRestoreHours',
      operator: '<',
      level: 'gold',
      format: v => `${v} h`,
      title: t => `Time to restore under ${t}`,
      description: t =>
        `The median time from incident (or failed deployment) to restore is under ${t}.`,
      remediation:
        'Practise the rollback runbook; make the previous version one command away.',
    },
  ],
  [
    'timeToDetectMinutes',
    {
      id: 'kpi-time-to-detect',
      factSet: 'delivery',
      field: 'timeToDetectMinutes',
      operator: '<',
      level: 'gold',
      format: v => `${v} min`,
      title: t => `Time to detect under ${t}`,
      description: t =>
        `The median time from impact start to the incident being opened is under ${t}.`,
      remediation:
        'Alert on drift, data quality and SLO burn rate and route the alerts to the on-call group.',
    },
  ],
  [
    'pipelineSuccessRate',
    {
      id: 'kpi-pipeline-success-rate',
      factSet: 'delivery',
      field: 'pipelineSuccessRate',
      operator: '>',
      level: 'silver',
      format: percent,
      title: t => `Pipeline success rate over ${t}`,
      description: t =>
        `Over ${t} of completed workflow runs on the default branch (cancelled and skipped aside) succeed.`,
      remediation:
        'Fix flaky tests and pipelines; quarantine a flaky step rather than re-running it.',
    },
  ],
];

const servingSpecs: Array<[keyof KpiTargets, KpiCheckSpec]> = [
  [
    'availabilitySloAttainment',
    {
      id: 'kpi-availability-slo',
      factSet: 'serving',
      field: 'sloAvailabilityAttainment',
      operator: '>=',
      level: 'gold',
      format: percent,
      title: t => `Availability SLO attainment at least ${t}`,
      description: t =>
        `At least ${t} of the requests in the window were served without a server error (Prometheus).`,
      remediation:
        'Find the failing requests in the serving dashboard; add replicas, readiness probes and a canary before the next release.',
    },
  ],
  [
    'latencySloAttainment',
    {
      id: 'kpi-latency-slo',
      factSet: 'serving',
      field: 'latencySloAttainment',
      operator: '>=',
      level: 'gold',
      format: percent,
      title: t => `Latency SLO attainment at least ${t}`,
      description: t =>
        `The p99 latency met the model's objective (spec.mlops.slo.latencyP99Ms) at least ${t} of the time in the window (Prometheus).`,
      remediation:
        'Profile the slow requests; batch, cache features or right-size the serving resources.',
    },
  ],
];

function checksFrom(
  specs: Array<[keyof KpiTargets, KpiCheckSpec]>,
  targets: KpiTargets,
): CheckDefinition[] {
  return specs
    .map(([key, spec]) => kpiCheck(spec, targets[key]))
    .filter((c): c is CheckDefinition => c !== undefined);
}

/**
 * The KPI checks over the `delivery` fact set (change failure rate, time to
 * restore, time to detect, pipeline success rate) for the given targets.
 * Production models only; a tier without a target is not applicable; too
 * little data passes. The KPI plugin's readiness module contributes them to
 * the default policy.
 *
 * @public
 */
export function deliveryKpiChecksFor(
  targets: KpiTargets = defaultKpiTargets,
): CheckDefinition[] {
  return checksFrom(deliverySpecs, targets);
}

/**
 * The KPI checks over the `serving` fact set (availability and latency SLO
 * attainment) for the given targets; contributed to the default policy by
 * the Prometheus KPI module when it is configured.
 *
 * @public
 */
export function servingKpiChecksFor(
  targets: KpiTargets = defaultKpiTargets,
): CheckDefinition[] {
  return checksFrom(servingSpecs, targets);
}

/**
 * The delivery KPI checks with the default targets.
 *
 * @public
 */
export const deliveryKpiChecks: readonly CheckDefinition[] =
  deliveryKpiChecksFor();

/**
 * The serving KPI checks with the default targets.
 *
 * @public
 */
export const servingKpiChecks: readonly CheckDefinition[] =
  servingKpiChecksFor();
