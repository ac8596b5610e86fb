/*
 * Benchmark: a filtered page of 50 models out of 10,000 on SQLite.
 *
 * Starts the real catalog plugin with the ML catalog module in a test backend
 * (embedded SQLite), feeds 10,000 generated ai-model entities through an
 * entity provider's full mutation, waits until the catalog has processed and
 * stitched every one of them (measured and reported: this is full processing,
 * not a shortcut), then times `queryEntities` through the catalog's REST API
 * with filters on kind, spec.type, owner and spec.mlops.tier, limit 50.
 * Target: median < 200 ms.
 *
 * Run alone: node --require @backstage/cli/config/nodeTransform.cjs bench/catalog-query.bench.ts
 * BENCH_MODELS=1000 makes a quicker, smaller run. BENCH_POSTGRES_URL (e.g.
 * postgresql://postgres@127.0.0.1:5432) runs the same on a fresh, temporary
 * PostgreSQL database instead of SQLite.
 */
import { describeIngestion, startBenchCatalog } from './benchCatalog';
import { generateModelEntities, summarise } from './catalog-entities';

const COUNT = Number(process.env.BENCH_MODELS ?? 10_000);
const RUNS = 30;
const WARMUP = 3;

async function main() {
  const bench = await startBenchCatalog({
    name: 'catalog-query',
    entities: generateModelEntities(COUNT),
  });
  const { catalog, client, ingestion } = bench;

  try {
    const ownerAndTier = {
      kind: 'resource',
      'spec.type': 'ai-model',
      'spec.owner': 'group:risk-ml',
      'spec.mlops.tier': '1',
    };
    const queries: Record<
      string,
      { filter: Record<string, string>; count: 'include' | 'exclude' }
    > = {
      'kind + type + owner + tier': { filter: ownerAndTier, count: 'include' },
      'same, without totalItems': { filter: ownerAndTier, count: 'exclude' },
      'kind + type + tier': {
        filter: {
          kind: 'resource',
          'spec.type': 'ai-model',
          'spec.mlops.tier': '2',
        },
        count: 'include',
      },
      'kind + type + serving pattern': {
        filter: {
          kind: 'resource',
          'spec.type': 'ai-model',
          'spec.mlops.servingPattern': 'online',
        },
        count: 'include',
      },
    };
    const orderFields = { field: 'metadata.name', order: 'asc' } as const;

    // PostgreSQL plans the query from table statistics, which are stale right
    // after a bulk load until autovacuum analyses the tables. Time one query in
    // that state, then ANALYZE as autovacuum eventually would.
    const statistics: Record<string, string> = {};
    if (client === 'pg') {
      let started = performance.now();
      await catalog.queryEntities({
        filter: ownerAndTier,
        limit: 50,
        orderFields,
      });
      statistics['first query before ANALYZE (ms)'] = (
        performance.now() - started
      ).toFixed(0);
      started = performance.now();
      await bench.analyze();
      statistics['ANALYZE (ms)'] = (performance.now() - started).toFixed(0);
    }

    const rows: Record<string, Record<string, string | number>> = {};
    for (const [label, { filter, count }] of Object.entries(queries)) {
      const samples: number[] = [];
      let page = { items: [] as unknown[], totalItems: 0 };
      for (let run = 0; run < WARMUP + RUNS; run++) {
        const started = performance.now();
        page = await catalog.queryEntities({
          filter,
          limit: 50,
          orderFields,
          totalItems: count,
        });
        if (run >= WARMUP) samples.push(performance.now() - started);
      }
      if (page.items.length !== 50) {
        throw new Error(
          `${label}: expected a full page, got ${page.items.length}`,
        );
      }
      const stats = summarise(samples);
      rows[label] = {
        'matching models':
          count === 'include' ? page.totalItems : '(not counted)',
        'page size': page.items.length,
        'median (ms)': stats.medianMs.toFixed(1),
        'p95 (ms)': stats.p95Ms.toFixed(1),
        'max (ms)': stats.maxMs.toFixed(1),
      };
    }

    console.log(describeIngestion(client, COUNT, ingestion));
    console.table({
      'applyMutation (s)': (ingestion.mutationMs / 1000).toFixed(1),
      'processed + stitched (s)': (ingestion.ingestMs / 1000).toFixed(1),
      ...statistics,
    });
    console.log(
      `queryEntities, limit 50, ${RUNS} runs after ${WARMUP} warm-up (target median < 200 ms)`,
    );
    console.table(rows);
  } finally {
    await bench.stop();
  }
}

main()
  .then(() => process.exit(0))
  .catch(error => {
    console.error(error);
    process.exit(1);
  });
