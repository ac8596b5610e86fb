/*
 * Benchmark: the catalog requests the ML catalog UI makes, at 10,000 models.
 *
 * Starts the real catalog plugin with the ML catalog module in a test backend
 * (embedded SQLite), feeds a department with six teams (each with an on-call
 * child group) and 10,000 generated ai-model entities through a full mutation,
 * waits until everything is processed and stitched, then times — through the
 * catalog's REST API — exactly the requests the frontend sends, built by the
 * plugin's own query builders:
 *
 * - Models page: the first page (25, by name, with the total), a team filter
 *   that expands to the department and all descendant groups, owner + tier +
 *   stage (the stage filter goes through the indexed versions array), free
 *   text, and the next page through the cursor;
 * - the framework facet and the group hierarchy the page loads once;
 * - the ownership view (facet per owning team, rolled up) and the group card
 *   counts.
 *
 * Target: every Models page request median < 300 ms; the ownership view < 2 s.
 *
 * Run alone: node --require @backstage/cli/config/nodeTransform.cjs bench/ml-catalog-ui-queries.bench.ts
 * BENCH_MODELS=1000 makes a quicker, smaller run.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  AI_MODEL_FILTER,
  buildModelQuery,
} from '../plugins/ml-catalog/src/filters/buildModelQuery';
import {
  DEFAULT_MODEL_FILTERS,
  ModelFilters,
} from '../plugins/ml-catalog/src/filters/modelFilters';
import { loadGroupHierarchy } from '../plugins/ml-catalog/src/groups/loadGroupHierarchy';
import { countModels } from '../plugins/ml-catalog/src/ownership/countModels';
import { loadOwnershipSummary } from '../plugins/ml-catalog/src/ownership/loadOwnershipSummary';
import { describeIngestion, startBenchCatalog } from './benchCatalog';
import { generateModelEntities, summarise } from './catalog-entities';

const COUNT = Number(process.env.BENCH_MODELS ?? 10_000);
const RUNS = 20;
const WARMUP = 3;
const PAGE_SIZE = 25;

function group(name: string, parent?: string, children: string[] = []): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      annotations: {
        'backstage.io/managed-by-location': 'url:https://bench.example.com/',
        'backstage.io/managed-by-origin-location':
          'url:https://bench.example.com/',
      },
    },
    spec: { type: 'team', ...(parent ? { parent } : {}), children },
  };
}

/** A department over the teams that own the generated models, each with an on-call group. */
function organisation(models: Entity[]): Entity[] {
  const teams = [
    ...new Set(models.map(m => String(m.spec?.owner).replace(/^group:/, ''))),
  ];
  return [
    group('ml-department', undefined, teams),
    ...teams.flatMap(team => [
      group(team, 'ml-department', [`${team}-oncall`]),
      group(`${team}-oncall`, team),
    ]),
  ];
}

async function time<T>(fn: () => Promise<T>) {
  const samples: number[] = [];
  let result: T | undefined;
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const started = performance.now();
    result = await fn();
    if (run >= WARMUP) samples.push(performance.now() - started);
  }
  return { stats: summarise(samples), result: result as T };
}

async function main() {
  const models = generateModelEntities(COUNT);
  const groupEntities = organisation(models);
  const bench = await startBenchCatalog({
    name: 'ml-catalog-ui-queries',
    entities: [...groupEntities, ...models],
  });
  const { catalog } = bench;

  try {
    const hierarchy = await loadGroupHierarchy(catalog);
    const department = 'group:default/ml-department';
    const team = 'group:default/risk-ml';
    const page = (filters: Partial<ModelFilters>, owner?: string) =>
      catalog.queryEntities(
        buildModelQuery(
          { ...DEFAULT_MODEL_FILTERS, ...filters, owner },
          {
            ownerRefs: owner ? hierarchy.descendantsOf(owner) : undefined,
            limit: PAGE_SIZE,
          },
        ),
      );

    const rows: Record<string, Record<string, string | number>> = {};
    const record = (
      label: string,
      stats: ReturnType<typeof summarise>,
      result: string | number,
    ) => {
      rows[label] = {
        result,
        'median (ms)': stats.medianMs.toFixed(1),
        'p95 (ms)': stats.p95Ms.toFixed(1),
        'max (ms)': stats.maxMs.toFixed(1),
      };
    };

    const first = await time(() => page({}));
    record(
      'Models: first page, by name',
      first.stats,
      `${first.result.items.length} of ${first.result.totalItems}`,
    );
    const cursor = first.result.pageInfo.nextCursor!;
    const next = await time(() =>
      catalog.queryEntities({ cursor, limit: PAGE_SIZE }),
    );
    record(
      'Models: next page (cursor)',
      next.stats,
      `${next.result.items.length} rows`,
    );
    const dept = await time(() => page({}, department));
    record(
      `Models: owner = department (${hierarchy.descendantsOf(department).length} groups)`,
      dept.stats,
      `${dept.result.items.length} of ${dept.result.totalItems}`,
    );
    const narrow = await time(() =>
      page({ tier: [1], stage: ['staging'], sort: 'tier' }, team),
    );
    record(
      'Models: team + tier 1 + stage staging, by tier',
      narrow.stats,
      `${narrow.result.items.length} of ${narrow.result.totalItems}`,
    );
    const text = await time(() => page({ text: 'model 77' }));
    record(
      'Models: free text "model 77"',
      text.stats,
      `${text.result.items.length} of ${text.result.totalItems}`,
    );
    const facet = await time(() =>
      catalog.getEntityFacets({
        filter: AI_MODEL_FILTER,
        facets: ['spec.mlops.framework'],
      }),
    );
    record(
      'Models: framework facet',
      facet.stats,
      `${facet.result.facets['spec.mlops.framework'].length} values`,
    );
    const groups = await time(() => loadGroupHierarchy(catalog));
    record(
      'Group hierarchy (all groups)',
      groups.stats,
      `${groups.result.tree().length} groups`,
    );
    const ownership = await time(() =>
      loadOwnershipSummary(catalog, hierarchy),
    );
    record(
      'Ownership view (all teams, rolled up)',
      ownership.stats,
      `${ownership.result.length} rows`,
    );
    const card = await time(() =>
      countModels(catalog, hierarchy.descendantsOf(team)),
    );
    record(
      'Group card counts (team + child)',
      card.stats,
      `${card.result.total} models`,
    );

    console.log(
      `${describeIngestion(bench.client, COUNT + groupEntities.length, bench.ingestion)}; ${COUNT} ai-models + ${groupEntities.length} groups`,
    );
    console.log(
      `Requests built by plugins/ml-catalog, ${RUNS} runs after ${WARMUP} warm-up (targets: page requests median < 300 ms, ownership view < 2 s)`,
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
