import { AddressInfo } from 'node:net';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
// The real KPI plugin and webhook ingress receive the replay in this test.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import mlKpiPlugin from '@ml-golden-paths/plugin-ml-kpi-backend';
import githubWebhookIngressModule from '@ml-golden-paths/plugin-ml-kpi-backend-module-github-events';
import request from 'supertest';
import { exampleEntities } from './__testUtils__/exampleModels';
import { demoModelsFrom } from './demoModels';
import { mlKpiDemoModule } from './module';
import { replayDeliveries } from './replay';
import { demoWebhookHistory } from './webhookHistory';

jest.setTimeout(180_000);

const SECRET = 'development-webhook-secret';
// A model of each kind: elite, medium, low cadence, too little data, not in production.
const NAMES = [
  'id-document-verification',
  'credit-default-risk',
  'store-demand-forecast',
  'search-query-understanding',
  'supplier-lead-time',
];
const entities = exampleEntities().filter(
  e => e.kind === 'Resource' && NAMES.includes(e.metadata.name),
);

describe('mlKpiDemoModule', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let port = 0;

  const get = (path: string) =>
    request(backend.server)
      .get(path)
      .set('Authorization', mockCredentials.user.header());

  async function settledCounters() {
    let last = '';
    for (let i = 0; i < 240; i++) {
      const { body } = await get('/api/ml-kpi/ingest');
      const now = JSON.stringify(body);
      if (body.deliveries > 0 && now === last) {
        return body;
      }
      last = now;
      await new Promise(r => setTimeout(r, 1000));
    }
    throw new Error(`The replay did not settle: ${last}`);
  }

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        eventsPlugin,
        eventsServiceFactory,
        githubWebhookIngressModule,
        mlKpiPlugin,
        mlKpiDemoModule,
        catalogServiceMock.factory({ entities }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        // The module asks for the events endpoint once the catalog is
        // ready, by then the test server's port is known.
        createServiceFactory({
          service: coreServices.discovery,
          deps: {},
          factory: () => ({
            getBaseUrl: async (id: string) =>
              `http://localhost:${port}/api/${id}`,
            getExternalBaseUrl: async (id: string) =>
              `http://localhost:${port}/api/${id}`,
          }),
        }),
        mockServices.rootConfig.factory({
          data: {
            events: { useEventBus: 'never' },
            mlGoldenPaths: {
              github: { webhookSecret: SECRET },
              kpi: { demo: { replay: true } },
            },
          },
        }),
      ],
    });
    port = (backend.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('replays the history through the signed webhook endpoint on startup, and KPIs appear', async () => {
    const models = demoModelsFrom(entities);
    expect(models.map(m => m.name).sort()).toEqual([...NAMES].sort());
    const body = await settledCounters();
    const expected = models
      .map(m => demoWebhookHistory(m, { now: new Date() }).length)
      .reduce((a, b) => a + b, 0);
    // Deliveries at the very edge of "now" may differ by one or two.
    expect(Math.abs(body.deliveries - expected)).toBeLessThanOrEqual(3);
    expect(body.counters).toMatchObject({ stored: body.deliveries });
    for (const refused of ['unmatched', 'malformed', 'rejected', 'duplicate']) {
      expect(body.counters[refused] ?? 0).toBe(0);
    }

    const kpis = async (name: string) => {
      const res = await get(`/api/ml-kpi/models/default/${name}`);
      expect(res.status).toBe(200);
      return res.body.kpis;
    };
    const elite = await kpis('id-document-verification');
    for (const key of [
      'deploymentFrequency',
      'leadTime',
      'changeFailureRate',
      'pipelineSuccessRate',
    ]) {
      expect(elite[key]).toMatchObject({ state: 'value' });
    }
    expect(elite.deploymentFrequency.value).toBeGreaterThan(2);
    expect(elite.deploymentFrequency.band).toBeDefined();
    expect(elite.pipelineSuccessRate.value).toBeGreaterThan(0.8);

    const sparse = await kpis('search-query-understanding');
    expect(sparse.changeFailureRate).toMatchObject({
      state: 'insufficient-data',
    });
    const notLive = await kpis('supplier-lead-time');
    expect(notLive.deploymentFrequency).toMatchObject({
      state: 'insufficient-data',
    });
  });

  it('stores nothing new when the history is replayed again', async () => {
    const before = await settledCounters();
    const histories = demoModelsFrom(entities).map(m =>
      demoWebhookHistory(m, { now: new Date() }),
    );
    const result = await replayDeliveries({
      url: `http://localhost:${port}/api/events/http/github`,
      secret: SECRET,
      histories,
    });
    expect(result.refusedCount).toBe(0);
    expect(result.accepted).toBeGreaterThan(500);
    const after = await settledCounters();
    expect(after.deliveries).toBe(before.deliveries);
    expect(after.counters.stored).toBe(before.counters.stored);
    expect(after.counters.duplicate).toBe(result.accepted);
  });

  it('is refused, and stores nothing, when signed with another secret', async () => {
    const before = await settledCounters();
    const [history] = demoModelsFrom(entities).map(m =>
      demoWebhookHistory(m, { now: new Date(), seed: 'forged' }),
    );
    const result = await replayDeliveries({
      url: `http://localhost:${port}/api/events/http/github`,
      secret: 'not-the-secret',
      histories: [history.slice(0, 5)],
    });
    expect(result.accepted).toBe(0);
    expect(result.refused[0]).toMatchObject({ status: 401 });
    const after = await settledCounters();
    expect(after.deliveries).toBe(before.deliveries);
    expect(after.counters.rejected).toBe(5);
  });
});
