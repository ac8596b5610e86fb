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

/** Per-check strings and lookups computed once, not per model. */
interface CheckStatics {
  factsKey: string;
  tiers: ReadonlySet<number>;
  stages: ReadonlySet<string>;
  notMet: string;
  tierReasons: Map<number, string>;
  stageReasons: Map<string, string>;
}

const statics = new WeakMap<object, CheckStatics>();

function staticsOf(check: CompiledPolicy['checks'][number]): CheckStatics {
  let found = statics.get(check);
  if (!found) {
    found = {
      factsKey: check.facts.join(','),
      tiers: new Set(check.tiers),
      stages: new Set(check.stages),
      notMet: `Not met: ${check.description}`,
      tierReasons: new Map(),
      stageReasons: new Map(),
    };
    statics.set(check, found);
  }
  return found;
}

function tierReason(c: CheckStatics, tiers: readonly number[], tier: number) {
  let reason = c.tierReasons.get(tier);
  if (!reason) {
    reason = `Applies to tiers ${tiers.join(', ')}; this model is tier ${tier}`;
    c.tierReasons.set(tier, reason);
  }
  return reason;
}

function stageReason(
  c: CheckStatics,
  stages: readonly string[],
  stage: string,
) {
  let reason = c.stageReasons.get(stage);
  if (!reason) {
    reason = `Applies to stages ${stages.join(', ')}; evaluated for ${stage}`;
    c.stageReasons.set(stage, reason);
  }
  return reason;
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
  const nowMs = input.now.getTime();
  const entity = input.facts.entity;
  const entityValues =
    entity?.status === 'available'
      ? (entity.values as { tier?: unknown; stage?: unknown })
      : undefined;
  const tier = typeof entityValues?.tier === 'number' ? entityValues.tier : 0;
  const stage = input.stage ?? normaliseStage(entityValues?.stage);

  const prepared: Record<string, unknown> = {};
  for (const [id, snapshot] of Object.entries(input.facts)) {
    if (snapshot?.status === 'available' && policy.factSets.has(id)) {
      prepared[id] = policy.prepareFacts(id, snapshot.values);
    }
  }
  const activeExemptions = new Map<string, ExemptionSnapshot>();
  for (const exemption of input.exemptions ?? []) {
    if (isExemptionActive(exemption, input.now)) {
      activeExemptions.set(exemption.checkId, exemption);
    }
  }

  // Rule results, evaluated a group at a time where the group's facts exist.
  const results = new Map<string, boolean | Error>();
  for (const group of policy.groups) {
    if (!group.facts.every(id => prepared[id] !== undefined)) {
      continue;
    }
    try {
      const values = group.runAll(prepared);
      group.checks.forEach((check, i) => results.set(check.id, values[i]));
    } catch {
      for (const check of group.checks) {
        try {
          results.set(check.id, check.run(prepared));
        } catch (error) {
          results.set(check.id, error as Error);
        }
      }
    }
  }

  // Per fact set: why it cannot be used (missing, unavailable), or its age.
  const ages = new Map<string, number>();
  const problems = new Map<string, string>();
  for (const id of policy.factSets.keys()) {
    const snapshot = input.facts[id];
    if (!snapshot) {
      problems.set(id, `no ${id} facts collected yet`);
    } else if (snapshot.status === 'unavailable') {
      problems.set(id, `${id} facts unavailable: ${snapshot.reason}`);
    } else {
      ages.set(id, nowMs - Date.parse(snapshot.collectedAt));
    }
  }
  const factTimesCache = new Map<string, Record<string, string>>();
  const factTimesOf = (facts: readonly string[], key: string) => {
    let times = factTimesCache.get(key);
    if (!times) {
      times = {};
      for (const id of facts) {
        const snapshot = input.facts[id];
        if (snapshot) {
          times[id] = snapshot.collectedAt;
        }
      }
      factTimesCache.set(key, times);
    }
    return times;
  };

  const checks: CheckOutcome[] = [];
  // The lowest level rank (1 bronze … 3 gold) with a failing or unknown check.
  let blockedRank = 4;
  for (const check of policy.checks) {
    const fixed = staticsOf(check);
    const factTimes = factTimesOf(check.facts, fixed.factsKey);
    const tierApplies = tier === 0 || fixed.tiers.has(tier);
    if (!tierApplies || !fixed.stages.has(stage)) {
      checks.push({
        checkId: check.id,
        state: 'not-applicable',
        reason: !tierApplies
          ? tierReason(fixed, check.tiers, tier)
          : stageReason(fixed, check.stages, stage),
        factTimes,
      });
      continue;
    }

    let state: CheckState;
    let reason: string;
    let missing: string[] | undefined;
    for (const id of check.facts) {
      const problem = problems.get(id);
      const age = ages.get(id);
      if (problem) {
        (missing ??= []).push(problem);
      } else if (age !== undefined && age > check.freshnessMs) {
        (missing ??= []).push(
          `${id} facts are ${formatAge(age)} old, older than the ${check.freshness} freshness limit`,
        );
      }
    }
    if (missing) {
      state = 'unknown';
      reason = missing.join('; ');
    } else {
      const result = results.get(check.id);
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
    if (state === 'fail' || state === 'unknown') {
      const exemption = activeExemptions.get(check.id);
      if (exemption) {
        exemptionId = exemption.id;
        reason = `Exempt until ${exemption.expiresAt} (${state}: ${reason})`;
        state = 'exempt';
      }
    }
    if (state === 'fail' || state === 'unknown') {
      blockedRank = Math.min(blockedRank, levelRank(check.level));
    }
    checks.push({ checkId: check.id, state, reason, factTimes, exemptionId });
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
