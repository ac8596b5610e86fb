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
import { mlReadinessModuleGithub } from './module';

describe('mlReadinessModuleGithub', () => {
  it('registers the GitHub collector with the configured schedule', async () => {
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
        mlReadinessModuleGithub,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [{ host: 'github.com', token: 'test-token' }],
            },
            mlGoldenPaths: {
              readinessCollectors: {
                github: {
                  schedule: {
                    frequency: { minutes: 30 },
                    timeout: { minutes: 10 },
                  },
                },
              },
            },
          },
        }),
      ],
    });
    try {
      expect(registered.map(c => [c.id, c.factSets.map(f => f.id)])).toEqual([
        ['github-repository', ['repository', 'repositorySettings']],
      ]);
      expect(registered[0].schedule).toEqual({
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
      });
    } finally {
      await backend.stop();
    }
  });
});
