import {
  coreServices,
  createBackendModule,
  DatabaseService,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { makeAiModelFixture } from '@ml-golden-paths/plugin-ml-catalog-common';
import { catalogModuleMlCatalog } from './module';

jest.setTimeout(60_000);

const entity = (kind: string, name: string, spec: JsonObject): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name,
    annotations: {
      'backstage.io/managed-by-location': 'url:https://example.com/test',
      'backstage.io/managed-by-origin-location': 'url:https://example.com/test',
    },
  },
  spec,
});

function withLocation(e: Entity): Entity {
  return entity(e.kind, e.metadata.name, e.spec!);
}

const seed: Entity[] = [
  withLocation(makeAiModelFixture()),
  withLocation(
    makeAiModelFixture({ name: 'broken-model', mlops: { tier: 9 } }),
  ),
  entity('Resource', 'card-transactions', {
    type: 'dataset',
    owner: 'group:risk-ml',
  }),
  entity('Component', 'fraud-scoring-service', {
    type: 'model-server',
    owner: 'group:risk-ml',
    lifecycle: 'production',
    serving: { models: ['resource:fraud-scoring'] },
  }),
];

describe('catalogModuleMlCatalog in a running catalog', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'validates ML entities, reports errors by field and emits lineage relations on %s',
    async databaseId => {
      const testDatabase = await databases.init(databaseId);
      let connection: EntityProviderConnection | undefined;
      let knex: Awaited<ReturnType<DatabaseService['getClient']>> | undefined;
      const testModule = createBackendModule({
        pluginId: 'catalog',
        moduleId: 'ml-catalog-test-feed',
        register(env) {
          env.registerInit({
            deps: {
              catalog: catalogProcessingExtensionPoint,
              database: coreServices.database,
            },
            async init({ catalog, database }) {
              catalog.addEntityProvider({
                getProviderName: () => 'test-feed',
                connect: async c => {
                  connection = c;
                },
              });
              knex = await database.getClient();
            },
          });
        },
      });

      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleMlCatalog,
          testModule,
          mockServices.database.factory({ knex: testDatabase }),
          mockServices.rootConfig.factory({
            data: { catalog: { processingInterval: { seconds: 1 } } },
          }),
        ],
      });
      try {
        await connection!.applyMutation({
          type: 'full',
          entities: seed.map(e => ({ entity: e, locationKey: 'test' })),
        });

        const fetchEntity = async (ref: string) => {
          const response = await fetch(
            `http://localhost:${backend.server.port()}/api/catalog/entities/by-name/${ref}`,
          );
          return response.ok ? ((await response.json()) as Entity) : undefined;
        };
        const waitFor = async <T>(fn: () => Promise<T | undefined>) => {
          for (let i = 0; i < 200; i++) {
            const value = await fn();
            if (value) return value;
            await new Promise(r => setTimeout(r, 100));
          }
          throw new Error('timed out waiting for the catalog');
        };

        const model = await waitFor(async () => {
          const e = await fetchEntity('resource/default/fraud-scoring');
          return e?.relations?.some(r => r.type === 'dependencyOf')
            ? e
            : undefined;
        });
        const relations = model
          .relations!.map(r => `${r.type} ${r.targetRef}`)
          .sort();
        expect(relations).toEqual(
          expect.arrayContaining([
            'ownedBy group:default/risk-ml',
            'partOf system:default/fraud-platform',
            'dependsOn resource:default/card-transactions',
            'dependsOn component:default/fraud-training-pipeline',
            'dependencyOf component:default/fraud-scoring-service',
          ]),
        );

        const dataset = await waitFor(() =>
          fetchEntity('resource/default/card-transactions'),
        );
        expect(
          dataset.relations!.map(r => `${r.type} ${r.targetRef}`),
        ).toContain('dependencyOf resource:default/fraud-scoring');

        // The invalid model is not dropped silently: its processing error names the field.
        const errors = await waitFor(async () => {
          const row = await knex!('refresh_state')
            .where({ entity_ref: 'resource:default/broken-model' })
            .first();
          return row?.errors && row.errors !== '[]'
            ? String(row.errors)
            : undefined;
        });
        expect(errors).toContain('spec.mlops.tier: expected 1, 2 or 3');
        expect(errors).toContain('InputError');
        expect(
          await fetchEntity('resource/default/broken-model'),
        ).toBeUndefined();
      } finally {
        await backend.stop();
      }
    },
  );

  it('refuses to start with an invalid MLflow provider config, naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleMlCatalog,
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                providers: {
                  mlflow: {
                    baseUrl: 'ftp://mlflow.example.com',
                    defaultOwner: 'group:x',
                  },
                },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      'catalog.providers.mlflow.baseUrl: must be an http(s) URL without credentials (use token)',
    );
  });
});
