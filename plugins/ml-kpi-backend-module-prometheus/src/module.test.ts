import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  CheckDefinition,
  FactCollector,
  readinessChecksExtensionPoint,
  readinessCollectorsExtensionPoint,
} from '@ml-golden-paths/plugin-ml-readiness-node';
import { mlKpiPrometheusModule } from './module';

const checks: CheckDefinition[] = [];

async function start(data: object) {
  const added: FactCollector[] = [];
  checks.length = 0;
  const backend = await startTestBackend({
    extensionPoints: [
      [
        readinessCollectorsExtensionPoint,
        { addCollector: (...c: FactCollector[]) => added.push(...c) },
      ],
      [
        readinessChecksExtensionPoint,
        { addChecks: (...c: CheckDefinition[]) => checks.push(...c) },
      ],
    ],
    features: [
      mlKpiPrometheusModule,
      mockServices.rootConfig.factory({ data }),
    ],
  });
  await backend.stop();
  return added;
}

describe('mlKpiPrometheusModule', () => {
  it('adds the serving collector when a base URL is configured', async () => {
    const added = await start({
      mlGoldenPaths: { kpi: { prometheus: { baseUrl: 'http://127.0.0.1:9' } } },
    });
    expect(added.map(c => [c.id, c.factSets.map(f => f.id)])).toEqual([
      ['ml-kpi-prometheus', ['serving']],
    ]);
    expect(checks.map(c => [c.id, c.tiers, c.facts])).toEqual([
      ['kpi-availability-slo', [1], ['serving']],
      ['kpi-latency-slo', [1], ['serving']],
    ]);
  });

  it('takes the SLO targets per tier from mlGoldenPaths.kpi.targets', async () => {
    await start({
      mlGoldenPaths: {
        kpi: {
          prometheus: { baseUrl: 'http://127.0.0.1:9' },
          targets: {
            availabilitySloAttainment: { tier1: 0.9995, tier2: 0.999 },
            latencySloAttainment: {},
          },
        },
      },
    });
    expect(checks.map(c => [c.id, c.tiers])).toEqual([
      ['kpi-availability-slo', [1, 2]],
    ]);
    expect(checks[0].rule).toContain('entity.tier == 1 ? 0.9995 : 0.999');
  });

  it('refuses a bad SLO target, naming the field', async () => {
    await expect(
      start({
        mlGoldenPaths: {
          kpi: {
            prometheus: { baseUrl: 'http://127.0.0.1:9' },
            targets: { availabilitySloAttainment: { tier1: 99.9 } },
          },
        },
      }),
    ).rejects.toThrow(
      'mlGoldenPaths.kpi.targets.availabilitySloAttainment.tier1: must be a ratio from 0 to 1',
    );
  });

  it('adds nothing without a base URL', async () => {
    await expect(start({})).resolves.toEqual([]);
    expect(checks).toEqual([]);
  });

  it('refuses to start with a bad template, naming the key', async () => {
    await expect(
      start({
        mlGoldenPaths: {
          kpi: {
            prometheus: {
              baseUrl: 'http://127.0.0.1:9',
              queries: { requests: 'sum(x{job="{{entity.spec.owner}}"})' },
            },
          },
        },
      }),
    ).rejects.toThrow(
      /mlGoldenPaths.kpi.prometheus.queries.requests uses unknown placeholder/,
    );
  });
});
