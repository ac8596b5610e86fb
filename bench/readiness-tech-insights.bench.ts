/*
 * Benchmark: side by side, grading the same 10,000 models from stored facts
 *  - with our readiness engine (ReadinessEngine.gradeModels, default policy,
 *    44 CEL checks, grades written), and
 *  - with the community Tech Insights backend (npm
 *    @backstage-community/plugin-tech-insights-backend 3.1.0 + the json-rules-engine
 *    fact checker 0.10.0), 30 equivalent boolean checks over the same facts,
 *    read from its own fact store (`JsonRulesEngineFactChecker.runChecks` per
 *    entity, results not stored — Tech Insights does not persist results).
 * Both on embedded SQLite in memory, in the same process, one after another.
 *
 * Tech Insights is installed only for this benchmark, outside the workspaces:
 *   npm install --prefix bench/tech-insights --ignore-scripts
 * (its Backstage dependencies are an older line than ours: backend-defaults
 * 0.17, plugin-catalog-node 2.x, so it gets its own node_modules).
 *
 * Run alone: node --require @backstage/cli/config/nodeTransform.cjs bench/readiness-tech-insights.bench.ts
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
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
  writeBenchFacts,
} from './readinessSeed';

const COUNT = Number(process.env.BENCH_MODELS ?? 10_000);
const TI_DIR = join(__dirname, 'tech-insights');

/** Flattens nested fact values into Tech Insights' flat fact keys. */
function flatten(
  value: Record<string, unknown>,
  prefix = '',
  out: Record<string, unknown> = {},
) {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}_${key}` : key;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      flatten(v as Record<string, unknown>, name, out);
    } else if (!Array.isArray(v)) {
      out[name] = v;
    }
  }
  return out;
}

function timed<T>(fn: () => Promise<T>) {
  return async () => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await fn();
    const used = process.cpuUsage(cpu);
    return {
      result,
      ms: performance.now() - started,
      cpuMs: (used.user + used.system) / 1000,
    };
  };
}

async function main() {
  if (
    !existsSync(
      join(
        TI_DIR,
        'node_modules/@backstage-community/plugin-tech-insights-backend',
      ),
    )
  ) {
    throw new Error(
      'Tech Insights is not installed for the benchmark: run `npm install --prefix bench/tech-insights --ignore-scripts`',
    );
  }
  const tiRequire = createRequire(join(TI_DIR, 'package.json'));
  const { initializePersistenceContext } = tiRequire(
    '@backstage-community/plugin-tech-insights-backend',
  );
  const { JsonRulesEngineFactChecker } = tiRequire(
    '@backstage-community/plugin-tech-insights-backend-module-jsonfc',
  );
  // Tech Insights takes fact timestamps as luxon DateTimes.
  const { DateTime } = tiRequire('luxon');
  console.log(`load average at start: ${load()}`);

  const rnd = random(42);
  const now = new Date();
  const models = Array.from({ length: COUNT }, (_, i) => ({
    ref: benchModelRef(i),
    name: `model-${String(i).padStart(5, '0')}`,
    facts: factsFor(i, rnd),
  }));

  // ---- Ours ----
  const ourKnex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  const store = await ReadinessStore.create({
    database: mockServices.database({
      knex: ourKnex,
      migrations: { skip: false },
    }),
  });
  for (const m of models) {
    await writeBenchFacts(
      store,
      m.ref,
      m.facts,
      new Date(now.getTime() - 60_000),
    );
  }
  const policy = buildPolicy({ factSets: builtInFactSets });
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
    clock: () => now,
  });
  const refs = models.map(m => m.ref);
  const oursFirst = await timed(() => engine.gradeModels(refs))();
  const oursAgain = await timed(() => engine.gradeModels(refs))();
  console.log(
    `ours, ${policy.checks.length} checks: first grading ${oursFirst.ms.toFixed(
      0,
    )} ms wall / ${oursFirst.cpuMs.toFixed(0)} ms CPU; re-grade (nothing changed) ${oursAgain.ms.toFixed(
      0,
    )} ms wall / ${oursAgain.cpuMs.toFixed(0)} ms CPU (load average ${load()})`,
  );
  await ourKnex.destroy();

  // ---- Tech Insights ----
  const tiKnex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  const logger = mockServices.rootLogger({ level: 'warn' });
  const persistence = await initializePersistenceContext(
    mockServices.database({ knex: tiKnex, migrations: { skip: false } }),
    { logger },
  );
  const tiStore = persistence.techInsightsStore;
  const sample = models[0].facts;
  const schemas: Record<string, Record<string, unknown>> = {};
  for (const set of builtInFactSets) {
    const keys = flatten(sample[set.id]);
    schemas[set.id] = Object.fromEntries(
      Object.entries(keys).map(([k, v]) => [
        k,
        { type: typeof v === 'number' ? 'integer' : typeof v, description: k },
      ]),
    );
    await tiStore.insertFactSchema({
      id: `readiness-${set.id}`,
      version: '1.0.0',
      entityFilter: [{ kind: 'resource' }],
      schema: schemas[set.id],
    });
  }
  const seedStarted = performance.now();
  for (const set of builtInFactSets) {
    for (let i = 0; i < models.length; i += 500) {
      await tiStore.insertFacts({
        id: `readiness-${set.id}`,
        facts: models.slice(i, i + 500).map(m => ({
          entity: { namespace: 'default', kind: 'resource', name: m.name },
          timestamp: DateTime.fromJSDate(now),
          facts: flatten(m.facts[set.id]),
        })),
      });
    }
  }
  console.log(
    `Tech Insights: stored ${COUNT * builtInFactSets.length} fact rows in ${(
      (performance.now() - seedStarted) /
      1000
    ).toFixed(1)} s`,
  );

  // 30 boolean checks over the same facts (the boolean facts our default
  // policy checks), each "fact equal true".
  const booleanFacts = builtInFactSets.flatMap(set =>
    Object.entries(schemas[set.id])
      .filter(([, s]) => (s as { type: string }).type === 'boolean')
      .map(([key]) => ({ set: set.id, key })),
  );
  if (booleanFacts.length < 30) {
    throw new Error(`only ${booleanFacts.length} boolean facts for 30 checks`);
  }
  const checks = booleanFacts.slice(0, 30).map(({ set, key }) => ({
    id: `${set}-${key}`,
    type: 'json-rules-engine',
    name: `${set} ${key}`,
    description: `${key} is true`,
    factIds: [`readiness-${set}`],
    rule: {
      conditions: { all: [{ fact: key, operator: 'equal', value: true }] },
    },
  }));
  const checker = new JsonRulesEngineFactChecker({
    checks,
    repository: tiStore,
    logger,
  });
  const runAll = async () => {
    let passed = 0;
    let next = 0;
    const worker = async () => {
      while (next < models.length) {
        const m = models[next++];
        const results = await checker.runChecks(m.ref);
        passed += results.filter((r: { result: boolean }) => r.result).length;
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    return passed;
  };
  await runAll(); // warm-up round
  const ti = await timed(runAll)();
  console.log(
    `Tech Insights, ${checks.length} checks: ${ti.ms.toFixed(0)} ms wall / ${ti.cpuMs.toFixed(
      0,
    )} ms CPU for ${COUNT} entities (${ti.result} of ${COUNT * checks.length} checks passed; load average ${load()})`,
  );
  console.log(
    `ratio Tech Insights / ours (re-grade): ${(ti.ms / oursAgain.ms).toFixed(
      1,
    )}× wall, ${(ti.cpuMs / oursAgain.cpuMs).toFixed(1)}× CPU; Tech Insights / ours (first grading, all written): ${(
      ti.ms / oursFirst.ms
    ).toFixed(1)}× wall, ${(ti.cpuMs / oursFirst.cpuMs).toFixed(1)}× CPU`,
  );
  await tiKnex.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
