import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  api,
  GoldenPathBackend,
  startGoldenPathBackend,
  waitForCatalogEntity,
} from '../__testUtils__/goldenPathBackend';

jest.setTimeout(180_000);

const model = (name: string, goldenPath?: object): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default', title: name },
  spec: {
    type: 'ai-model',
    owner: 'group:default/risk-ml',
    mlops: goldenPath ? { goldenPath } : {},
  },
});

describe('golden-path fleet routes (real catalog and scaffolder)', () => {
  let backend: GoldenPathBackend;
  let workDir: string;
  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-fleet-routes-'));
    backend = await startGoldenPathBackend(workDir, {
      extraEntities: [
        model('fleet-current', {
          template: 'online-inference',
          version: '1.0.0',
        }),
        model('fleet-none'),
      ],
    });
    await waitForCatalogEntity(
      backend,
      { kind: 'resource', name: 'fleet-current' },
      120_000,
    );
    await waitForCatalogEntity(
      backend,
      { kind: 'resource', name: 'fleet-none' },
      120_000,
    );
  });
  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('refuses callers without credentials and services', async () => {
    for (const authorization of [
      mockCredentials.none.header(),
      mockCredentials.user.invalidHeader(),
      mockCredentials.service.header(),
    ]) {
      const response = await fetch(
        `${backend.baseUrl}/api/scaffolder/golden-paths/fleet`,
        { headers: { authorization } },
      );
      expect([authorization, [401, 403].includes(response.status)]).toEqual([
        authorization,
        true,
      ]);
    }
  });

  it('lists the models from golden paths against the real release history', async () => {
    const { status, body } = await api(
      backend,
      'GET',
      '/api/scaffolder/golden-paths/fleet',
    );
    expect(status).toBe(200);
    expect(body.latestVersion).toBe('1.0.0');
    expect(body.releases.map((r: any) => r.version)).toEqual(['1.0.0']);
    expect(body.repositories).toContainEqual(
      expect.objectContaining({
        entityRef: 'resource:default/fleet-current',
        version: '1.0.0',
        releasesBehind: 0,
        destination: 'unknown',
      }),
    );
    expect(body.repositories.map((r: any) => r.entityRef)).not.toContain(
      'resource:default/fleet-none',
    );
  });

  it('answers one model, 404 without a golden path, 400 for a bad name', async () => {
    const one = await api(
      backend,
      'GET',
      '/api/scaffolder/golden-paths/models/default/fleet-current',
    );
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ version: '1.0.0', changes: [] });
    const none = await api(
      backend,
      'GET',
      '/api/scaffolder/golden-paths/models/default/fleet-none',
    );
    expect(none.status).toBe(404);
    expect(none.body.error.message).toMatch(/not created from a golden path/);
    const bad = await api(
      backend,
      'GET',
      '/api/scaffolder/golden-paths/models/default/..%2F..%2Fetc',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^name: /);
  });
});
