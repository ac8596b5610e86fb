/*
 * Benchmark: storage of the readiness tables for 10,000 models × 365 days of
 * daily changes, on embedded SQLite (a file in .bench-out/). Target < 1 GB.
 *
 * Seeding 7.3 million history rows takes long and needs gigabytes of disk,
 * so this measures samples and extrapolates: for BENCH_STORAGE_SAMPLES
 * (500 and 1,000) models it stores the current facts and grades through the
 * plugin's store and engine, then 365 days of history as bulk inserts that
 * match the migration — every model, every day, one changed fact set and one
 * grade snapshot (the worst case: a change every day) — and measures the
 * database file. Every model's rows are independent of the others', so the
 * size grows linearly with the number of models; the two samples show it
 * (bytes per model agree), and 10,000 models are extrapolated from the larger
 * sample. Per-table sizes come from SQLite's dbstat table where available.
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
import { factsFor, load, random, seedHistory } from './readinessSeed';

const TARGET_MODELS = 10_000;
const DAYS = 365;
const SAMPLES = (process.env.BENCH_STORAGE_SAMPLES ?? '500,1000')
  .split(',')
  .map(Number);

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
    const ref = `resource:default/model-${String(i).padStart(5, '0')}`;
    refs.push(ref);
    const facts = factsFor(i, rnd);
    await store.writeFacts(
      ref,
      builtInFactSets.map(set => ({
        factSet: set.id,
        collector: 'bench',
        schemaVersion: set.version,
        status: 'available' as const,
        values: facts[set.id],
      })),
      new Date(now.getTime() - 60_000),
    );
  }
  await engine.gradeModels(refs);
  const started = performance.now();
  const rows = await seedHistory(knex, refs, DAYS, now);
  const seedS = (performance.now() - started) / 1000;
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
  await knex.destroy();
  const bytes = statSync(file).size;
  rmSync(file, { force: true });
  return { count, bytes, rows, seedS, tables };
}

async function main() {
  console.log(`load average at start: ${load()}`);
  let last: Awaited<ReturnType<typeof measure>> | undefined;
  for (const count of SAMPLES) {
    last = await measure(count);
    console.log(
      `${count} models × ${DAYS} days: ${(last.bytes / 1e6).toFixed(1)} MB (${(
        last.bytes / count
      ).toFixed(
        0,
      )} bytes per model; ${last.rows.factRows.toLocaleString()} fact-history + ${last.rows.gradeRows.toLocaleString()} grade-history rows seeded in ${last.seedS.toFixed(
        1,
      )} s; load average ${load()})`,
    );
    for (const t of last.tables.slice(0, 8)) {
      console.log(`  ${t.name}: ${(t.bytes / 1e6).toFixed(1)} MB`);
    }
  }
  const perModel = last!.bytes / last!.count;
  const total = perModel * TARGET_MODELS;
  console.log(
    `extrapolated to ${TARGET_MODELS.toLocaleString()} models × ${DAYS} days: ${(
      total / 1e9
    ).toFixed(2)} GB — target < 1 GB: ${total < 1e9 ? 'met' : 'MISSED'}`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
