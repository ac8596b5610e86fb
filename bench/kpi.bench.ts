/*
 * Benchmark: the KPI store on embedded SQLite (a file in .bench-out/).
 * Targets: ingest 1,000,000 events (1,000 models × one year) in < 60 s;
 * recompute all KPIs of 1,000 models in < 5 s; one new event updates its
 * model's KPIs in < 20 ms.
 *
 * - Ingest goes through KpiStore.applyChanges, the batch write path the
 *   backfill uses (and recordDelivery shares). Per model and year: 120
 *   production deployments with 2 statuses each (240), 500 commits (push
 *   chain with parents), 230 completed workflow runs, 15 incidents opened and
 *   closed (30) = 1,000 events; written 10 models (10,000 events) per batch.
 * - Recompute is KpiService.recomputeAll: one catalog query, records read 100
 *   models at a time with one query per table, KPIs written in multi-row
 *   statements. The query count is reported (DevLake #8726 guard).
 * - One event is KpiService.ingest — the webhook subscriber path: delivery
 *   row + record change in one transaction, counters, then that model's
 *   recompute (read + compute + save) — timed over 200 deliveries.
 *
 * Run alone: node --require @backstage/cli/config/nodeTransform.cjs bench/kpi.bench.ts
 */
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory from 'knex';
import { readKpiConfig } from '../plugins/ml-kpi-backend/src/config';
import { KpiService } from '../plugins/ml-kpi-backend/src/KpiService';
import { KpiStore, RecordChange } from '../plugins/ml-kpi-backend/src/KpiStore';
import { ModelResolver } from '../plugins/ml-kpi-backend/src/ModelResolver';

const MODELS = Number(process.env.BENCH_KPI_MODELS ?? 1000);
const DAY = 86_400_000;
const HOUR = 3_600_000;
const YEAR_DAYS = 365;

let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const hex = (n: number, width = 40) => n.toString(16).padStart(width, '0');

function modelEvents(m: number, now: number): RecordChange[] {
  const start = now - YEAR_DAYS * DAY;
  const changes: RecordChange[] = [];
  const commits: Array<{ sha: string; parents: string[]; committedAt: Date }> =
    [];
  for (let c = 0; c < 500; c += 1) {
    commits.push({
      sha: hex(m * 1_000_000 + c + 1),
      parents: c === 0 ? [] : [hex(m * 1_000_000 + c)],
      committedAt: new Date(start + (c / 500) * YEAR_DAYS * DAY),
    });
  }
  // Push events of 5 commits each.
  for (let c = 0; c < 500; c += 5) {
    changes.push({ kind: 'commits', commits: commits.slice(c, c + 5) });
  }
  for (let d = 0; d < 120; d += 1) {
    const shipped = Math.min(499, Math.floor(((d + 1) / 120) * 500));
    const created = commits[shipped].committedAt.getTime() + HOUR;
    const base = {
      kind: 'deploymentStatus' as const,
      deploymentId: String(m * 1000 + d),
      environment: 'production',
      sha: commits[shipped].sha,
      createdAt: new Date(created),
    };
    changes.push({
      ...base,
      state: 'in_progress',
      at: new Date(created + 60_000),
    });
    changes.push({
      ...base,
      state: random() < 0.1 ? 'failure' : 'success',
      at: new Date(created + 10 * 60_000),
    });
  }
  for (let r = 0; r < 230; r += 1) {
    changes.push({
      kind: 'workflowRun',
      runId: `${m * 1000 + r}.1`,
      headBranch: 'main',
      defaultBranch: 'main',
      conclusion: random() < 0.9 ? 'success' : 'failure',
      completedAt: new Date(start + (r / 230) * YEAR_DAYS * DAY),
    });
  }
  for (let i = 0; i < 15; i += 1) {
    const opened = new Date(start + ((i + 0.5) / 15) * YEAR_DAYS * DAY);
    const incident = {
      kind: 'incident' as const,
      issueId: String(m * 100 + i),
      openedAt: opened,
      impactStartedAt: new Date(opened.getTime() - 20 * 60_000),
    };
    changes.push(incident);
    changes.push({
      ...incident,
      closedAt: new Date(opened.getTime() + 3 * HOUR),
    });
  }
  return changes;
}

const entity = (m: number): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: `model-${m}`,
    namespace: 'default',
    annotations: { 'github.com/project-slug': `acme/model-${m}` },
  },
  spec: { type: 'ai-model', owner: `group:default/team-${m % 20}` },
});

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main() {
  const dir = join(__dirname, '..', '.bench-out');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'kpi.sqlite');
  rmSync(file, { force: true });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    // Write-ahead log, fsync at checkpoints: how a file-backed SQLite
    // backend should run (the default rollback journal fsyncs every commit).
    pool: {
      afterCreate: (
        conn: any,
        done: (error: Error | null, conn: any) => void,
      ) => {
        conn.pragma('journal_mode = WAL');
        conn.pragma('synchronous = NORMAL');
        done(null, conn);
      },
    },
  });
  let queries = 0;
  knex.on('query', () => {
    queries += 1;
  });
  const store = await KpiStore.create(
    mockServices.database({ knex, migrations: { skip: false } }),
  );
  const now = Date.now();
  const config = readKpiConfig(new ConfigReader({}));
  const entities = Array.from({ length: MODELS }, (_, m) => entity(m));
  const catalog = catalogServiceMock({ entities });
  const resolver = new ModelResolver(catalog, mockServices.auth(), 60_000);
  const service = new KpiService(
    store,
    resolver,
    config,
    mockServices.rootLogger({ level: 'warn' }),
    () => new Date(now),
  );

  console.log(
    `kpi bench: ${MODELS} models × 1,000 events, SQLite ${file}; ${cpus().length} cores, load average ${loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}`,
  );

  // 1. Ingest
  let events = 0;
  let wall = Date.now();
  let cpu = cpuMs();
  const BATCH_MODELS = 10;
  for (let m = 0; m < MODELS; m += BATCH_MODELS) {
    const batch: Array<{ entityRef: string; change: RecordChange }> = [];
    for (let k = m; k < Math.min(MODELS, m + BATCH_MODELS); k += 1) {
      const entityRef = `resource:default/model-${k}`;
      for (const change of modelEvents(k, now)) {
        batch.push({ entityRef, change });
        events += change.kind === 'commits' ? change.commits.length : 1;
      }
    }
    await store.applyChanges(batch);
  }
  const ingestWall = Date.now() - wall;
  const ingestCpu = cpuMs() - cpu;
  console.log(
    `ingest: ${events.toLocaleString('en')} events in ${(ingestWall / 1000).toFixed(1)} s wall, ${(ingestCpu / 1000).toFixed(1)} s CPU (${Math.round(events / (ingestWall / 1000)).toLocaleString('en')} events/s) — target < 60 s`,
  );

  // 2. Recompute all
  const recomputes: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    queries = 0;
    wall = Date.now();
    cpu = cpuMs();
    const count = await service.recomputeAll();
    const w = Date.now() - wall;
    recomputes.push(w);
    console.log(
      `recompute all: ${count} models in ${(w / 1000).toFixed(2)} s wall, ${((cpuMs() - cpu) / 1000).toFixed(2)} s CPU, ${queries} SQL queries — target < 5 s`,
    );
  }
  const sample = (await store.current('resource:default/model-7'))!.kpis;
  console.log(
    `model-7: deployment frequency ${JSON.stringify(sample.deploymentFrequency)}, lead time ${JSON.stringify(sample.leadTime)}`,
  );

  // 3. One new event through the webhook subscriber path: first with the
  // repository → model lookup not cached (a catalog query per delivery, here
  // the in-memory catalog mock), then cached as in steady state.
  let delivery = 0;
  const oneEvent = async (label: string, models: number[]) => {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let perEventQueries = 0;
    for (const m of models) {
      delivery += 1;
      const at = new Date(now - DAY + delivery * 60_000).toISOString();
      queries = 0;
      const t0 = process.hrtime.bigint();
      const c0 = cpuMs();
      const outcome = await service.ingest({
        topic: 'github',
        eventPayload: {
          repository: { full_name: `acme/model-${m}`, default_branch: 'main' },
          deployment_status: {
            state: 'success',
            created_at: at,
            environment: 'production',
          },
          deployment: {
            id: 900_000_000 + delivery,
            sha: hex(m * 1_000_000 + 500),
            environment: 'production',
            created_at: at,
          },
        },
        metadata: {
          'x-github-event': 'deployment_status',
          'x-github-delivery': `bench-${delivery}`,
          'x-github-hook-id': '1',
        },
      });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      cpuTimes.push(cpuMs() - c0);
      perEventQueries = queries;
      if (outcome !== 'stored') {
        throw new Error(`bench delivery ${delivery} was ${outcome}`);
      }
    }
    const sorted = [...times].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.floor(p * (sorted.length - 1))];
    const cpuSorted = [...cpuTimes].sort((a, b) => a - b);
    console.log(
      `one event, ${label} (${models.length} deliveries): median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${q(1).toFixed(1)} ms wall; median CPU ${cpuSorted[Math.floor(cpuSorted.length / 2)].toFixed(1)} ms; ${perEventQueries} SQL queries each — target < 20 ms`,
    );
  };
  const range = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => (from + i) % MODELS);
  await oneEvent('model lookup not cached', range(0, 100));
  // The same 100 models again: their lookups are cached now.
  await oneEvent('model lookup cached', [...range(0, 100), ...range(0, 100)]);
  console.log(
    `load average after: ${loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}`,
  );
  await knex.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
