import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  FactCollector,
  readinessCollectorsExtensionPoint,
} from '@ml-golden-paths/plugin-ml-readiness-node';
import { mlKpiPrometheusModule } from './module';

async function start(data: object) {
  const added: FactCollector[] = [];
  const backend = await startTestBackend({
    extensionPoints: [
      [
        readinessCollectorsExtensionPoint,
        { addCollector: (...c: FactCollector[]) => added.push(...c) },
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
  });

  it('adds nothing without a base URL', async () => {
    await expect(start({})).resolves.toEqual([]);
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
