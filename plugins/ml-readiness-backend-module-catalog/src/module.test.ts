import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  FactCollector,
  readinessCollectorsExtensionPoint,
} from '@ml-golden-paths/plugin-ml-readiness-node';
import { mlReadinessModuleCatalog } from './module';

describe('mlReadinessModuleCatalog', () => {
  it('registers the catalog collector; no schedule unless configured', async () => {
    const registered: FactCollector[] = [];
    const readinessBackend = createBackendPlugin({
      pluginId: 'ml-readiness',
      register(env) {
        env.registerExtensionPoint(readinessCollectorsExtensionPoint, {
          addCollector: (...collectors) => registered.push(...collectors),
        });
        env.registerInit({
          deps: { logger: coreServices.logger },
          async init() {},
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        readinessBackend,
        mlReadinessModuleCatalog,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    try {
      expect(
        registered.map(c => [c.id, c.factSets.map(f => f.id), c.schedule]),
      ).toEqual([['catalog', ['entity'], undefined]]);
    } finally {
      await backend.stop();
    }
  });

  it('refuses an invalid schedule, naming the key', async () => {
    const readinessBackend = createBackendPlugin({
      pluginId: 'ml-readiness',
      register(env) {
        env.registerExtensionPoint(readinessCollectorsExtensionPoint, {
          addCollector: () => {},
        });
        env.registerInit({
          deps: { logger: coreServices.logger },
          async init() {},
        });
      },
    });
    await expect(
      startTestBackend({
        features: [
          readinessBackend,
          mlReadinessModuleCatalog,
          catalogServiceMock.factory(),
          mockServices.rootConfig.factory({
            data: {
              mlGoldenPaths: {
                readinessCollectors: {
                  catalog: { schedule: { frequency: 'often' } },
                },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      /Invalid config mlGoldenPaths\.readinessCollectors\.catalog\.schedule: Invalid duration 'often'/,
    );
  });
});
