import { DemoModel } from './demoModels';
import { hash32, Random, stableHex, stableUuid } from './random';

/** A GitHub webhook event the demo history sends. */
export type DemoEvent =
  'push' | 'pull_request' | 'workflow_run' | 'deployment_status' | 'issues';

/** One webhook delivery of the demo history. */
export interface DemoDelivery {
  event: DemoEvent;
  /** Stable across runs (derived from the model and the event, not the time), so a replay is idempotent. */
  deliveryId: string;
  /** When GitHub would have sent it; deliveries are in this order. */
  at: Date;
  payload: Record<string, unknown>;
}

/** How a model's team delivers; picked per model, deterministically. */
interface Profile {
  name: 'elite' | 'high' | 'medium' | 'low' | 'sparse';
  /** Mean days between pushes to the default branch. */
  pushEveryDays: number;
  /** Green pushes per production deployment (inclusive range). */
  pushesPerDeployment: [number, number];
  /** Hours from staging to production (range). */
  promoteHours: [number, number];
  deploymentFailure: number;
  incidentAfterDeployment: number;
  /** Minutes from impact start to the incident issue (range). */
  detectMinutes: [number, number];
  /** Hours from incident opened to closed (range). */
  restoreHours: [number, number];
  ciFailure: number;
  ciCancelled: number;
}

const PROFILES: Record<Profile['name'], Profile> = {
  elite: {
    name: 'elite',
    pushEveryDays: 1.2,
    pushesPerDeployment: [1, 2],
    promoteHours: [0.5, 3],
    deploymentFailure: 0.03,
    incidentAfterDeployment: 0.04,
    detectMinutes: [4, 25],
    restoreHours: [0.3, 1.5],
    ciFailure: 0.02,
    ciCancelled: 0.02,
  },
  high: {
    name: 'high',
    pushEveryDays: 1.3,
    pushesPerDeployment: [1, 3],
    promoteHours: [3, 24],
    deploymentFailure: 0.07,
    incidentAfterDeployment: 0.08,
    detectMinutes: [15, 75],
    restoreHours: [1, 6],
    ciFailure: 0.04,
    ciCancelled: 0.03,
  },
  medium: {
    name: 'medium',
    pushEveryDays: 1.5,
    pushesPerDeployment: [2, 4],
    promoteHours: [12, 48],
    deploymentFailure: 0.12,
    incidentAfterDeployment: 0.12,
    detectMinutes: [30, 180],
    restoreHours: [3, 20],
    ciFailure: 0.07,
    ciCancelled: 0.04,
  },
  low: {
    name: 'low',
    pushEveryDays: 2,
    pushesPerDeployment: [3, 5],
    promoteHours: [24, 96],
    deploymentFailure: 0.25,
    incidentAfterDeployment: 0.2,
    detectMinutes: [60, 480],
    restoreHours: [12, 72],
    ciFailure: 0.12,
    ciCancelled: 0.05,
  },
  sparse: {
    name: 'sparse',
    pushEveryDays: 7,
    pushesPerDeployment: [3, 4],
    promoteHours: [24, 72],
    deploymentFailure: 0,
    incidentAfterDeployment: 0,
    detectMinutes: [30, 60],
    restoreHours: [2, 4],
    ciFailure: 0.1,
    ciCancelled: 0.05,
  },
};

/**
 * The delivery profile of a model: models not in production have too little
 * data (no production deployment; staging only); production models spread
 * over elite/high/medium/low with about one in ten sparse (a single
 * production deployment: "not enough data").
 */
export function profileOf(model: DemoModel, seed: string): Profile {
  if (model.lifecycle !== 'production') {
    return PROFILES.sparse;
  }
  const bucket =
    parseInt(stableHex(`${seed}:team-profile:${model.name}`).slice(0, 8), 16) %
    10;
  if (bucket < 2) return PROFILES.elite;
  if (bucket < 5) return PROFILES.high;
  if (bucket < 7) return PROFILES.medium;
  if (bucket < 9) return PROFILES.low;
  return PROFILES.sparse;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;
const ZERO_SHA = '0'.repeat(40);

/** Options of {@link demoWebhookHistory}. */
export interface DemoHistoryOptions {
  /** The end of the history; every delivery is at or before it. */
  now: Date;
  /** Length of the history in days. Defaults to 90. */
  days?: number;
  /** Changes every model's history; the same seed gives the same history. */
  seed?: string;
}

/**
 * A realistic, deterministic history of GitHub webhook deliveries for one
 * model's repository over the `days` before `now`: pushes to `main` with
 * their commits, the merged pull requests behind them, CI workflow runs
 * (mostly green, some failed, a few cancelled), staging then production
 * deployments with their statuses (some failing; the previous production
 * deployment turns `inactive` when the next one succeeds), and incident
 * issues opened some time after a deployment, labelled with their impact
 * start, and closed hours later. Times move with `now`; delivery ids do not,
 * so replaying a newer history of the same model stores nothing new.
 */
export function demoWebhookHistory(
  model: DemoModel,
  options: DemoHistoryOptions,
): DemoDelivery[] {
  const seed = options.seed ?? 'ml-golden-paths-demo';
  const days = options.days ?? 90;
  const now = options.now.getTime();
  const start = now - days * DAY;
  const random = new Random(hash32(`${seed}:${model.slug}`));
  const profile = profileOf(model, seed);
  let maxProductionDeployments = 1e9;
  if (profile.name === 'sparse') {
    maxProductionDeployments = model.lifecycle === 'production' ? 1 : 0;
  }
  const [owner, name] = model.slug.split('/');
  const repository = {
    id: hash32(`repo:${model.slug}`),
    name,
    full_name: model.slug,
    owner: { login: owner },
    html_url: `https://github.com/${model.slug}`,
    default_branch: 'main',
  };
  const idOf = (...parts: Array<string | number>) =>
    parseInt(stableHex(seed, model.slug, ...parts).slice(0, 7), 16) + 1;

  const deliveries: DemoDelivery[] = [];
  const deliver = (
    event: DemoEvent,
    key: string,
    at: number,
    payload: Record<string, unknown>,
  ) => {
    if (at <= now) {
      deliveries.push({
        event,
        deliveryId: stableUuid(seed, model.slug, event, key),
        at: new Date(at),
        payload: { ...payload, repository },
      });
    }
  };
  const iso = (at: number) => new Date(at).toISOString();

  let head = ZERO_SHA;
  let commitCount = 0;
  let greenSinceDeployment = 0;
  let pushesUntilDeployment = random.int(...profile.pushesPerDeployment);
  let productionDeployments = 0;
  let lastProductionEnd = start;
  let lastSuccessfulProduction:
    { id: number; sha: string; createdAt: number } | undefined;
  let deploymentCount = 0;
  let issueNumber = 0;

  const deploymentStatus = (
    deployment: { id: number; sha: string; createdAt: number },
    environment: string,
    state: string,
    at: number,
  ) =>
    deliver('deployment_status', `${deployment.id}:${state}`, at, {
      action: 'created',
      deployment_status: {
        id: idOf('status', deployment.id, state),
        state,
        environment,
        created_at: iso(at),
        description: `Deployment ${state}`,
      },
      deployment: {
        id: deployment.id,
        sha: deployment.sha,
        ref: 'main',
        task: 'deploy',
        environment,
        created_at: iso(deployment.createdAt),
      },
    });

  const openIncident = (deployedAt: number) => {
    issueNumber += 1;
    const impactStart = deployedAt + random.between(0.2, 30) * HOUR;
    const opened =
      impactStart + random.between(...profile.detectMinutes) * MINUTE;
    const closed = opened + random.between(...profile.restoreHours) * HOUR;
    const issue = {
      id: idOf('issue', issueNumber),
      number: 1000 + issueNumber,
      title: `Production incident: ${name} degraded`,
      created_at: iso(opened),
      body: `Impact start: ${iso(
        impactStart,
      )}\n\nPredictions degraded after the latest release.`,
      labels: [
        { name: 'incident' },
        { name: `impact-start:${iso(impactStart)}` },
      ],
    };
    deliver('issues', `issue:${issueNumber}:opened`, opened, {
      action: 'opened',
      issue: { ...issue, state: 'open', closed_at: null },
    });
    deliver('issues', `issue:${issueNumber}:closed`, closed, {
      action: 'closed',
      issue: { ...issue, state: 'closed', closed_at: iso(closed) },
    });
  };

  /**
   * A production deployment of `sha`: statuses, the previous one turning
   * inactive on success, maybe an incident; a failure is restored by
   * deploying the same commit again hours later (once).
   */
  const deployToProduction = (
    sha: string,
    createdAt: number,
    mayRetry: boolean,
  ) => {
    deploymentCount += 1;
    const production = {
      id: idOf('deployment', deploymentCount),
      sha,
      createdAt,
    };
    const failed = random.chance(profile.deploymentFailure);
    const end = createdAt + random.between(4, 15) * MINUTE;
    if (end > now) {
      return;
    }
    productionDeployments += 1;
    lastProductionEnd = end;
    deploymentStatus(production, 'production', 'in_progress', createdAt);
    deploymentStatus(
      production,
      'production',
      failed ? 'failure' : 'success',
      end,
    );
    if (failed) {
      if (mayRetry) {
        deployToProduction(
          sha,
          end + random.between(...profile.restoreHours) * HOUR,
          false,
        );
      }
      return;
    }
    if (lastSuccessfulProduction) {
      // GitHub marks the previous deployment inactive.
      deploymentStatus(
        lastSuccessfulProduction,
        'production',
        'inactive',
        end + 1_000,
      );
    }
    lastSuccessfulProduction = production;
    if (random.chance(profile.incidentAfterDeployment)) {
      openIncident(end);
    }
  };

  let t = start + random.between(0, profile.pushEveryDays) * DAY;
  for (let push = 1; t < now; push++) {
    // Commits of the merged pull request, authored in the hours before it.
    const commits: Array<{ id: string; timestamp: string }> = [];
    const count = random.int(1, 4);
    const firstCommit = t - random.between(0.5, 30) * HOUR;
    for (let c = 0; c < count; c++) {
      commitCount += 1;
      commits.push({
        id: stableHex(seed, model.slug, 'commit', commitCount),
        timestamp: iso(firstCommit + ((t - firstCommit) * c) / count),
      });
    }
    const after = commits[commits.length - 1].id;
    deliver('pull_request', `pr:${push}`, t, {
      action: 'closed',
      number: push,
      pull_request: {
        number: push,
        title: `Change ${push} to ${name}`,
        created_at: iso(firstCommit),
        merged_at: iso(t),
        merge_commit_sha: after,
        base: { ref: 'main' },
      },
    });
    deliver('push', `push:${push}`, t + 2_000, {
      ref: 'refs/heads/main',
      before: head,
      after,
      commits,
    });
    head = after;

    // CI on the default branch.
    const runEnd = t + random.between(6, 25) * MINUTE;
    const roll = random.next();
    let conclusion = 'success';
    if (roll < profile.ciCancelled) {
      conclusion = 'cancelled';
    } else if (roll < profile.ciCancelled + profile.ciFailure) {
      conclusion = 'failure';
    }
    const runId = idOf('run', push);
    deliver('workflow_run', `run:${push}`, runEnd, {
      action: 'completed',
      workflow_run: {
        id: runId,
        name: 'ci',
        run_attempt: 1,
        head_branch: 'main',
        head_sha: after,
        status: 'completed',
        conclusion,
        updated_at: iso(runEnd),
      },
    });

    if (conclusion === 'success') {
      greenSinceDeployment += 1;
    }
    if (
      greenSinceDeployment >= pushesUntilDeployment &&
      runEnd > lastProductionEnd
    ) {
      greenSinceDeployment = 0;
      pushesUntilDeployment = random.int(...profile.pushesPerDeployment);

      // Staging first.
      deploymentCount += 1;
      const staging = {
        id: idOf('deployment', deploymentCount),
        sha: after,
        createdAt: runEnd + random.between(2, 10) * MINUTE,
      };
      const stagingOk = random.chance(0.95);
      deploymentStatus(staging, 'staging', 'in_progress', staging.createdAt);
      deploymentStatus(
        staging,
        'staging',
        stagingOk ? 'success' : 'failure',
        staging.createdAt + random.between(3, 12) * MINUTE,
      );

      // Then production, unless this model has too little delivery data.
      if (stagingOk && productionDeployments < maxProductionDeployments) {
        deployToProduction(
          after,
          Math.max(
            staging.createdAt + random.between(...profile.promoteHours) * HOUR,
            lastProductionEnd + 10 * MINUTE,
          ),
          true,
        );
      }
    }

    t += Math.max(
      2 * HOUR,
      -Math.log(1 - random.next()) * profile.pushEveryDays * DAY,
    );
  }

  // In time order; equal times keep the order they were made in.
  return deliveries
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.at.getTime() - b.d.at.getTime() || a.i - b.i)
    .map(({ d }) => d);
}
