/*
 * Generates realistic ai-model entities for the catalog benchmarks: six
 * owning teams, all tiers and serving patterns, 1–12 versions each with
 * metrics and dataset snapshots, and most of the optional blocks.
 */
import type { Entity } from '@backstage/catalog-model';

const TEAMS = [
  'risk-ml',
  'growth-ml',
  'pricing-ml',
  'nlp-ml',
  'vision-ml',
  'forecasting-ml',
];
const PATTERNS = ['online', 'batch', 'streaming', 'embedded'];
const STAGES = ['archived', 'development', 'staging', 'production'];

/** A small deterministic pseudo-random generator (mulberry32). */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct ai-model entities, the same for the same seed. */
export function generateModelEntities(count: number, seed = 1): Entity[] {
  const next = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  return Array.from({ length: count }, (_, i) => {
    const team = TEAMS[i % TEAMS.length];
    const name = `bench-model-${String(i).padStart(5, '0')}`;
    const versions = Array.from(
      { length: 1 + Math.floor(next() * 12) },
      (__, v) => ({
        version: String(v + 1),
        stage: pick(STAGES),
        registeredAt: new Date(
          Date.UTC(2026, 0, 1) + v * 7 * 86_400_000,
        ).toISOString(),
        metrics: { auc: Math.round(next() * 1000) / 1000, latency_ms: 20 },
        dataset: `bench-dataset-${i % 300}@2026-01-${String(1 + v).padStart(2, '0')}`,
        codeCommit: Math.floor(next() * 0xfffffff)
          .toString(16)
          .padStart(7, '0'),
        approvedBy: 'user:dana',
      }),
    );
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name,
        title: `Bench model ${i}`,
        description: 'A generated model for benchmarks.',
        annotations: {
          'backstage.io/managed-by-location': 'url:https://bench.example.com/',
          'backstage.io/managed-by-origin-location':
            'url:https://bench.example.com/',
        },
      },
      spec: {
        type: 'ai-model',
        owner: `group:${team}`,
        system: `${team}-system`,
        dependsOn: [`resource:bench-dataset-${i % 300}`],
        mlops: {
          tier: 1 + (i % 3),
          task: 'binary-classification',
          framework: 'scikit-learn',
          servingPattern: PATTERNS[i % PATTERNS.length],
          goldenPath: { template: 'online-inference', version: '1.2.0' },
          trainingPipeline: `component:${name}-training`,
          versions,
          slo: { latencyP99Ms: 150, availability: 99.9 },
          monitoring: {
            dashboard: `https://grafana.example.com/d/${name}`,
            drift: `https://grafana.example.com/d/${name}-drift`,
          },
          runbook: `https://runbooks.example.com/${name}`,
          modelCard: 'docs/model-card.md',
          onCall: `group:${team}-oncall`,
        },
      },
    };
  });
}

/** Median and 95th percentile of a list of durations in milliseconds. */
export function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return {
    runs: sorted.length,
    medianMs: at(0.5),
    p95Ms: at(0.95),
    minMs: sorted[0],
    maxMs: sorted[sorted.length - 1],
  };
}
