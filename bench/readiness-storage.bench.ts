/*
 * Benchmark: storage of the readiness tables for 10,000 models × 365 days of
 * daily changes, on embedded SQLite (a file in .bench-out/). Target < 1 GB.
 *
 * For BENCH_STORAGE_MODELS models (default 10,000; a comma-separated list
 * measures several sizes) it stores the current facts and grades through
 * the plugin's store and engine, then 365 days of history in the store's
 * compact format (bench/readinessSeed.ts: rows built by the same functions
 * the store's write path uses): every model, every day, one changed fact
 * value and one grade snapshot — the worst case of a change a day. It
 * reports the database file, per-table sizes from SQLite's dbstat, checks
 * that one model's history rebuilds to its current facts, times the history
 * reads of one model over 90 days (grades, and facts rebuilt from deltas)
 * and one retention run.
 *
 * Run alone: node --require @backstage/cli/config/nodeTransform.cjs bench/readiness-storage.bench.ts
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  buildPolicy,
  builtInFactSets,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import knexFactory from 'knex';
import { ReadinessStore } from '../plugins/ml-readiness-backend/src/database/ReadinessStore';
import { ReadinessEngine } from '../plugins/ml-readiness-backend/src/engine/ReadinessEngine';
import { ReadinessNotifier } from '../plugins/ml-readiness-backend/src/notifications/ReadinessNotifier';
import {
  benchModelRef,
  factsFor,
  load,
  random,
  seedHistory,
  writeBenchFacts,
} from './readinessSeed';

const TARGET_MODELS = 10_000;
const DAYS = 365;
const DAY = 86_400_000;
const SIZES = (process.env.BENCH_STORAGE_MODELS ?? String(TARGET_MODELS))
  .split(',')
  .map(Number);

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

/** Median and p99 of `runs` calls of `read` (ms). */
async function timeReads(
  runs: number,
  read: (i: number) => Promise<unknown[]>,
  min: number,
) {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const rows = await read(i);
    times.push(performance.now() - started);
    if (rows.length < min) {
      throw new Error(`read ${i} returned ${rows.length} entries`);
    }
  }
  times.sort((a, b) => a - b);
  return `median ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(
    times,
    99,
  ).toFixed(2)} ms`;
}

async function measure(count: number) {
  const dir = join(__dirname, '..', '.bench-out');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `readiness-storage-${count}.sqlite`);
  rmSync(file, { force: true });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  const store = await ReadinessStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const now = new Date();
  const engine = new ReadinessEngine({
    store,
    policy: buildPolicy({ factSets: builtInFactSets }),
    collectors: [],
    catalog: catalogServiceMock(),
    auth: mockServices.auth(),
    logger: mockServices.rootLogger({ level: 'warn' }),
    notifier: new ReadinessNotifier({
      store,
      logger: mockServices.rootLogger({ level: 'warn' }),
      linkFor: ref => ref,
    }),
    concurrency: 4,
    clock: () => now,
  });
  const rnd = random(42);
  const refs: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const ref = benchModelRef(i);
    refs.push(ref);
    const facts = factsFor(i, rnd);
    await writeBenchFacts(store, ref, facts, new Date(now.getTime() - 60_000));
  }
  await engine.gradeModels(refs);
  let started = performance.now();
  const rows = await seedHistory(knex, refs, DAYS, now);
  const seedS = (performance.now() - started) / 1000;
  const bytes = statSync(file).size;
  let tables: Array<{ name: string; bytes: number }> = [];
  try {
    tables = (
      await knex.raw(
        'SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC',
      )
    ).map((r: { name: string; bytes: number }) => r);
  } catch {
    // dbstat is not compiled into every SQLite build.
  }

  // One model's history rebuilds to its current facts.
  const sample = refs[Math.floor(count / 2)];
  const rebuilt = await store.factHistory(sample, new Date(0));
  const current = (await store.readFacts([sample])).get(sample)!;
  for (const [set, fact] of Object.entries(current)) {
    const last = rebuilt.filter(h => h.factSet === set).pop();
    if (
      !last ||
      JSON.stringify(last.values) !==
        JSON.stringify(fact.status === 'available' ? fact.values : undefined)
    ) {
      throw new Error(`history of ${sample}/${set} does not rebuild`);
    }
  }
  if (rebuilt.length !== DAYS + builtInFactSets.length) {
    throw new Error(`history of ${sample}: ${rebuilt.length} versions`);
  }

  const since = new Date(now.getTime() - 90 * DAY);
  const pick = random(7);
  const reads = {
    grades: await timeReads(
      200,
      () => store.modelHistory(refs[Math.floor(pick() * count)], since),
      90,
    ),
    facts: await timeReads(
      200,
      () => store.factHistory(refs[Math.floor(pick() * count)], since),
      90,
    ),
    // A team (factsFor: 40 teams) owns count / 40 models.
    team: await timeReads(
      40,
      i => store.teamHistory([`group:default/team-${i % 40}`], since),
      90,
    ),
  };
  started = performance.now();
  const retention = await store.applyRetention({
    keepEntityRefs: refs,
    historyCutoff: new Date(now.getTime() - (DAYS - 30) * DAY),
  });
  const retentionS = (performance.now() - started) / 1000;
  await knex.destroy();
  rmSync(file, { force: true });
  return { count, bytes, rows, seedS, tables, reads, retention, retentionS };
}

async function main() {
  console.log(`load average at start: ${load()}`);
  let last: Awaited<ReturnType<typeof measure>> | undefined;
  for (const count of SIZES) {
    last = await measure(count);
    const historyRows = last.rows.factRows + last.rows.gradeRows;
    const historyBytes = last.tables
      .filter(t => /history/.test(t.name))
      .reduce((sum, t) => sum + t.bytes, 0);
    console.log(
      `${count.toLocaleString()} models × ${DAYS} days: ${(
        last.bytes / 1e6
      ).toFixed(1)} MB (${(last.bytes / count).toFixed(
        0,
      )} bytes per model; ${last.rows.factRows.toLocaleString()} fact-history + ${last.rows.gradeRows.toLocaleString()} grade-history rows seeded in ${last.seedS.toFixed(
        1,
      )} s; history tables with indexes ${(historyBytes / 1e6).toFixed(
        1,
      )} MB = ${((2 * historyBytes) / historyRows).toFixed(
        0,
      )} bytes per model-day (fact change + grade snapshot); load average ${load()})`,
    );
    for (const t of last.tables.slice(0, 12)) {
      console.log(`  ${t.name}: ${(t.bytes / 1e6).toFixed(1)} MB`);
    }
    console.log(
      `  one model's 90-day history: grades ${last.reads.grades}; facts rebuilt from deltas ${last.reads.facts}`,
    );
    console.log(
      `  one team's 90-day grade history (${(count / 40).toFixed(
        0,
      )} models): ${last.reads.team}`,
    );
    console.log(
      `  retention (oldest 30 days): ${last.retention.removedHistory.toLocaleString()} rows removed in ${last.retentionS.toFixed(
        1,
      )} s`,
    );
  }
  const total = (last!.bytes / last!.count) * TARGET_MODELS;
  console.log(
    `${
      last!.count === TARGET_MODELS ? 'measured' : 'extrapolated'
    } for ${TARGET_MODELS.toLocaleString()} models × ${DAYS} days: ${(
      total / 1e9
    ).toFixed(2)} GB — target < 1 GB: ${total < 1e9 ? 'met' : 'MISSED'}`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
