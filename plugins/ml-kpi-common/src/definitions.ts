/*
 * The delivery KPI definitions. Each is documented here and in the README and
 * tested on hand-computed fixtures (definitions.test.ts).
 *
 * Common rules:
 * - The window is (now − windowDays, now], default 30 days.
 * - Only production deployments count: the environment, trimmed and compared
 *   case-insensitively, equals one of the configured production names. An
 *   empty or unknown environment is not production.
 * - A deployment is timed by its status, never by its own updated time: it
 *   succeeded at its first `success` status (an `inactive` status afterwards
 *   changes nothing); it failed at its first `failure` or `error` status when
 *   it never succeeded; otherwise it is still pending and not counted.
 * - Fewer than `minDeployments` (default 2) terminal production deployments in
 *   the window is the state `insufficient-data` for deployment frequency, lead
 *   time and change failure rate — never a bad value.
 * - Medians are interpolated medians (see interpolatedMedian).
 */
import {
  BandConfig,
  classifyBand,
  DORA_2024_BANDS,
  PerformanceBand,
} from './bands';
import { interpolatedMedian } from './median';
import {
  CommitRecord,
  DeliveryRecords,
  DeploymentRecord,
  IncidentRecord,
} from './records';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

/** Options of computeDeliveryKpis. @public */
export type DeliveryKpiOptions = {
  now: Date;
  /** Production environment names (case-insensitive). */
  productionEnvironments: readonly string[];
  /** Trailing window in days. Default 30. */
  windowDays?: number;
  /** Longest time after a deployment an incident is attributed to it. Default 7 days. */
  attributionDays?: number;
  /** Fewer terminal production deployments than this is insufficient data. Default 2. */
  minDeployments?: number;
  bands?: BandConfig;
};

/** The unit a KPI value is expressed in. @public */
export type KpiUnit = 'per-week' | 'hours' | 'minutes' | 'ratio';

/** A KPI value, or the statement that there is too little data for one. @public */
export type KpiValue =
  | {
      state: 'value';
      value: number;
      unit: KpiUnit;
      /** How many observations the value is computed from. */
      samples: number;
      band?: PerformanceBand;
    }
  | {
      state: 'insufficient-data';
      unit: KpiUnit;
      samples: number;
      reason: string;
    };

/** The delivery KPIs of one model at one moment. @public */
export type DeliveryKpis = {
  windowStart: string;
  windowEnd: string;
  deploymentFrequency: KpiValue;
  leadTime: KpiValue;
  changeFailureRate: KpiValue;
  timeToRestore: KpiValue;
  timeToDetect: KpiValue;
  pipelineSuccessRate: KpiValue;
};

/** The names of the delivery KPIs. @public */
export const DELIVERY_KPI_NAMES = [
  'deploymentFrequency',
  'leadTime',
  'changeFailureRate',
  'timeToRestore',
  'timeToDetect',
  'pipelineSuccessRate',
] as const;

/** A deployment's outcome, timed by its statuses. @public */
export type DeploymentOutcome =
  | { kind: 'success'; at: Date }
  | { kind: 'failure'; at: Date }
  | { kind: 'pending' };

/**
 * A deployment's outcome: success at its first `success` status (later
 * `inactive` statuses keep it a success), failure at its first `failure` or
 * `error` status when it never succeeded, otherwise pending.
 *
 * @public
 */
export function deploymentOutcome(d: DeploymentRecord): DeploymentOutcome {
  const sorted = [...d.statuses].sort(
    (a, b) => a.at.getTime() - b.at.getTime(),
  );
  const success = sorted.find(s => s.state === 'success');
  if (success) {
    return { kind: 'success', at: success.at };
  }
  const failure = sorted.find(
    s => s.state === 'failure' || s.state === 'error',
  );
  return failure ? { kind: 'failure', at: failure.at } : { kind: 'pending' };
}

/**
 * Whether an environment name is production: equal (trimmed,
 * case-insensitive) to one of the configured names. Empty is never production.
 *
 * @public
 */
export function isProductionEnvironment(
  environment: string | null | undefined,
  productionEnvironments: readonly string[],
): boolean {
  const name = (environment ?? '').trim().toLowerCase();
  return (
    name.length > 0 &&
    productionEnvironments.some(p => p.trim().toLowerCase() === name)
  );
}

type Terminal = {
  deployment: DeploymentRecord;
  kind: 'success' | 'failure';
  at: number;
};

function value(
  v: number,
  unit: KpiUnit,
  samples: number,
  band?: PerformanceBand,
): KpiValue {
  return band
    ? { state: 'value', value: v, unit, samples, band }
    : { state: 'value', value: v, unit, samples };
}

function insufficient(
  unit: KpiUnit,
  samples: number,
  reason: string,
): KpiValue {
  return { state: 'insufficient-data', unit, samples, reason };
}

/**
 * For every successful production deployment in success order, the commits it
 * shipped first: those reachable from its sha through known parents that no
 * earlier successful deployment reached. The first deployment ever seen has no
 * predecessor, so its commits are marked shipped but it gets no entry.
 */
function firstShippedCommits(
  successes: readonly Terminal[],
  commits: readonly CommitRecord[],
): Map<Terminal, CommitRecord[]> {
  const bySha = new Map(commits.map(c => [c.sha, c]));
  const shipped = new Set<string>();
  const result = new Map<Terminal, CommitRecord[]>();
  successes.forEach((s, index) => {
    const found: CommitRecord[] = [];
    const stack = [s.deployment.sha];
    while (stack.length > 0) {
      const sha = stack.pop()!;
      if (shipped.has(sha)) {
        continue;
      }
      shipped.add(sha);
      const commit = bySha.get(sha);
      if (commit) {
        found.push(commit);
        stack.push(...commit.parents);
      }
    }
    if (index > 0) {
      result.set(s, found);
    }
  });
  return result;
}

/** Incidents keyed by issue id (the earliest opening wins). */
function uniqueIncidents(
  incidents: readonly IncidentRecord[],
): IncidentRecord[] {
  const byId = new Map<string, IncidentRecord>();
  for (const i of incidents) {
    const known = byId.get(i.issueId);
    if (!known || i.openedAt < known.openedAt) {
      byId.set(i.issueId, i);
    }
  }
  return [...byId.values()];
}

/**
 * Computes the delivery KPIs of one model from its records.
 *
 * - **Deployment frequency**: successful production deployments in the
 *   window, per week (count ÷ (windowDays ÷ 7)). Band: DORA.
 * - **Lead time for changes** (hours): interpolated median, over successful
 *   production deployments in the window that have a predecessor (an earlier
 *   successful production deployment, possibly before the window), of
 *   success time − the earliest commit time among the commits first shipped
 *   by that deployment (reachable from its sha through known parents and not
 *   from any earlier successful deployment — with the backfill, exactly the
 *   commits of GitHub's compare between the two deployments). A deployment
 *   with no predecessor or shipping no new commit (a redeploy) gives no
 *   sample. Band: DORA.
 * - **Change failure rate** (ratio): terminal production deployments in the
 *   window that failed, or succeeded and were followed by an incident opened
 *   after the success and before the next successful production deployment
 *   (at most attributionDays later), ÷ all terminal production deployments
 *   in the window. Deployments are counted, incidents keyed by issue id, so
 *   the rate never exceeds 100 %. Band: DORA (non-monotonic).
 * - **Time to restore** (hours): interpolated median of incident closed −
 *   opened for incidents closed in the window, and, for a production
 *   deployment that failed in the window with no incident opened before the
 *   next successful production deployment (at most attributionDays later),
 *   next success − failure. Unrestored failures give no sample. Band: DORA.
 * - **Time to detect** (minutes): interpolated median of incident opened −
 *   impact start, for incidents opened in the window that record an impact
 *   start not after their opening.
 * - **Pipeline success rate** (ratio): workflow runs completed in the window
 *   on the default branch that succeeded ÷ all of them except `cancelled`
 *   and `skipped` conclusions.
 *
 * @public
 */
export function computeDeliveryKpis(
  records: DeliveryRecords,
  options: DeliveryKpiOptions,
): DeliveryKpis {
  const now = options.now.getTime();
  const windowDays = options.windowDays ?? 30;
  const attribution = (options.attributionDays ?? 7) * DAY;
  const minDeployments = options.minDeployments ?? 2;
  const bands = options.bands ?? DORA_2024_BANDS;
  const start = now - windowDays * DAY;
  const inWindow = (t: number) => t > start && t <= now;

  const terminal: Terminal[] = [];
  for (const deployment of records.deployments) {
    if (
      !isProductionEnvironment(
        deployment.environment,
        options.productionEnvironments,
      )
    ) {
      continue;
    }
    const outcome = deploymentOutcome(deployment);
    if (outcome.kind !== 'pending' && outcome.at.getTime() <= now) {
      terminal.push({
        deployment,
        kind: outcome.kind,
        at: outcome.at.getTime(),
      });
    }
  }
  terminal.sort(
    (a, b) => a.at - b.at || a.deployment.id.localeCompare(b.deployment.id),
  );
  const successes = terminal.filter(t => t.kind === 'success');
  const windowed = terminal.filter(t => inWindow(t.at));
  const windowedSuccesses = windowed.filter(t => t.kind === 'success');
  const incidents = uniqueIncidents(records.incidents);

  const nextSuccessAfter = (t: number) => successes.find(s => s.at > t)?.at;
  const attributionEnd = (t: number) =>
    Math.min(nextSuccessAfter(t) ?? Infinity, t + attribution);
  const incidentBetween = (from: number, to: number) =>
    incidents.some(
      i => i.openedAt.getTime() > from && i.openedAt.getTime() <= to,
    );

  const tooFew =
    windowed.length < minDeployments
      ? `${windowed.length} production deployment(s) in the last ${windowDays} days; at least ${minDeployments} are needed`
      : undefined;

  // Deployment frequency
  const perWeek = windowedSuccesses.length / (windowDays / 7);
  const deploymentFrequency = tooFew
    ? insufficient('per-week', windowed.length, tooFew)
    : value(
        perWeek,
        'per-week',
        windowedSuccesses.length,
        classifyBand(perWeek, bands.deploymentFrequency),
      );

  // Lead time
  const shippedBy = firstShippedCommits(successes, records.commits);
  const leadSamples: number[] = [];
  for (const s of windowedSuccesses) {
    const shipped = shippedBy.get(s);
    if (shipped && shipped.length > 0) {
      const earliest = Math.min(...shipped.map(c => c.committedAt.getTime()));
      leadSamples.push(Math.max(0, s.at - earliest) / HOUR);
    }
  }
  const leadMedian = interpolatedMedian(leadSamples);
  let leadTime: KpiValue;
  if (tooFew) {
    leadTime = insufficient('hours', leadSamples.length, tooFew);
  } else if (leadMedian === undefined) {
    leadTime = insufficient(
      'hours',
      0,
      'no production deployment in the window has a predecessor and newly shipped commits',
    );
  } else {
    leadTime = value(
      leadMedian,
      'hours',
      leadSamples.length,
      classifyBand(leadMedian, bands.leadTime),
    );
  }

  // Change failure rate
  const failed = windowed.filter(
    t => t.kind === 'failure' || incidentBetween(t.at, attributionEnd(t.at)),
  ).length;
  const cfr = windowed.length === 0 ? 0 : failed / windowed.length;
  const changeFailureRate = tooFew
    ? insufficient('ratio', windowed.length, tooFew)
    : value(
        cfr,
        'ratio',
        windowed.length,
        classifyBand(cfr, bands.changeFailureRate),
      );

  // Time to restore
  const restoreSamples: number[] = [];
  for (const i of incidents) {
    if (i.closedAt && inWindow(i.closedAt.getTime())) {
      restoreSamples.push(
        Math.max(0, i.closedAt.getTime() - i.openedAt.getTime()) / HOUR,
      );
    }
  }
  for (const f of windowed.filter(t => t.kind === 'failure')) {
    const next = nextSuccessAfter(f.at);
    if (
      !incidentBetween(f.at, attributionEnd(f.at)) &&
      next !== undefined &&
      next <= now
    ) {
      restoreSamples.push((next - f.at) / HOUR);
    }
  }
  const restoreMedian = interpolatedMedian(restoreSamples);
  const timeToRestore =
    restoreMedian === undefined
      ? insufficient(
          'hours',
          0,
          `no incident closed and no failed production deployment restored in the last ${windowDays} days`,
        )
      : value(
          restoreMedian,
          'hours',
          restoreSamples.length,
          classifyBand(restoreMedian, bands.timeToRestore),
        );

  // Time to detect
  const detectSamples: number[] = [];
  for (const i of incidents) {
    const opened = i.openedAt.getTime();
    if (
      inWindow(opened) &&
      i.impactStartedAt &&
      i.impactStartedAt.getTime() <= opened
    ) {
      detectSamples.push((opened - i.impactStartedAt.getTime()) / MINUTE);
    }
  }
  const detectMedian = interpolatedMedian(detectSamples);
  const timeToDetect =
    detectMedian === undefined
      ? insufficient(
          'minutes',
          0,
          `no incident opened in the last ${windowDays} days records its impact start`,
        )
      : value(detectMedian, 'minutes', detectSamples.length);

  // Pipeline success rate
  const runs = records.workflowRuns.filter(
    r =>
      inWindow(r.completedAt.getTime()) &&
      r.headBranch === r.defaultBranch &&
      r.conclusion !== 'cancelled' &&
      r.conclusion !== 'skipped',
  );
  const succeeded = runs.filter(r => r.conclusion === 'success').length;
  const pipelineSuccessRate =
    runs.length === 0
      ? insufficient(
          'ratio',
          0,
          `no completed workflow run on the default branch in the last ${windowDays} days`,
        )
      : value(succeeded / runs.length, 'ratio', runs.length);

  return {
    windowStart: new Date(start).toISOString(),
    windowEnd: new Date(now).toISOString(),
    deploymentFrequency,
    leadTime,
    changeFailureRate,
    timeToRestore,
    timeToDetect,
    pipelineSuccessRate,
  };
}
