import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { defaultPolicy } from '@ml-golden-paths/plugin-ml-readiness-common';
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

function start(readiness: Record<string, any>) {
  return startTestBackend({
    features: [
      mlReadinessPlugin,
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
});
