/*
 * Benchmark: re-grading 10,000 models against the default readiness policy
 * from stored facts, on embedded SQLite (better-sqlite3, in memory unless
 * BENCH_SQLITE_FILE is set).
 *
 * 1. Seeds facts for BENCH_MODELS (10,000) models through ReadinessStore
 *    (three fact sets each, deterministic gaps so grades differ).
 * 2. Times the policy evaluation alone (evaluateScorecard for every model,
 *    facts already in memory). Target: < 150 ms.
 * 3. Times ReadinessEngine.gradeModels() end to end — read all facts and
 *    exemptions, evaluate, compare with stored grades, write grades, non-passing
 *    checks and history — first with every grade new, then a steady-state
 *    re-grade where nothing changed, then one where every grade changed.
 *    Target: < 2 s.
 *
 * Run alone: node --require @backstage/cli/config/nodeTransform.cjs bench/readiness.bench.ts
 */
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  buildPolicy,
  builtInFactSets,
  evaluateScorecard,
  FactSnapshot,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import knexFactory from 'knex';
import { ReadinessStore } from '../plugins/ml-readiness-backend/src/database/ReadinessStore';
import { ReadinessEngine } from '../plugins/ml-readiness-backend/src/engine/ReadinessEngine';
import { ReadinessNotifier } from '../plugins/ml-readiness-backend/src/notifications/ReadinessNotifier';
import {
  benchModelRef,
  factsFor,
  random,
  writeBenchFacts,
} from './readinessSeed';

const COUNT = Number(process.env.BENCH_MODELS ?? 10_000);
const ROUNDS = 5;

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: process.env.BENCH_SQLITE_FILE ?? ':memory:' },
    useNullAsDefault: true,
  });
  const store = await ReadinessStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const policy = buildPolicy({ factSets: builtInFactSets });
  let clock = new Date('2026-11-29T12:00:00Z');
  const engine = new ReadinessEngine({
    store,
    policy,
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
    clock: () => clock,
  });

  // 1. Seed facts.
  const rnd = random(42);
  console.log(
    `load average before: ${require('node:os')
      .loadavg()
      .map((l: number) => l.toFixed(1))
      .join(' ')}`,
  );
  const seedStarted = performance.now();
  const refs: string[] = [];
  for (let i = 0; i < COUNT; i += 1) {
    const ref = benchModelRef(i);
    refs.push(ref);
    const facts = factsFor(i, rnd);
    await writeBenchFacts(
      store,
      ref,
      facts,
      new Date(clock.getTime() - 3_600_000),
    );
  }
  const seedMs = performance.now() - seedStarted;
  console.log(
    `seeded ${COUNT} models × ${builtInFactSets.length} fact sets in ${seedMs.toFixed(0)} ms (${policy.checks.length} checks)`,
  );

  // 2. Evaluation alone, facts in memory.
  const allFacts: Map<
    string,
    Record<string, FactSnapshot>
  > = await store.readAllFacts();
  const inputs = refs.map(ref => allFacts.get(ref)!);
  const evalRound = () => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    let gold = 0;
    for (const facts of inputs) {
      if (evaluateScorecard(policy, { facts, now: clock }).level === 'gold') {
        gold += 1;
      }
    }
    const used = process.cpuUsage(cpu);
    return {
      ms: performance.now() - started,
      cpuMs: (used.user + used.system) / 1000,
      gold,
    };
  };
  evalRound(); // warm-up
  const evalRounds = Array.from({ length: ROUNDS }, evalRound);
  console.log(
    `evaluation alone: median ${median(evalRounds.map(r => r.ms)).toFixed(
      0,
    )} ms wall, ${median(evalRounds.map(r => r.cpuMs)).toFixed(
      0,
    )} ms CPU for ${COUNT} models (${(COUNT * policy.checks.length).toLocaleString()} check evaluations; ${evalRounds[0].gold} Gold) — target < 150 ms`,
  );

  // 3. End to end through the engine and the database.
  const timed = async (label: string) => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await engine.gradeModels();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    console.log(
      `${label}: ${ms.toFixed(0)} ms wall, ${(
        (used.user + used.system) /
        1000
      ).toFixed(
        0,
      )} ms CPU for ${result.graded} models, ${result.changed.length} grades changed — target < 2,000 ms`,
    );
    return ms;
  };
  await timed('first grading (every grade new)');
  const steady: number[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    clock = new Date(clock.getTime() + 60_000);
    steady.push(await timed(`re-grade ${r + 1} (nothing changed)`));
  }
  console.log(
    `re-grade, nothing changed: median ${median(steady).toFixed(0)} ms`,
  );
  // Every grade changes: entity facts go stale (older than 2 days).
  clock = new Date(clock.getTime() + 3 * 86_400_000);
  await timed('re-grade with every grade changed (entity facts stale)');
  const [{ n }] = await knex('readiness_grade_history').count({ n: '*' });
  console.log(`grade history rows: ${n}`);
  await knex.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
