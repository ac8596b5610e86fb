/*
 * The catalog the query benchmarks run against: the real catalog plugin with
 * the ML catalog module in a test backend, fed by one full mutation of an
 * entity provider, so every entity goes through full processing and stitching.
 *
 * Processing 10,000 entities takes minutes on this kind of machine, so on
 * SQLite the processed catalog is kept in `.bench-out/` and reused by the next
 * run with the same entities (a fingerprint of the generated entities and the
 * catalog/module versions names the file). Reuse applies no mutation and, with
 * a ten-year processing interval, nothing is re-processed: the timed queries
 * see exactly the catalog a fresh run built. BENCH_FRESH=1 forces a fresh
 * ingestion; BENCH_POSTGRES_URL runs on a temporary PostgreSQL database
 * (always fresh, dropped afterwards).
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  coreServices,
  createBackendModule,
  DatabaseService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { CatalogClient } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import catalogModuleMlCatalog from '@ml-golden-paths/plugin-catalog-backend-module-ml-catalog';
import knexFactory from 'knex';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

const INGEST_TIMEOUT_MS = 30 * 60_000;
const CACHE_DIR = join(__dirname, '..', '.bench-out');

/** How the benchmark's catalog came to hold its entities. */
export type BenchIngestion = {
  /** `fresh`: processed in this run; `cached`: reused from an earlier run. */
  mode: 'fresh' | 'cached';
  /** Time to apply the full mutation, in this or the run that built the cache. */
  mutationMs: number;
  /** Time until every entity was processed and stitched. */
  ingestMs: number;
  /** When the entities were processed. */
  ingestedAt: string;
};

/** A running benchmark catalog. */
export type BenchCatalog = {
  catalog: CatalogClient;
  knex: Knex;
  /** The database client, `better-sqlite3` or `pg`. */
  client: string;
  /** PostgreSQL only: runs ANALYZE, as autovacuum eventually would. */
  analyze(): Promise<void>;
  ingestion: BenchIngestion;
  stop(): Promise<void>;
};

function packageVersion(name: string): string {
  return JSON.parse(
    readFileSync(require.resolve(`${name}/package.json`), 'utf8'),
  ).version;
}

function fingerprint(entities: Entity[]): string {
  return createHash('sha1')
    .update(packageVersion('@backstage/plugin-catalog-backend'))
    .update(
      packageVersion(
        '@ml-golden-paths/plugin-catalog-backend-module-ml-catalog',
      ),
    )
    .update(JSON.stringify(entities))
    .digest('hex')
    .slice(0, 12);
}

async function createDatabase(name: string, entities: Entity[]) {
  const url = process.env.BENCH_POSTGRES_URL;
  if (url) {
    const database = `bench_${name.replace(/\W/g, '_')}_${Date.now()}`;
    const admin = knexFactory({ client: 'pg', connection: url });
    await admin.raw('CREATE DATABASE ??', [database]);
    const knex = knexFactory({
      client: 'pg',
      connection: `${url.replace(/\/+$/, '')}/${database}`,
    });
    return {
      knex,
      cached: undefined,
      markComplete: async () => {},
      drop: async () => {
        await knex.destroy();
        await admin.raw('DROP DATABASE IF EXISTS ??', [database]);
        await admin.destroy();
      },
    };
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const base = join(
    CACHE_DIR,
    `${name}-${entities.length}-${fingerprint(entities)}`,
  );
  const file = `${base}.sqlite`;
  const marker = `${base}.json`;
  let cached: BenchIngestion | undefined;
  if (
    process.env.BENCH_FRESH !== '1' &&
    existsSync(file) &&
    existsSync(marker)
  ) {
    cached = { ...JSON.parse(readFileSync(marker, 'utf8')), mode: 'cached' };
  } else {
    rmSync(file, { force: true });
    rmSync(marker, { force: true });
  }
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  return {
    knex,
    cached,
    markComplete: async (ingestion: BenchIngestion) =>
      writeFileSync(marker, JSON.stringify(ingestion, undefined, 2)),
    drop: async () => {
      await knex.destroy();
    },
  };
}

/**
 * Starts the benchmark catalog holding `entities`, processing them unless an
 * earlier run with the same entities left a processed catalog to reuse.
 */
export async function startBenchCatalog(options: {
  name: string;
  entities: Entity[];
}): Promise<BenchCatalog> {
  const { name, entities } = options;
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

  const database = await createDatabase(name, entities);
  const backend = await startTestBackend({
    features: [
      mockServices.database.factory({ knex: database.knex }),
      catalogPlugin,
      catalogModuleMlCatalog,
      feed,
      mockServices.rootConfig.factory({
        // New entities are processed at once; the long interval keeps
        // re-processing away from the timed queries and from reused catalogs.
        data: { catalog: { processingInterval: { days: 3650 } } },
      }),
      mockServices.rootLogger.factory({ level: 'warn' }),
    ],
  });

  const stop = async () => {
    await backend.stop();
    await database.drop();
  };

  try {
    let ingestion = database.cached;
    if (!ingestion) {
      const started = performance.now();
      await connection!.applyMutation({
        type: 'full',
        entities: entities.map(entity => ({ entity, locationKey: 'bench' })),
      });
      const mutationMs = performance.now() - started;
      let stitched = 0;
      let lastReport = started;
      while (stitched < entities.length) {
        if (performance.now() - started > INGEST_TIMEOUT_MS) {
          throw new Error(
            `only ${stitched} of ${entities.length} entities were processed in time`,
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
            `  ingesting: ${stitched}/${entities.length} after ${((lastReport - started) / 1000).toFixed(0)} s`,
          );
        }
      }
      ingestion = {
        mode: 'fresh',
        mutationMs,
        ingestMs: performance.now() - started,
        ingestedAt: new Date().toISOString(),
      };
      await database.markComplete(ingestion);
    } else {
      const [{ n }] = await knex!('final_entities')
        .whereNotNull('final_entity')
        .count({ n: '*' });
      if (Number(n) !== entities.length) {
        throw new Error(
          `cached catalog holds ${n} entities, expected ${entities.length}; rerun with BENCH_FRESH=1`,
        );
      }
    }

    const baseUrl = `http://localhost:${backend.server.port()}/api/catalog`;
    return {
      catalog: new CatalogClient({
        discoveryApi: { getBaseUrl: async () => baseUrl },
      }),
      knex: knex!,
      client: String(knex!.client.config.client),
      analyze: async () => {
        if (knex!.client.config.client === 'pg') {
          await knex!.raw('ANALYZE');
        }
      },
      ingestion,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** One line describing how the catalog was filled, for a benchmark's output. */
export function describeIngestion(
  client: string,
  count: number,
  ingestion: BenchIngestion,
): string {
  const seconds = (ingestion.ingestMs / 1000).toFixed(1);
  const how =
    ingestion.mode === 'fresh'
      ? `processed and stitched in this run in ${seconds} s`
      : `reused from the run of ${ingestion.ingestedAt}, which processed and stitched them in ${seconds} s`;
  return `Catalog on ${client}: ${count} entities ${how} (${Math.round(
    count / (ingestion.ingestMs / 1000),
  )} entities/s)`;
}
