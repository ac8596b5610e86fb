/*
 * Benchmark: the cost MlCatalogProcessor adds to catalog processing.
 *
 * Runs validateEntityKind + postProcessEntity (validation, normalisation and
 * relation emission) over 10,000 generated ai-model entities and reports the
 * time per entity. Target: < 1 ms per entity.
 *
 * Run alone: node --require @backstage/cli/config/nodeTransform.cjs bench/catalog-processing.bench.ts
 */
import { MlCatalogProcessor } from '@ml-golden-paths/plugin-catalog-backend-module-ml-catalog';
import { generateModelEntities, summarise } from './catalog-entities';

const COUNT = Number(process.env.BENCH_MODELS ?? 10_000);
const ROUNDS = 5;
const location = { type: 'url', target: 'https://bench.example.com/' };

async function processAll(entities: ReturnType<typeof generateModelEntities>) {
  // A fresh processor per round, like a catalog restart; relations are counted
  // so the work cannot be optimised away.
  const processor = MlCatalogProcessor.create();
  let relations = 0;
  const started = performance.now();
  for (const entity of entities) {
    await processor.validateEntityKind(entity);
    await processor.postProcessEntity(entity, location, () => {
      relations += 1;
    });
  }
  return { ms: performance.now() - started, relations };
}

async function main() {
  const entities = generateModelEntities(COUNT);
  const versions = entities.reduce(
    (n, e) => n + (e.spec as any).mlops.versions.length,
    0,
  );
  // Warm-up round (JIT, zod schema caches).
  await processAll(generateModelEntities(500, 7));

  const rounds: number[] = [];
  let relations = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const result = await processAll(entities);
    rounds.push(result.ms);
    relations = result.relations;
  }
  const stats = summarise(rounds);
  const perEntityMs = stats.medianMs / COUNT;
  console.log(
    `MlCatalogProcessor over ${COUNT} ai-model entities (${versions} versions, ${relations} relations emitted per round)`,
  );
  console.table({
    'round total (ms), median': stats.medianMs.toFixed(1),
    'round total (ms), p95': stats.p95Ms.toFixed(1),
    'per entity (ms), median round': perEntityMs.toFixed(4),
    'entities per second': Math.round(COUNT / (stats.medianMs / 1000)),
    'target per entity (ms)': '< 1',
    'meets target': perEntityMs < 1 ? 'yes' : 'NO',
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
