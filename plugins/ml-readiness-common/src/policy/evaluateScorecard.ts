import { CompiledPolicy } from './compilePolicy';
import {
  AchievedLevel,
  levelRank,
  ModelStage,
  modelStages,
  ReadinessLevel,
  readinessLevels,
  requiredLevelForTier,
} from './levels';

/** The state of one check for one model. @public */
export type CheckState =
  'pass' | 'fail' | 'unknown' | 'exempt' | 'not-applicable';

/**
 * What the engine knows about one fact set of one model: its values and
 * when they were last confirmed, or why they are unavailable.
 *
 * @public
 */
export type FactSnapshot =
  | {
      status: 'available';
      /** Schema-valid values (as collected). */
      values: unknown;
      /** Last time a collector confirmed these values (ISO 8601). */
      collectedAt: string;
      /** When the values were true, if the collector said (ISO 8601). */
      observedAt?: string;
    }
  | {
      status: 'unavailable';
      reason: string;
      collectedAt: string;
    };

/** An exemption as the evaluator needs it. @public */
export interface ExemptionSnapshot {
  id: string;
  checkId: string;
  /** ISO 8601. */
  expiresAt: string;
  /** ISO 8601, set when revoked. */
  revokedAt?: string;
}

/** The outcome of one check. @public */
export interface CheckOutcome {
  checkId: string;
  state: CheckState;
  /** Why the check is in this state, in words. */
  reason: string;
  /** Collection time of each fact set the check read (ISO 8601). */
  factTimes: Record<string, string>;
  /** The exemption that applied, when exempt. */
  exemptionId?: string;
}

/** The evaluation of a whole policy for one model. @public */
export interface ScorecardEvaluation {
  /** Tier from the entity facts, 0 when unknown. */
  tier: number;
  /** Stage the checks were evaluated for. */
  stage: ModelStage;
  level: AchievedLevel;
  requiredLevel: ReadinessLevel;
  meetsRequiredLevel: boolean;
  checks: CheckOutcome[];
}

/** Input of {@link evaluateScorecard}. @public */
export interface EvaluateScorecardInput {
  /** Fact snapshots by fact set id; a missing id means never collected. */
  facts: Record<string, FactSnapshot | undefined>;
  exemptions?: readonly ExemptionSnapshot[];
  now: Date;
  /** Evaluate as if the model were in this stage (the gate's target). */
  stage?: ModelStage;
}

function normaliseStage(value: unknown): ModelStage {
  return typeof value === 'string' &&
    (modelStages as readonly string[]).includes(value)
    ? (value as ModelStage)
    : 'development';
}

function formatAge(ms: number): string {
  const hours = ms / 3_600_000;
  return hours >= 48
    ? `${Math.floor(hours / 24)} days`
    : `${Math.floor(hours)} hours`;
}

type CompiledCheck = CompiledPolicy['checks'][number];
type GroupRunner = (facts: Record<string, unknown>) => boolean[];

/** What the evaluation of one check needs, computed once per policy. */
interface CheckPlan {
  check: CompiledCheck;
  /** Positions of the check's fact sets in {@link PolicyPlan.factSetIds}. */
  facts: readonly number[];
  /** Its fact-time slot (the check's fact sets as listed, see factTimes). */
  slot: number;
  rank: number;
  notMet: string;
  tiers: ReadonlySet<number>;
  stages: ReadonlySet<string>;
}

/** Which checks apply to one (tier, stage), and the CEL calls running them. */
interface Applicability {
  /** Per check: why it does not apply, or undefined when it does. */
  notApplicable: ReadonlyArray<string | undefined>;
  /** Per group with applicable checks: their indexes and one CEL call. */
  runs: ReadonlyArray<{
    group: number;
    checks: readonly number[];
    positions: readonly number[];
    run: GroupRunner;
  }>;
}

/** Per-policy lookups, so a model's evaluation indexes arrays instead of maps. */
interface PolicyPlan {
  factSetIds: readonly string[];
  /** Per group: positions of its fact sets in factSetIds. */
  groupFacts: ReadonlyArray<readonly number[]>;
  /** Per group: its checks' indexes in policy.checks. */
  groupChecks: ReadonlyArray<readonly number[]>;
  /** Distinct fact-set lists of checks, as positions in factSetIds. */
  slots: ReadonlyArray<readonly number[]>;
  checks: readonly CheckPlan[];
  applicability: Map<string, Applicability>;
}

/** (tier, stage) combinations remembered per policy; others are computed per call. */
const maxApplicabilityEntries = 64;

const plans = new WeakMap<CompiledPolicy, PolicyPlan>();

function planOf(policy: CompiledPolicy): PolicyPlan {
  let plan = plans.get(policy);
  if (plan) {
    return plan;
  }
  const factSetIds = [...policy.factSets.keys()];
  const factIndex = new Map(factSetIds.map((id, i) => [id, i]));
  const checkIndex = new Map(policy.checks.map((c, i) => [c, i]));
  const slotKeys = new Map<string, number>();
  const slots: number[][] = [];
  const checks = policy.checks.map((check): CheckPlan => {
    const key = check.facts.join(',');
    let slot = slotKeys.get(key);
    if (slot === undefined) {
      slot = slots.length;
      slots.push(check.facts.map(id => factIndex.get(id)!));
      slotKeys.set(key, slot);
    }
    return {
      check,
      facts: check.facts.map(id => factIndex.get(id)!),
      slot,
      rank: levelRank(check.level),
      notMet: `Not met: ${check.description}`,
      tiers: new Set(check.tiers),
      stages: new Set(check.stages),
    };
  });
  plan = {
    factSetIds,
    groupFacts: policy.groups.map(g => g.facts.map(id => factIndex.get(id)!)),
    groupChecks: policy.groups.map(g => g.checks.map(c => checkIndex.get(c)!)),
    slots,
    checks,
    applicability: new Map(),
  };
  plans.set(policy, plan);
  return plan;
}

function applicabilityOf(
  policy: CompiledPolicy,
  plan: PolicyPlan,
  tier: number,
  stage: string,
): Applicability {
  const key = `${tier}|${stage}`;
  const known = plan.applicability.get(key);
  if (known) {
    return known;
  }
  const notApplicable = plan.checks.map(({ check, tiers, stages }) => {
    if (tier !== 0 && !tiers.has(tier)) {
      return `Applies to tiers ${check.tiers.join(
        ', ',
      )}; this model is tier ${tier}`;
    }
    if (!stages.has(stage)) {
      return `Applies to stages ${check.stages.join(
        ', ',
      )}; evaluated for ${stage}`;
    }
    return undefined;
  });
  const runs: Array<Applicability['runs'][number]> = [];
  policy.groups.forEach((group, g) => {
    const positions: number[] = [];
    const checks: number[] = [];
    plan.groupChecks[g].forEach((index, position) => {
      if (notApplicable[index] === undefined) {
        positions.push(position);
        checks.push(index);
      }
    });
    if (positions.length > 0) {
      runs.push({
        group: g,
        checks,
        positions,
        run: group.runnerFor(positions),
      });
    }
  });
  const result = { notApplicable, runs };
  if (plan.applicability.size < maxApplicabilityEntries) {
    plan.applicability.set(key, result);
  }
  return result;
}

/**
 * `Date.parse` of a time, quicker for the form the store writes
 * (`2026-11-29T12:00:00.000Z`, what `toISOString` gives); anything else, or
 * a field out of range, goes to `Date.parse`.
 */
export function parseIsoTime(text: string): number {
  if (
    text.length !== 24 ||
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || // T
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 46 || // .
    text.charCodeAt(23) !== 90 // Z
  ) {
    return Date.parse(text);
  }
  const digits = (from: number, count: number) => {
    let value = 0;
    for (let i = from; i < from + count; i += 1) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  };
  const year = digits(0, 4);
  const month = digits(5, 2);
  const day = digits(8, 2);
  const hour = digits(11, 2);
  const minute = digits(14, 2);
  const second = digits(17, 2);
  const millis = digits(20, 3);
  if (
    year < 100 || // Date.UTC reads years 0-99 as 1900-1999
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 28 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    millis < 0
  ) {
    // Days 29-31 depend on the month: let Date.parse decide.
    return Date.parse(text);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis);
}

/**
 * Whether an exemption counts at `now`: not revoked and not expired. An
 * expired exemption stops counting without anyone acting on it.
 *
 * @public
 */
export function isExemptionActive(
  exemption: ExemptionSnapshot,
  now: Date,
): boolean {
  return (
    !exemption.revokedAt && Date.parse(exemption.expiresAt) > now.getTime()
  );
}

/**
 * Computes the level a set of check outcomes reaches: the highest level whose
 * applicable checks (of that level and below) all pass or are exempt.
 *
 * @public
 */
export function computeLevel(
  outcomes: ReadonlyArray<{ level: ReadinessLevel; state: CheckState }>,
): AchievedLevel {
  let achieved: AchievedLevel = 'none';
  for (const level of readinessLevels) {
    const blocked = outcomes.some(
      o =>
        levelRank(o.level) <= levelRank(level) &&
        (o.state === 'fail' || o.state === 'unknown'),
    );
    if (blocked) {
      break;
    }
    achieved = level;
  }
  return achieved;
}

/**
 * Evaluates every check of a compiled policy against one model's fact
 * snapshots. Pure: no I/O, the same inputs give the same result.
 *
 * @public
 */
export function evaluateScorecard(
  policy: CompiledPolicy,
  input: EvaluateScorecardInput,
): ScorecardEvaluation {
  const plan = planOf(policy);
  const nowMs = input.now.getTime();
  const entity = input.facts.entity;
  const entityValues =
    entity?.status === 'available'
      ? (entity.values as { tier?: unknown; stage?: unknown })
      : undefined;
  const tier = typeof entityValues?.tier === 'number' ? entityValues.tier : 0;
  const stage = input.stage ?? normaliseStage(entityValues?.stage);
  const applies = applicabilityOf(policy, plan, tier, stage);

  // Per fact set: its snapshot, why it cannot be used (missing,
  // unavailable) or its age, and the values rules read.
  const { factSetIds } = plan;
  const factCount = factSetIds.length;
  const snapshots: Array<FactSnapshot | undefined> = new Array(factCount);
  const problems: Array<string | undefined> = new Array(factCount);
  const ages: number[] = new Array(factCount);
  const prepared: Record<string, unknown> = {};
  for (let f = 0; f < factCount; f += 1) {
    const id = factSetIds[f];
    const snapshot = input.facts[id];
    snapshots[f] = snapshot;
    if (!snapshot) {
      problems[f] = `no ${id} facts collected yet`;
    } else if (snapshot.status === 'unavailable') {
      problems[f] = `${id} facts unavailable: ${snapshot.reason}`;
    } else {
      ages[f] = nowMs - parseIsoTime(snapshot.collectedAt);
      prepared[id] = policy.prepareFacts(id, snapshot.values);
    }
  }

  let activeExemptions: Map<string, ExemptionSnapshot> | undefined;
  for (const exemption of input.exemptions ?? []) {
    if (isExemptionActive(exemption, input.now)) {
      (activeExemptions ??= new Map()).set(exemption.checkId, exemption);
    }
  }

  // Rule results of the applicable checks, one CEL call per group whose
  // fact sets are all available.
  const results: Array<boolean | Error | undefined> = new Array(
    plan.checks.length,
  );
  for (const { group, checks, positions, run } of applies.runs) {
    if (!plan.groupFacts[group].every(f => ages[f] !== undefined)) {
      continue;
    }
    try {
      const values = run(prepared);
      for (let i = 0; i < checks.length; i += 1) {
        results[checks[i]] = values[i];
      }
    } catch {
      const members = policy.groups[group].checks;
      positions.forEach((position, i) => {
        try {
          results[checks[i]] = members[position].run(prepared);
        } catch (error) {
          results[checks[i]] = error as Error;
        }
      });
    }
  }

  // The collection time of each fact set a check read, one object per
  // distinct list of fact sets.
  const factTimes = plan.slots.map(slot => {
    const times: Record<string, string> = {};
    for (let i = 0; i < slot.length; i += 1) {
      const f = slot[i];
      const snapshot = snapshots[f];
      if (snapshot) {
        times[factSetIds[f]] = snapshot.collectedAt;
      }
    }
    return times;
  });

  const checks: CheckOutcome[] = new Array(plan.checks.length);
  // The lowest level rank (1 bronze … 3 gold) with a failing or unknown check.
  let blockedRank = 4;
  for (let c = 0; c < plan.checks.length; c += 1) {
    const fixed = plan.checks[c];
    const check = fixed.check;
    const notApplicable = applies.notApplicable[c];
    if (notApplicable !== undefined) {
      checks[c] = {
        checkId: check.id,
        state: 'not-applicable',
        reason: notApplicable,
        factTimes: factTimes[fixed.slot],
      };
      continue;
    }

    let state: CheckState;
    let reason: string;
    let missing: string[] | undefined;
    const facts = fixed.facts;
    for (let i = 0; i < facts.length; i += 1) {
      const f = facts[i];
      const problem = problems[f];
      const age = ages[f];
      if (problem) {
        (missing ??= []).push(problem);
      } else if (age !== undefined && age > check.freshnessMs) {
        (missing ??= []).push(
          `${factSetIds[f]} facts are ${formatAge(age)} old, older than the ${check.freshness} freshness limit`,
        );
      }
    }
    if (missing) {
      state = 'unknown';
      reason = missing.join('; ');
    } else {
      const result = results[c];
      if (typeof result === 'boolean') {
        state = result ? 'pass' : 'fail';
        reason = result ? check.description : fixed.notMet;
      } else {
        state = 'unknown';
        reason = `Rule could not be evaluated: ${
          result?.message.split('\n')[0] ?? 'no result'
        }`;
      }
    }
    let exemptionId: string | undefined;
    if (activeExemptions && (state === 'fail' || state === 'unknown')) {
      const exemption = activeExemptions.get(check.id);
      if (exemption) {
        exemptionId = exemption.id;
        reason = `Exempt until ${exemption.expiresAt} (${state}: ${reason})`;
        state = 'exempt';
      }
    }
    if ((state === 'fail' || state === 'unknown') && fixed.rank < blockedRank) {
      blockedRank = fixed.rank;
    }
    checks[c] = {
      checkId: check.id,
      state,
      reason,
      factTimes: factTimes[fixed.slot],
      exemptionId,
    };
  }

  // The same rule as computeLevel: the highest level below the lowest blocked one.
  const level: AchievedLevel =
    blockedRank === 1 ? 'none' : readinessLevels[blockedRank - 2];
  const requiredLevel = requiredLevelForTier(tier, policy.tierLevels);
  return {
    tier,
    stage,
    level,
    requiredLevel,
    meetsRequiredLevel: levelRank(level) >= levelRank(requiredLevel),
    checks,
  };
}
