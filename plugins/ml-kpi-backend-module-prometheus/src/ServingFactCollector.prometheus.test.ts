import { AddressInfo, createServer } from 'node:net';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { servingFactsSchema } from '@ml-golden-paths/plugin-ml-readiness-common';
import { readPrometheusKpiConfig } from './config';
import { ServingFactCollector } from './ServingFactCollector';
import {
  prometheusBinaries,
  RunningPrometheus,
  startPrometheus,
} from './__testUtils__/realPrometheus';

/*
 * Synthetic series, one sample a minute from S = T − 1 day to T inclusive
 * (1,441 samples), so every `[1d]` range at T holds samples exactly at both
 * ends and increase()/rate() need no extrapolation: the hand-computed values
 * below are exact.
 */
const T = Date.parse('2026-01-10T00:00:00Z') / 1000;
const MINUTES = 1440;
const S = T - MINUTES * 60;
/** Phase change of the latency histogram: T − 6 h (minute 1080). */
const B = 1080;

type Labels = Record<string, string>;
const fmt = (labels: Labels) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');

function family(
  name: string,
  series: Array<{
    labels: Labels;
    value: (minute: number) => number | undefined;
  }>,
): string {
  const lines = [`# TYPE ${name} gauge`];
  for (const { labels, value } of series) {
    for (let m = 0; m <= MINUTES; m++) {
      const v = value(m);
      if (v !== undefined) {
        lines.push(`${name}{${fmt(labels)}} ${v} ${S + m * 60}`);
      }
    }
  }
  return lines.join('\n');
}

const fraud = { job: 'fraud-scorer', route: '/predict' };
const firing = (from: number, to: number) => (m: number) =>
  m >= from && m <= to ? 1 : undefined;

function openMetrics(): string {
  const buckets = ['0.05', '0.1', '0.25', '0.5', '1', '+Inf'];
  return [
    family('mlapp_http_requests_total', [
      // 100 successful requests a minute → 144,000 in the window.
      { labels: { ...fraud, code: '200' }, value: m => 5000 + 100 * m },
      // 1 server error a minute → 1,440 in the window.
      { labels: { ...fraud, code: '500' }, value: m => 7 + m },
      // A model under minRequests: 50 requests in the window.
      {
        labels: { job: 'low-traffic', route: '/predict', code: '200' },
        value: m => (m < 1000 ? 0 : 50),
      },
    ]),
    family('mlapp_serving_cost_total', [
      // 0.02 a minute → 28.8 in the window.
      { labels: { job: 'fraud-scorer' }, value: m => 10 + 0.02 * m },
    ]),
    family(
      'mlapp_http_request_duration_seconds_bucket',
      // Until minute B all 100 requests a minute take 0.05–0.1 s, after it
      // 0.5–1 s. Cumulative bucket counts:
      buckets.map(le => ({
        labels: { ...fraud, le },
        value: (m: number) => {
          if (le === '0.05') return 0;
          if (le === '1' || le === '+Inf') return 100 * m;
          return 100 * Math.min(m, B);
        },
      })),
    ),
    family('ALERTS', [
      {
        labels: {
          alertname: 'ModelFeatureDrift',
          alertstate: 'firing',
          model: 'fraud-scorer',
          severity: 'ticket',
        },
        value: firing(100, 129),
      },
      {
        labels: {
          alertname: 'ModelPredictionShift',
          alertstate: 'firing',
          model: 'fraud-scorer',
          severity: 'ticket',
        },
        value: firing(120, 139),
      },
      // Pending is not firing; another model's alerts are not this model's.
      {
        labels: {
          alertname: 'ModelFeatureDrift',
          alertstate: 'pending',
          model: 'fraud-scorer',
          severity: 'ticket',
        },
        value: firing(90, 99),
      },
      {
        labels: {
          alertname: 'ModelFeatureDrift',
          alertstate: 'firing',
          model: 'other-model',
          severity: 'ticket',
        },
        value: firing(300, 899),
      },
      {
        labels: {
          alertname: 'ModelInputValidationErrors',
          alertstate: 'firing',
          model: 'fraud-scorer',
          severity: 'ticket',
        },
        value: firing(600, 609),
      },
    ]),
    '# EOF\n',
  ].join('\n');
}

function model(name: string, slo?: object): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default' },
    spec: { type: 'ai-model', owner: 'group:default/team-a', mlops: { slo } },
  };
}

function collector(baseUrl: string, queries: Record<string, string> = {}) {
  const config = readPrometheusKpiConfig(
    new ConfigReader({
      mlGoldenPaths: {
        kpi: { prometheus: { baseUrl, windowDays: 1, queries } },
      },
    }),
  )!;
  // One second after T: the collector aligns the window's end to the minute.
  return new ServingFactCollector(config, () => new Date(T * 1000 + 1000));
}

async function facts(c: ServingFactCollector, entity: Entity) {
  const [result] = await c.collect(entity, {});
  if (result.type !== 'facts') {
    throw new Error(`expected facts, got ${JSON.stringify(result)}`);
  }
  return servingFactsSchema.parse(result.values);
}

const binaries = prometheusBinaries();
const MISSING =
  "prometheus/promtool not found in /usr/bin (or PROMETHEUS_BIN_DIR): install Debian's package with `apt-get install -y prometheus` (scripts/bootstrap.sh --with-python does)";

if (!binaries && process.env.CI === 'true') {
  it('has a Prometheus to test against (CI=true never skips)', () => {
    expect(MISSING).toBe('prometheus installed');
  });
} else if (!binaries) {
  // eslint-disable-next-line no-console
  console.warn(`Skipping the real-Prometheus tests: ${MISSING}`);
}

(binaries ? describe : describe.skip)(
  'ServingFactCollector against a real Prometheus',
  () => {
    let prometheus: RunningPrometheus;

    beforeAll(async () => {
      prometheus = await startPrometheus(openMetrics());
    }, 120_000);

    afterAll(async () => {
      await prometheus?.stop();
    });

    it('computes the serving facts of a model with traffic, by hand', async () => {
      const values = await facts(
        collector(prometheus.baseUrl),
        model('fraud-scorer', { latencyP99Ms: 250, availability: 99.9 }),
      );
      expect(values.windowDays).toBe(1);
      expect(values.availabilityObjective).toBeCloseTo(0.999, 12);
      expect(values.latencyP99ObjectiveMs).toBe(250);
      // 144,000 + 1,440 requests.
      expect(values.requestCount.enoughData).toBe(true);
      expect(values.requestCount.value).toBeCloseTo(145_440, 6);
      // 1 − 1,440 / 145,440.
      expect(values.sloAvailabilityAttainment.enoughData).toBe(true);
      expect(values.sloAvailabilityAttainment.value).toBeCloseTo(
        144_000 / 145_440,
        12,
      );
      // Points every 5 min from S to T; the one at S has no rate (one
      // sample). 216 points up to T − 6 h have p99 = 0.0995 s ≤ 0.25 s; the 72
      // after it have p99 = 0.995 s: 216 / 288.
      expect(values.latencySloAttainment).toEqual({
        enoughData: true,
        value: 0.75,
      });
      // 28.8 / 145,440 × 1,000.
      expect(values.costPer1kInferences.enoughData).toBe(true);
      expect(values.costPer1kInferences.value).toBeCloseTo(
        (28.8 / 145_440) * 1000,
        9,
      );
      // Drift alerts fire in minutes 100–129 and 120–139. Backfilled series
      // have no staleness markers, so each sample stays visible for the
      // 5-minute lookback: minutes 100–144 are covered, 45 in all (a live
      // Prometheus marks resolved alerts stale: it would count 40). Pending
      // and other models' alerts are excluded.
      expect(values.driftAlertMinutes).toEqual({ enoughData: true, value: 45 });
      // Minutes 600–609 plus the 5-minute lookback: 600–614.
      expect(values.dataQualityAlertMinutes).toEqual({
        enoughData: true,
        value: 15,
      });
    });

    it("counts latency attainment against the model's own objective", async () => {
      const values = await facts(
        collector(prometheus.baseUrl),
        model('fraud-scorer', { latencyP99Ms: 1000 }),
      );
      expect(values.latencySloAttainment).toEqual({
        enoughData: true,
        value: 1,
      });
      expect(values.availabilityObjective).toBeNull();
    });

    it('says "not enough data", never a bad value, for a model without an objective or traffic', async () => {
      const c = collector(prometheus.baseUrl);
      const noObjective = await facts(c, model('fraud-scorer'));
      expect(noObjective.latencyP99ObjectiveMs).toBeNull();
      expect(noObjective.latencySloAttainment).toEqual({
        enoughData: false,
        value: 0,
      });

      const unknown = await facts(
        c,
        model('quiet-model', { latencyP99Ms: 200 }),
      );
      for (const key of [
        'requestCount',
        'sloAvailabilityAttainment',
        'latencySloAttainment',
        'costPer1kInferences',
        'driftAlertMinutes',
        'dataQualityAlertMinutes',
      ] as const) {
        expect([key, unknown[key]]).toEqual([
          key,
          { enoughData: false, value: 0 },
        ]);
      }

      // 50 requests is traffic, but below minRequests (100).
      const low = await facts(c, model('low-traffic'));
      expect(low.requestCount).toEqual({ enoughData: true, value: 50 });
      expect(low.sloAvailabilityAttainment.enoughData).toBe(false);
      expect(low.costPer1kInferences.enoughData).toBe(false);
      expect(low.driftAlertMinutes).toEqual({ enoughData: true, value: 0 });
    });

    it('names the query and model when Prometheus rejects a template', async () => {
      const c = collector(prometheus.baseUrl, {
        servingCost:
          'sum(increase(mlapp_serving_cost_total{job="{{model}}"}[{{window}}])',
      });
      await expect(c.collect(model('fraud-scorer'), {})).rejects.toThrow(
        /Prometheus query 'servingCost \(default\/fraud-scorer\)' failed: HTTP 400 bad_data/,
      );
    });

    it('refuses a template that yields more than one series', async () => {
      const c = collector(prometheus.baseUrl, {
        requests:
          'increase(mlapp_http_requests_total{job="{{model}}"}[{{window}}])',
      });
      await expect(c.collect(model('fraud-scorer'), {})).rejects.toThrow(
        /'requests \(default\/fraud-scorer\)' failed: expected at most one series, got 2/,
      );
    });

    it('never sends an entity value that could break out of the label matcher', async () => {
      const c = collector(prometheus.baseUrl);
      const evil = model('x"} or vector(1) or up{a="');
      const [result] = await c.collect(evil, {});
      expect(result).toEqual({
        type: 'unavailable',
        factSet: 'serving',
        reason: expect.stringMatching(
          /metadata.name .* cannot be used in a PromQL label matcher/,
        ),
      });
    });
  },
);

describe('ServingFactCollector without a Prometheus', () => {
  it('reports the serving facts unavailable, saying why, when nothing listens at the base URL', async () => {
    // A loopback port that was free a moment ago: nothing listens there.
    const closed = createServer();
    await new Promise<void>(r => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise(r => closed.close(r));
    const results = await collector(`http://127.0.0.1:${port}`).collect(
      model('fraud-scorer', { availability: 99.9 }),
      {},
    );
    expect(results).toEqual([
      {
        type: 'unavailable',
        factSet: 'serving',
        reason: expect.stringMatching(
          /^Prometheus is not reachable: .*could not reach http:\/\/127\.0\.0\.1:\d+.*\(ECONNREFUSED\)/,
        ),
      },
    ]);
  });
});
