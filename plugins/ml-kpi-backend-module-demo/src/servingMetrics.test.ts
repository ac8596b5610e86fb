import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigReader } from '@backstage/config';
// The real Prometheus collector reads the demo data set in this test.
import {
  readPrometheusKpiConfig,
  ServingFactCollector,
} from '@ml-golden-paths/plugin-ml-kpi-backend-module-prometheus';
import { servingFactsSchema } from '@ml-golden-paths/plugin-ml-readiness-common';
import { createServer } from 'node:net';
import {
  DemoPrometheus,
  missingPrometheus,
  startDemoPrometheus,
} from './demoPrometheus';
import { exampleEntities, exampleModels } from './__testUtils__/exampleModels';
import { demoServingMetrics, servesTraffic } from './servingMetrics';

jest.setTimeout(180_000);

const now = new Date('2026-11-29T12:00:30Z');
const models = exampleModels();

describe('demoServingMetrics', () => {
  const { openMetrics, models: generated } = demoServingMetrics(models, {
    now,
  });

  it('is deterministic and ends with # EOF', () => {
    expect(demoServingMetrics(models, { now }).openMetrics).toBe(openMetrics);
    expect(openMetrics.endsWith('# EOF\n')).toBe(true);
    expect(
      demoServingMetrics(models, { now, seed: 'other' }).openMetrics,
    ).not.toBe(openMetrics);
  });

  it('covers the online production models only, some missing a 99.9 % availability target', () => {
    expect(generated.map(m => m.name)).toEqual(
      models.filter(servesTraffic).map(m => m.name),
    );
    expect(generated.length).toBeGreaterThanOrEqual(8);
    const missing = generated.filter(m => m.errorRatio > 0.001);
    expect(missing.length).toBeGreaterThanOrEqual(1);
    expect(missing.length).toBeLessThan(generated.length);
  });

  it('writes each series contiguously with increasing timestamps, none after now', () => {
    const last = new Map<string, number>();
    const done = new Set<string>();
    const problems: string[] = [];
    let current = '';
    for (const line of openMetrics.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const [series, , at] = line.split(' ');
      if (series !== current) {
        if (done.has(series)) problems.push(`${series} is split`);
        done.add(current);
        current = series;
      }
      const t = Number(at);
      if (t <= (last.get(series) ?? 0)) problems.push(`${line}: not after`);
      if (t > now.getTime() / 1000) problems.push(`${line}: after now`);
      last.set(series, t);
    }
    expect(problems).toEqual([]);
    expect(last.size).toBeGreaterThan(50);
  });
});

describe('without Prometheus', () => {
  it('says which binary is missing and how to install it, and starts nothing', async () => {
    const dir = join(tmpdir(), 'no-such-prometheus-dir');
    expect(missingPrometheus(dir)).toBe(
      `${join(
        dir,
        'prometheus',
      )} not found: install Debian's prometheus (apt-get install -y prometheus; make start does when it can)`,
    );
    await expect(
      startDemoPrometheus({
        binDir: dir,
        dataDir: join(tmpdir(), 'unused-demo-prometheus'),
        port: 19999,
        openMetrics: '# EOF\n',
      }),
    ).rejects.toThrow(/prometheus not found/);
  });
});

const MISSING = missingPrometheus(process.env.PROMETHEUS_BIN_DIR ?? '/usr/bin');
if (MISSING && process.env.CI === 'true') {
  it('has a Prometheus to test against (CI=true never skips)', () => {
    expect(MISSING).toBeUndefined();
  });
}

(MISSING ? describe.skip : describe)(
  'the demo Prometheus, read by the serving collector',
  () => {
    let prometheus: DemoPrometheus;
    let dataDir: string;
    const realNow = new Date();
    const metrics = demoServingMetrics(models, { now: realNow });

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'demo-prometheus-'));
      const port = await new Promise<number>(resolve => {
        const s = createServer().listen(0, '127.0.0.1', () => {
          const p = (s.address() as any).port;
          s.close(() => resolve(p));
        });
      });
      prometheus = await startDemoPrometheus({
        binDir: process.env.PROMETHEUS_BIN_DIR ?? '/usr/bin',
        dataDir,
        port,
        openMetrics: metrics.openMetrics,
      });
    });

    afterAll(async () => {
      await prometheus?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('gives the serving facts the data set was made with', async () => {
      const collector = new ServingFactCollector(
        readPrometheusKpiConfig(
          new ConfigReader({
            mlGoldenPaths: {
              kpi: { prometheus: { baseUrl: prometheus.baseUrl } },
            },
          }),
        )!,
      );
      const entities = exampleEntities();
      for (const generated of metrics.models) {
        const entity = entities.find(
          e => e.kind === 'Resource' && e.metadata.name === generated.name,
        )!;
        const [result] = await collector.collect(entity, {});
        expect(result.type).toBe('facts');
        const facts = servingFactsSchema.parse((result as any).values);
        expect(facts.requestCount.enoughData).toBe(true);
        // ~30 days at the model's rate.
        expect(facts.requestCount.value / (30 * 1440)).toBeCloseTo(
          generated.requestsPerMinute,
          -1,
        );
        expect(facts.sloAvailabilityAttainment.value).toBeCloseTo(
          1 - generated.errorRatio,
          4,
        );
        expect(facts.costPer1kInferences.value).toBeCloseTo(
          generated.costPer1k,
          2,
        );
        // Latency attainment: below 1 exactly when a stretch was degraded.
        expect(facts.latencySloAttainment.enoughData).toBe(
          facts.latencyP99ObjectiveMs !== null,
        );
        expect(facts.latencySloAttainment.value).toBeLessThanOrEqual(1);
        expect(facts.latencySloAttainment.value < 1).toBe(
          facts.latencyP99ObjectiveMs !== null && generated.degradedShare > 0,
        );
        expect(facts.driftAlertMinutes.value > 0).toBe(
          generated.driftAlertMinutes > 0,
        );
      }
      // A model that serves no traffic in the demo: not enough data.
      const batch = entities.find(
        e => e.kind === 'Resource' && e.metadata.name === 'supplier-lead-time',
      )!;
      const [none] = await collector.collect(batch, {});
      expect((none as any).values.requestCount.enoughData).toBe(false);
    });

    it('stops when asked', async () => {
      const { pid } = prometheus;
      await prometheus.stop();
      expect(() => process.kill(pid, 0)).toThrow();
    });
  },
);
