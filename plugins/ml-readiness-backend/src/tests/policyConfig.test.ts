import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  defaultPolicy,
  deliveryFactSet,
  deliveryKpiChecks,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import {
  readinessChecksExtensionPoint,
  readinessCollectorsExtensionPoint,
} from '@ml-golden-paths/plugin-ml-readiness-node';
import request from 'supertest';
import { mlReadinessPlugin } from '../plugin';

jest.setTimeout(60_000);

const check = {
  id: 'owner-is-team',
  title: 'Owned by a team',
  category: 'ownership-documentation',
  level: 'bronze',
  facts: ['entity'],
  rule: 'entity.owner.startsWith("group:")',
  description: 'The owner is a group.',
  freshness: '2d',
  remediation: 'Make a group the owner.',
  goldenPathLink: 'templates/golden-paths',
};

/** A module contributing the delivery KPI checks (and, optionally, their facts). */
const kpiModule = (withCollector: boolean) =>
  createBackendModule({
    pluginId: 'ml-readiness',
    moduleId: 'test-kpi-checks',
    register(reg) {
      reg.registerInit({
        deps: {
          checks: readinessChecksExtensionPoint,
          collectors: readinessCollectorsExtensionPoint,
        },
        async init({ checks, collectors }) {
          if (withCollector) {
            collectors.addCollector({
              id: 'test-delivery',
              factSets: [deliveryFactSet],
              appliesTo: () => true,
              collect: async () => [],
            });
          }
          checks.addChecks(...deliveryKpiChecks);
        },
      });
    },
  });

function start(readiness: Record<string, any>, extra: any[] = []) {
  return startTestBackend({
    features: [
      mlReadinessPlugin,
      ...extra,
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: { mlGoldenPaths: { readiness } },
      }),
    ],
  });
}

describe('policy from config', () => {
  it('refuses to start on a bad rule, naming the check and position', async () => {
    await expect(
      start({ policy: { checks: [{ ...check, rule: 'entity.owner ==' }] } }),
    ).rejects.toThrow(
      `check 'owner-is-team' (#${
        defaultPolicy.length + 1
      }), field 'rule': syntax error at line 1, column 16`,
    );
  });

  it('refuses to start on a bad policy file, naming the file and field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readiness-policy-'));
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, 'mode: replace\nchecks:\n  - id: x\n');
    await expect(start({ policyFile: file })).rejects.toThrow(
      /check 'x' \(#1\), field 'title': Required/,
    );
    await expect(
      start({ policyFile: join(dir, 'missing.yaml') }),
    ).rejects.toThrow(
      /Invalid config mlGoldenPaths.readiness.policyFile: cannot read/,
    );
  });

  it('serves the policy extended from config and a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readiness-policy-'));
    const file = join(dir, 'policy.yaml');
    writeFileSync(
      file,
      'disabledChecks: [lineage-pipeline]\ntierLevels:\n  "3": silver\n',
    );
    const { server } = await start({
      policy: { checks: [check] },
      policyFile: file,
    });
    const res = await request(server)
      .get('/api/ml-readiness/policy')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const ids = res.body.checks.map((c: any) => c.id);
    expect(ids).toContain('owner-is-team');
    expect(ids).not.toContain('lineage-pipeline');
    expect(res.body.tierLevels).toEqual({
      1: 'gold',
      2: 'silver',
      3: 'silver',
    });
  });

  it('makes checks a module adds part of the default policy, which config may drop', async () => {
    const { server } = await start(
      { policy: { disabledChecks: ['kpi-time-to-detect'] } },
      [kpiModule(true)],
    );
    const res = await request(server)
      .get('/api/ml-readiness/policy')
      .set('Authorization', mockCredentials.user.header());
    const ids: string[] = res.body.checks.map((c: any) => c.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'kpi-change-failure-rate',
        'kpi-time-to-restore',
        'kpi-pipeline-success-rate',
      ]),
    );
    expect(ids).not.toContain('kpi-time-to-detect');
    expect(ids).toHaveLength(
      defaultPolicy.length + deliveryKpiChecks.length - 1,
    );
  });

  it('refuses to start when an added check reads facts no collector produces', async () => {
    await expect(start({}, [kpiModule(false)])).rejects.toThrow(
      /check 'kpi-change-failure-rate' .*unknown fact set 'delivery'/,
    );
  });
});
