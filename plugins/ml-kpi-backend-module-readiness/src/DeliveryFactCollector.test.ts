import { createHmac } from 'node:crypto';
import { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
// The real KPI plugin serves the collector in this test.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import mlKpiPlugin from '@ml-golden-paths/plugin-ml-kpi-backend';
import githubWebhookIngressModule from '@ml-golden-paths/plugin-ml-kpi-backend-module-github-events';
import { deliveryFactsSchema } from '@ml-golden-paths/plugin-ml-readiness-common';
import request from 'supertest';
import {
  DeliveryFactCollector,
  noDeliveryFacts,
} from './DeliveryFactCollector';

jest.setTimeout(60_000);

const SECRET = 'delivery-collector-secret';
const DAY = 86_400_000;
const model = (name: string, slug: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'github.com/project-slug': slug },
  },
  spec: { type: 'ai-model', owner: 'group:risk-ml' },
});
const fraud = model('fraud-scoring', 'acme/fraud-scoring');
const churn = model('churn', 'acme/churn');

describe('DeliveryFactCollector against the running ml-kpi plugin', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let collector: DeliveryFactCollector;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        eventsPlugin,
        eventsServiceFactory,
        githubWebhookIngressModule,
        mlKpiPlugin,
        catalogServiceMock.factory({ entities: [fraud, churn] }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.rootConfig.factory({
          data: {
            events: { useEventBus: 'never' },
            mlGoldenPaths: { github: { webhookSecret: SECRET } },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    collector = new DeliveryFactCollector(
      {
        getBaseUrl: async id => `http://localhost:${port}/api/${id}`,
        getExternalBaseUrl: async id => `http://localhost:${port}/api/${id}`,
      },
      mockServices.auth({ pluginId: 'ml-readiness' }),
    );

    // Two successful production deployments 10 and 3 days ago, one failed
    // one 5 days ago: change failure rate 1/3, 2 per 30 days.
    const now = Date.now();
    let n = 0;
    for (const [id, state, daysAgo] of [
      [1, 'success', 10],
      [2, 'failure', 5],
      [3, 'success', 3],
    ] as const) {
      n += 1;
      const body = JSON.stringify({
        repository: { full_name: 'acme/fraud-scoring', default_branch: 'main' },
        deployment_status: {
          state,
          created_at: new Date(now - daysAgo * DAY).toISOString(),
          environment: 'production',
        },
        deployment: {
          id,
          sha: 'a'.repeat(40),
          environment: 'production',
          created_at: new Date(now - daysAgo * DAY).toISOString(),
        },
      });
      const res = await request(backend.server)
        .post('/api/events/http/github')
        .set('content-type', 'application/json')
        .set('x-github-event', 'deployment_status')
        .set('x-github-delivery', `d-${n}`)
        .set(
          'x-hub-signature-256',
          `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
        )
        .send(body);
      if (res.status !== 202) {
        throw new Error(`Delivery d-${n} refused: ${res.status} ${res.text}`);
      }
    }
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('collects the delivery facts of a model with deliveries', async () => {
    const [result] = await collector.collect(fraud, {});
    expect(result.type).toBe('facts');
    const facts = deliveryFactsSchema.parse((result as any).values);
    expect(facts.windowDays).toBe(30);
    expect(facts.changeFailureRate).toEqual({
      enoughData: true,
      value: expect.closeTo(1 / 3, 10),
    });
    expect(facts.deploymentFrequencyPerWeek.value).toBeCloseTo(
      2 / (30 / 7),
      10,
    );
    expect(facts.timeToRestoreHours).toEqual({ enoughData: true, value: 48 });
    expect(facts.pipelineSuccessRate).toEqual({ enoughData: false, value: 0 });
  });

  it('reports "not enough data" for every KPI of a model without deliveries, so KPI checks pass', async () => {
    const [result] = await collector.collect(churn, {});
    expect(result).toEqual({
      type: 'facts',
      factSet: 'delivery',
      values: noDeliveryFacts(30),
    });
    const facts = deliveryFactsSchema.parse((result as any).values);
    expect(
      Object.values(facts).filter(v => typeof v === 'object' && v.enoughData),
    ).toEqual([]);
  });

  it('fails (facts stay as they were) when the KPI plugin is not there, rather than claiming too little data', async () => {
    const { port } = backend.server.address() as AddressInfo;
    const missing = new DeliveryFactCollector(
      {
        getBaseUrl: async () => `http://localhost:${port}/api/no-such-plugin`,
        getExternalBaseUrl: async () =>
          `http://localhost:${port}/api/no-such-plugin`,
      },
      mockServices.auth({ pluginId: 'ml-readiness' }),
    );
    await expect(missing.collect(churn, {})).rejects.toThrow(/404/);
  });

  it('applies to ai-model resources only', () => {
    expect(collector.appliesTo(fraud)).toBe(true);
    expect(
      collector.appliesTo({
        ...fraud,
        kind: 'Component',
        spec: { type: 'service' },
      }),
    ).toBe(false);
  });
});
