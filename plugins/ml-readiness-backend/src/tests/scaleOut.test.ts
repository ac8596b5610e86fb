/*
 * Two readiness backends (two replicas) on ONE PostgreSQL database with the
 * real Backstage scheduler: every scheduled collection runs once per cadence
 * across both, and when a replica stops in the middle of a run, the other
 * one does the work: at once when the stopped replica aborted its run, after
 * the lock's timeout when it died holding the lock.
 *
 * PostgreSQL only: SQLite databases in tests are in-memory and private to one
 * connection pool, so two backends cannot share one; production replicas
 * share PostgreSQL. Outside CI the test is skipped when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is unset (set by
 * scripts/postgres.sh); under CI=true that is a failure.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { builtInFactSets } from '@ml-golden-paths/plugin-ml-readiness-common';
import {
  FactCollector,
  readinessCollectorsExtensionPoint,
} from '@ml-golden-paths/plugin-ml-readiness-node';
import { Knex } from 'knex';
import { mlReadinessPlugin } from '../plugin';
import { createFixtureCollector } from '../__testUtils__/fixtureCollector';

jest.setTimeout(180_000);

const POSTGRES_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';
const CADENCE_MS = 5_000;
const TIMEOUT_MS = 8_000;
const TASK_ID = 'ml-readiness-collect-recording';

if (process.env.CI === 'true' && !process.env[POSTGRES_ENV]) {
  throw new Error(
    `${POSTGRES_ENV} is not set: the scale-out test needs PostgreSQL under CI (source scripts/postgres.sh)`,
  );
}

const MODELS = ['fraud-scoring', 'churn', 'credit-limit'];
const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'risk-ml', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  ...MODELS.map((name): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default', description: name },
    spec: {
      type: 'ai-model',
      owner: 'group:default/risk-ml',
      mlops: { tier: 2, versions: [{ version: '1', stage: 'production' }] },
    },
  })),
];
const MODEL_REFS = MODELS.map(name => `resource:default/${name}`).sort();

type Call = { backend: string; ref: string; at: number };

/** Test control shared by the collectors of every backend. */
type Control = {
  calls: Call[];
  /** When set, the next collect call runs this instead... */
  interceptNext?: (call: Call, signal?: AbortSignal) => Promise<never>;
  /** ...on this backend only, when set. */
  interceptOn?: string;
};

/**
 * A real collector that records every call (which backend, which model,
 * when), takes a moment per model and returns the fixture facts.
 */
function recordingCollector(backend: string, control: Control): FactCollector {
  const facts = createFixtureCollector();
  return {
    id: 'recording',
    factSets: [...builtInFactSets],
    appliesTo: entity => entity.spec?.type === 'ai-model',
    schedule: {
      frequency: { milliseconds: CADENCE_MS },
      timeout: { milliseconds: TIMEOUT_MS },
      initialDelay: { seconds: 0 },
    },
    async collect(entity, context) {
      const call = { backend, ref: stringifyEntityRef(entity), at: Date.now() };
      control.calls.push(call);
      const intercept = control.interceptNext;
      if (intercept && (control.interceptOn ?? backend) === backend) {
        control.interceptNext = undefined;
        control.interceptOn = undefined;
        return intercept(call, context.signal);
      }
      await sleep(50);
      return facts.collect(entity, context);
    },
  };
}

function startReplica(name: string, knex: Knex, control: Control) {
  return startTestBackend({
    features: [
      mlReadinessPlugin,
      createBackendModule({
        pluginId: 'ml-readiness',
        moduleId: 'recording-collector',
        register(env) {
          env.registerInit({
            deps: { collectors: readinessCollectorsExtensionPoint },
            async init({ collectors }) {
              collectors.addCollector(recordingCollector(name, control));
            },
          });
        },
      }),
      // The real scheduler: global tasks are claimed through its table.
      schedulerServiceFactory,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: { mlGoldenPaths: { readiness: { concurrency: 1 } } },
      }),
      catalogServiceMock.factory({ entities }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
    ],
  });
}

type Run = { backend: string; refs: string[]; start: number; end: number };

/**
 * Groups calls (in time order) into runs: one backend collecting each model
 * once, one right after the other (concurrency 1). Two backends collecting at
 * the same time would interleave and break the runs apart.
 */
function runsOf(calls: Call[]): Run[] {
  const runs: Run[] = [];
  for (const call of [...calls].sort((a, b) => a.at - b.at)) {
    const last = runs[runs.length - 1];
    if (
      last &&
      last.backend === call.backend &&
      call.at - last.end < CADENCE_MS / 2 &&
      !last.refs.includes(call.ref) &&
      last.refs.length < MODEL_REFS.length
    ) {
      last.refs.push(call.ref);
      last.end = call.at;
    } else {
      runs.push({
        backend: call.backend,
        refs: [call.ref],
        start: call.at,
        end: call.at,
      });
    }
  }
  return runs;
}

async function waitFor<T>(
  what: string,
  probe: () => T | undefined,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await sleep(100);
  }
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const describeWithPostgres = process.env[POSTGRES_ENV]
  ? describe
  : describe.skip;

describeWithPostgres('two readiness backends on one PostgreSQL', () => {
  const control: Control = { calls: [] };
  /** Ends collect calls left hanging by a replica that "crashed". */
  const releaseHung: Array<() => void> = [];
  let knex: Knex;
  const replicas = new Map<
    string,
    Awaited<ReturnType<typeof startTestBackend>>
  >();

  beforeAll(async () => {
    knex = await databases.init('POSTGRES_15');
    // One after the other, as a rolling deployment starts replicas.
    replicas.set('a', await startReplica('a', knex, control));
    replicas.set('b', await startReplica('b', knex, control));
  });

  afterAll(async () => {
    releaseHung.forEach(release => release());
    for (const backend of replicas.values()) {
      await backend.stop();
    }
  });

  /** Whether no backend holds the collection task's lock right now. */
  async function collectionIdle() {
    const row = await knex('backstage_backend_tasks__tasks')
      .where('id', TASK_ID)
      .first();
    return row && !row.current_run_ticket ? true : undefined;
  }

  async function waitForIdle(timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    while (!(await collectionIdle())) {
      if (Date.now() > deadline) {
        throw new Error(
          `the collection task was still running after ${timeoutMs} ms`,
        );
      }
      await sleep(100);
    }
  }

  it('runs each scheduled collection once per cadence across both', async () => {
    const from = Date.now();
    await sleep(3 * CADENCE_MS);
    await waitForIdle(30_000);
    const runs = runsOf(control.calls.filter(c => c.at >= from));
    const describeRuns = JSON.stringify(
      runs.map(r => ({ ...r, start: r.start - from, end: r.end - from })),
    );
    // Every run is one backend collecting every model exactly once (the
    // first may have started before the window).
    for (const run of runs.slice(1)) {
      expect({ run: [...run.refs].sort(), describeRuns }).toEqual({
        run: MODEL_REFS,
        describeRuns,
      });
    }
    expect(runs.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < runs.length; i++) {
      // Runs never overlap...
      expect(runs[i].start).toBeGreaterThanOrEqual(runs[i - 1].end);
    }
    // ...and start at most once per cadence slot: run k starts no earlier
    // than the first scheduled start plus k cadences, and the first
    // scheduled start is at most one cadence before the first run.
    const span = runs[runs.length - 1].start - runs[0].start;
    expect(runs.length).toBeLessThanOrEqual(Math.floor(span / CADENCE_MS) + 2);
    // Both replicas registered the same single task row.
    const tasks = await knex('backstage_backend_tasks__tasks')
      .where('id', 'like', 'ml-readiness-%')
      .select('id');
    expect(tasks.map(t => t.id).sort()).toEqual([
      TASK_ID,
      'ml-readiness-regrade',
      'ml-readiness-retention',
    ]);
  });

  it('lets the other backend complete the work when one stops mid-run', async () => {
    let blocked: Call | undefined;
    control.interceptNext = (call, signal) => {
      blocked = call;
      // Held until the backend shuts down and aborts the run.
      return new Promise<never>((_, reject) => {
        signal?.addEventListener('abort', () =>
          reject(new Error('collection aborted')),
        );
      });
    };
    const stuck = await waitFor('a run to start', () => blocked, 20_000);
    const other = stuck.backend === 'a' ? 'b' : 'a';
    const stoppedAt = Date.now();
    await replicas.get(stuck.backend)!.stop();
    replicas.delete(stuck.backend);

    const completed = await waitFor(
      `backend ${other} to collect every model`,
      () => {
        const runs = runsOf(control.calls.filter(c => c.at >= stoppedAt));
        return runs.find(
          r => r.backend === other && r.refs.length === MODEL_REFS.length,
        );
      },
      30_000,
    );
    expect([...completed.refs].sort()).toEqual(MODEL_REFS);
    await waitForIdle(30_000);
    expect(
      control.calls.filter(
        c => c.backend === stuck.backend && c.at > stoppedAt,
      ),
    ).toEqual([]);
    // Every model's facts were confirmed (stored) after the stop.
    const facts: Array<{ entity_ref: string; collectedAt: string | Date }> =
      await knex('readiness_facts')
        .where('collector', 'recording')
        .groupBy('entity_ref')
        .select('entity_ref')
        .min({ collectedAt: 'collected_at' });
    expect(facts.map(f => f.entity_ref).sort()).toEqual(MODEL_REFS);
    for (const row of facts) {
      expect(new Date(row.collectedAt).getTime()).toBeGreaterThanOrEqual(
        stoppedAt,
      );
    }
  });

  it('takes over after the lock times out when a stopped backend never released it', async () => {
    const [dying] = [...replicas.keys()];
    // A fresh replica joins. Backstage's scheduler clears expired locks with a
    // janitor (once a minute) that it leaves off under NODE_ENV=test; this
    // replica runs it as in production.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      replicas.set('c', await startReplica('c', knex, control));
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    await waitForIdle(30_000);
    let hung: Call | undefined;
    control.interceptNext = call => {
      hung = call;
      // A replica that dies mid-run: the call never ends, even when the
      // run is aborted, so the task's lock is never released by it.
      return new Promise<never>((_, reject) => {
        releaseHung.push(() => reject(new Error('released after the test')));
      });
    };
    control.interceptOn = dying;
    const stuck = await waitFor(
      `a run on ${dying} to start`,
      () => hung,
      60_000,
    );
    const other = 'c';
    const stoppedAt = Date.now();
    await replicas.get(stuck.backend)!.stop();
    replicas.delete(stuck.backend);
    // The lock is still held: nobody collects until it expires.
    expect(await collectionIdle()).toBeUndefined();

    const completed = await waitFor(
      `backend ${other} to collect every model`,
      () =>
        runsOf(control.calls.filter(c => c.at >= stoppedAt)).find(
          r => r.backend === other && r.refs.length === MODEL_REFS.length,
        ),
      // Expired locks are cleared by the scheduler's janitor, once a minute.
      100_000,
    );
    expect([...completed.refs].sort()).toEqual(MODEL_REFS);
    // Not before the stuck run's lock timed out (TIMEOUT_MS after its start).
    expect(completed.start).toBeGreaterThanOrEqual(
      stuck.at + TIMEOUT_MS - 1_000,
    );
    expect(
      control.calls.filter(
        c => c.backend === stuck.backend && c.at > stoppedAt,
      ),
    ).toEqual([]);
    await waitForIdle(30_000);
  }, 170_000);
});
