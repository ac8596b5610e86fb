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
import {
  coreServices,
  createBackendModule,
  DatabaseService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { CatalogClient } from '@backstage/catalog-client';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import catalogModuleMlCatalog from '@ml-golden-paths/plugin-catalog-backend-module-ml-catalog';
import knexFactory from 'knex';
import { generateModelEntities, summarise } from './catalog-entities';

const COUNT = Number(process.env.BENCH_MODELS ?? 10_000);
const RUNS = 30;
const WARMUP = 3;
const INGEST_TIMEOUT_MS = 30 * 60_000;

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

/** A fresh PostgreSQL database when BENCH_POSTGRES_URL is set, else undefined (SQLite). */
async function createPostgresDatabase() {
  const url = process.env.BENCH_POSTGRES_URL;
  if (!url) {
    return undefined;
  }
  const name = `bench_catalog_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: url });
  await admin.raw('CREATE DATABASE ??', [name]);
  const knex = knexFactory({
    client: 'pg',
    connection: `${url.replace(/\/+$/, '')}/${name}`,
  });
  return {
    knex,
    drop: async () => {
      await knex.destroy();
      await admin.raw('DROP DATABASE IF EXISTS ??', [name]);
      await admin.destroy();
    },
  };
}

async function main() {
  let connection: EntityProviderConnection | undefined;
  let knex: Knex | undefined;
  const feed = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'bench-feed',
    register(env) {
      env.registerInit({
        deps: {
          catalog: catalogProcessingExtensionPoint,
          database: coreServices.database,
        },
        async init({ catalog, database }) {
          catalog.addEntityProvider({
            getProviderName: () => 'bench-feed',
            connect: async c => {
              connection = c;
            },
          });
          knex = await database.getClient();
        },
      });
    },
  });

  const postgres = await createPostgresDatabase();
  const backend = await startTestBackend({
    features: [
      ...(postgres
        ? [mockServices.database.factory({ knex: postgres.knex })]
        : []),
      catalogPlugin,
      catalogModuleMlCatalog,
      feed,
      mockServices.rootConfig.factory({
        // New entities are processed at once; a long interval keeps
        // re-processing from competing with the timed queries.
        data: { catalog: { processingInterval: { hours: 1 } } },
      }),
      mockServices.rootLogger.factory({ level: 'warn' }),
    ],
  });

  try {
    const client = knex!.client.config.client;
    const entities = generateModelEntities(COUNT);

    const ingestStarted = performance.now();
    await connection!.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({ entity, locationKey: 'bench' })),
    });
    const mutationMs = performance.now() - ingestStarted;

    let stitched = 0;
    let lastReport = 0;
    while (stitched < COUNT) {
      if (performance.now() - ingestStarted > INGEST_TIMEOUT_MS) {
        throw new Error(
          `only ${stitched} of ${COUNT} entities were processed in time`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
      const [{ n }] = await knex!('final_entities')
        .whereNotNull('final_entity')
        .count({ n: '*' });
      stitched = Number(n);
      if (performance.now() - lastReport > 30_000) {
        lastReport = performance.now();
        console.log(
          `  ingesting: ${stitched}/${COUNT} after ${((lastReport - ingestStarted) / 1000).toFixed(0)} s`,
        );
      }
    }
    const ingestMs = performance.now() - ingestStarted;

    const baseUrl = `http://localhost:${backend.server.port()}/api/catalog`;
    const catalog = new CatalogClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
    });
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
    if (postgres) {
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
      await knex!.raw('ANALYZE');
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

    console.log(
      `Catalog on ${client}: ${COUNT} ai-model entities ingested through a full mutation`,
    );
    console.table({
      'applyMutation (s)': (mutationMs / 1000).toFixed(1),
      'processed + stitched (s)': (ingestMs / 1000).toFixed(1),
      'entities per second': Math.round(COUNT / (ingestMs / 1000)),
      ...statistics,
    });
    console.log(
      `queryEntities, limit 50, ${RUNS} runs after ${WARMUP} warm-up (target median < 200 ms)`,
    );
    console.table(rows);
  } finally {
    await backend.stop();
    await postgres?.drop();
  }
}

main()
  .then(() => process.exit(0))
  .catch(error => {
    console.error(error);
    process.exit(1);
  });
