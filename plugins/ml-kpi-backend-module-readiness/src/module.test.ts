import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { CheckDefinition } from '@ml-golden-paths/plugin-ml-readiness-common';
import {
  FactCollector,
  readinessChecksExtensionPoint,
  readinessCollectorsExtensionPoint,
} from '@ml-golden-paths/plugin-ml-readiness-node';
import { mlKpiReadinessModule } from './module';

/** A stand-in readiness plugin that records what modules register. */
function recordingReadinessPlugin() {
  const seen = {
    collectors: [] as FactCollector[],
    checks: [] as CheckDefinition[],
  };
  const plugin = createBackendPlugin({
    pluginId: 'ml-readiness',
    register(env) {
      env.registerExtensionPoint(readinessCollectorsExtensionPoint, {
        addCollector: (...c) => seen.collectors.push(...c),
      });
      env.registerExtensionPoint(readinessChecksExtensionPoint, {
        addChecks: (...c) => seen.checks.push(...c),
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
  return { plugin, seen };
}

describe('mlKpiReadinessModule', () => {
  it('adds the delivery collector and the delivery KPI checks with the configured targets', async () => {
    const { plugin, seen } = recordingReadinessPlugin();
    const backend = await startTestBackend({
      features: [
        plugin,
        mlKpiReadinessModule,
        mockServices.rootConfig.factory({
          data: {
            mlGoldenPaths: {
              kpi: {
                targets: {
                  changeFailureRate: { tier1: 0.1 },
                  timeToDetectMinutes: { tier1: 30, tier2: 120 },
                },
              },
            },
          },
        }),
      ],
    });
    expect(seen.collectors.map(c => c.id)).toEqual(['ml-kpi-delivery']);
    expect(seen.checks.map(c => [c.id, c.tiers])).toEqual([
      ['kpi-change-failure-rate', [1]],
      ['kpi-time-to-restore', [1]],
      ['kpi-time-to-detect', [1, 2]],
      ['kpi-pipeline-success-rate', [1, 2]],
    ]);
    expect(seen.checks[0].rule).toContain('< 0.1');
    expect(seen.checks[2].rule).toContain('entity.tier == 1 ? 30.0 : 120.0');
    await backend.stop();
  });

  it('stops startup naming the bad target', async () => {
    const { plugin } = recordingReadinessPlugin();
    await expect(
      startTestBackend({
        features: [
          plugin,
          mlKpiReadinessModule,
          mockServices.rootConfig.factory({
            data: {
              mlGoldenPaths: {
                kpi: { targets: { pipelineSuccessRate: { tier2: 95 } } },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      'mlGoldenPaths.kpi.targets.pipelineSuccessRate.tier2: must be a ratio from 0 to 1',
    );
  });
});
