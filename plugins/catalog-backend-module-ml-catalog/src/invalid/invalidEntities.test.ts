import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  InvalidMlEntitiesResponse,
  makeAiModelFixture,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { stringify } from 'yaml';
import { catalogModuleMlCatalog } from '../module';

jest.setTimeout(90_000);

function modelYaml(name: string, owner: string, tier: unknown): string {
  const model = makeAiModelFixture({ name, mlops: { tier } as never });
  return stringify({
    ...model,
    metadata: { ...model.metadata, title: `Model ${name}` },
    spec: { ...model.spec, owner },
  });
}

const datasetYaml = stringify({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'bad-dataset' },
  spec: { type: 'dataset', owner: 'group:data-eng', dataset: 'not an object' },
});

describe('GET /api/catalog/ml/invalid-entities against the real catalog', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let tmp: string;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlcat-invalid-'));
  });
  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it.each(databases.eachSupportedId())(
    'lists a model with a bad tier registered through a location, names the field, filters by owner and drops it once fixed, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const modelFile = path.join(tmp, 'model', 'catalog-info.yaml');
      const otherFile = path.join(tmp, 'other', 'catalog-info.yaml');
      fs.mkdirSync(path.dirname(modelFile));
      fs.mkdirSync(path.dirname(otherFile));
      fs.writeFileSync(modelFile, modelYaml('fraud-scoring', 'risk-ml', 7));
      fs.writeFileSync(
        otherFile,
        `${modelYaml(
          'churn',
          'group:default/growth-ml',
          'high',
        )}---\n${datasetYaml}`,
      );

      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleMlCatalog,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                processingInterval: { seconds: 1 },
                rules: [{ allow: ['Resource', 'Component', 'Location'] }],
                locations: [
                  { type: 'file', target: modelFile },
                  { type: 'file', target: otherFile },
                ],
              },
            },
          }),
        ],
      });
      const base = `http://localhost:${backend.server.port()}/api/catalog`;
      const list = async (query = '', headers: Record<string, string> = {}) => {
        const response = await fetch(`${base}/ml/invalid-entities${query}`, {
          headers,
        });
        return {
          status: response.status,
          body: (await response.json()) as InvalidMlEntitiesResponse & {
            error?: { message: string };
          },
        };
      };
      const waitFor = async <T>(fn: () => Promise<T | undefined>) => {
        for (let i = 0; i < 600; i++) {
          const value = await fn();
          if (value !== undefined) return value;
          await new Promise(r => setTimeout(r, 100));
        }
        throw new Error('timed out waiting for the catalog');
      };

      try {
        const all = await waitFor(async () => {
          const { body } = await list();
          return body.items?.length === 3 ? body : undefined;
        });
        expect(all.truncated).toBe(false);
        expect(all.items.map(i => i.entityRef)).toEqual([
          'resource:default/bad-dataset',
          'resource:default/churn',
          'resource:default/fraud-scoring',
        ]);
        const fraud = all.items.find(
          i => i.entityRef === 'resource:default/fraud-scoring',
        )!;
        expect(fraud).toEqual({
          entityRef: 'resource:default/fraud-scoring',
          kind: 'Resource',
          type: 'ai-model',
          title: 'Model fraud-scoring',
          owner: 'group:default/risk-ml',
          location: `file:${modelFile}`,
          issues: [{ field: 'spec.mlops.tier', message: 'expected 1, 2 or 3' }],
          errors: [
            {
              name: 'InputError',
              message:
                'Invalid ai-model entity: spec.mlops.tier: expected 1, 2 or 3',
            },
          ],
        });
        expect(
          all.items.find(i => i.entityRef === 'resource:default/bad-dataset'),
        ).toMatchObject({
          type: 'dataset',
          owner: 'group:default/data-eng',
          issues: [expect.objectContaining({ field: 'spec.dataset' })],
        });

        // Filtered by owner: a bare name means a group in the default namespace.
        const mine = await list('?owner=risk-ml');
        expect(mine.status).toBe(200);
        expect(mine.body.items.map(i => i.entityRef)).toEqual([
          'resource:default/fraud-scoring',
        ]);
        const two = await list(
          '?owner=group:default/growth-ml&owner=group:default/data-eng',
        );
        expect(two.body.items.map(i => i.entityRef)).toEqual([
          'resource:default/bad-dataset',
          'resource:default/churn',
        ]);
        expect((await list('?owner=group:default/nobody')).body.items).toEqual(
          [],
        );

        // The owner fixes the tier: the model leaves the list and appears in the catalog.
        fs.writeFileSync(modelFile, modelYaml('fraud-scoring', 'risk-ml', 1));
        await waitFor(async () => {
          const { body } = await list('?owner=risk-ml');
          return body.items?.length === 0 ? true : undefined;
        });
        const entity = await waitFor(async () => {
          const response = await fetch(
            `${base}/entities/by-name/resource/default/fraud-scoring`,
          );
          return response.ok ? response.json() : undefined;
        });
        expect(entity.spec.mlops.tier).toBe(1);
        expect((await list()).body.items).toHaveLength(2);

        // Bad input and missing credentials.
        const bad = await list('?owner=group:');
        expect(bad.status).toBe(400);
        expect(bad.body.error!.message).toBe(
          'Invalid query parameter owner: must be an entity ref such as group:default/risk-ml',
        );
        const unknown = await list('?limit=5');
        expect(unknown.status).toBe(400);
        expect(unknown.body.error!.message).toBe(
          'Invalid query: unknown parameter limit',
        );
        const anonymous = await list('', {
          Authorization: mockCredentials.none.header(),
        });
        expect(anonymous.status).toBe(401);
        const service = await list('', {
          Authorization: mockCredentials.service.header(),
        });
        expect(service.status).toBe(200);
      } finally {
        await backend.stop();
      }
    },
  );
});
