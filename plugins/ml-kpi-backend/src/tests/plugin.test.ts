import { createHmac } from 'node:crypto';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import githubWebhookIngressModule from '@ml-golden-paths/plugin-ml-kpi-backend-module-github-events';
import { Knex } from 'knex';
import request from 'supertest';
import { mlKpiPlugin } from '../plugin';

jest.setTimeout(120_000);

const SECRET = 'kpi-webhook-secret-4c2e';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const sha = (n: string) => n.padEnd(40, '0');
const ZERO = '0'.repeat(40);

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

const entities = [
  model('fraud-scoring', 'acme/fraud-scoring'),
  model('churn', 'acme/churn'),
];

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())('ml-kpi on %s', databaseId => {
  let knex: Knex;
  let eventsKnex: Knex;
  let server: any;
  let stop: () => Promise<void>;
  const now = Date.now();
  const at = (offset: number) => new Date(now + offset).toISOString();
  const repository = {
    full_name: 'acme/fraud-scoring',
    default_branch: 'main',
  };

  async function start() {
    const backend = await startTestBackend({
      features: [
        eventsPlugin,
        githubWebhookIngressModule,
        mlKpiPlugin,
        // The real in-process events service (the mock is one per plugin).
        eventsServiceFactory,
        catalogServiceMock.factory({ entities }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        // ml-kpi gets the database under test; the events plugin its own.
        createServiceFactory({
          service: coreServices.database,
          deps: { plugin: coreServices.pluginMetadata },
          factory: ({ plugin }) => ({
            getClient: async () =>
              plugin.getId() === 'ml-kpi' ? knex : eventsKnex,
          }),
        }),
        mockServices.rootConfig.factory({
          data: {
            events: { useEventBus: 'never' },
            mlGoldenPaths: {
              github: { webhookSecret: SECRET },
              kpi: { productionEnvironments: ['production', 'prod'] },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  }

  function deliver(
    event: string,
    payload: unknown,
    deliveryId: string,
    options: { hookId?: string; signWith?: string } = {},
  ) {
    const body = JSON.stringify(payload);
    const signature = createHmac('sha256', options.signWith ?? SECRET)
      .update(body)
      .digest('hex');
    return request(server)
      .post('/api/events/http/github')
      .set('content-type', 'application/json')
      .set('x-github-event', event)
      .set('x-github-delivery', deliveryId)
      .set('x-github-hook-id', options.hookId ?? '77')
      .set('x-hub-signature-256', `sha256=${signature}`)
      .send(body);
  }

  const deploymentStatus = (
    id: number,
    commit: string,
    environment: string,
    state: string,
    when: number,
  ) => ({
    repository,
    deployment_status: { state, created_at: at(when), environment },
    deployment: {
      id,
      sha: sha(commit),
      environment,
      created_at: at(when - HOUR),
    },
  });

  const ingest = async () =>
    (
      await request(server)
        .get('/api/ml-kpi/ingest')
        .set('authorization', mockCredentials.user.header())
    ).body;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    eventsKnex = await databases.init('SQLITE_3');
    await start();
  });

  afterAll(async () => {
    await stop?.();
  });

  it('stores signed deliveries and computes the KPIs they imply', async () => {
    // c0 (−25 d) shipped by d0 (−20 d: the predecessor); c1 (−12 d) and c2
    // (−11 d) shipped by d1 (−10 d): lead time 48 h. An incident opened 1 day
    // after d1 (impact 30 min earlier, closed 2 h later) makes d1 a failure.
    const steps: Array<[string, unknown]> = [
      [
        'push',
        {
          repository,
          ref: 'refs/heads/main',
          before: ZERO,
          after: sha('c0'),
          commits: [{ id: sha('c0'), timestamp: at(-25 * DAY) }],
        },
      ],
      [
        'deployment_status',
        deploymentStatus(1, 'c0', 'production', 'success', -20 * DAY),
      ],
      [
        'push',
        {
          repository,
          ref: 'refs/heads/main',
          before: sha('c0'),
          after: sha('c2'),
          commits: [
            { id: sha('c1'), timestamp: at(-12 * DAY) },
            { id: sha('c2'), timestamp: at(-11 * DAY) },
          ],
        },
      ],
      [
        'deployment_status',
        deploymentStatus(2, 'c2', 'production', 'success', -10 * DAY),
      ],
      [
        'deployment_status',
        deploymentStatus(2, 'c2', 'production', 'inactive', -5 * DAY),
      ],
      ['deployment_status', deploymentStatus(3, 'c2', '', 'success', -4 * DAY)],
      [
        'issues',
        {
          repository,
          action: 'closed',
          issue: {
            id: 9001,
            number: 12,
            created_at: at(-9 * DAY),
            closed_at: at(-9 * DAY + 2 * HOUR),
            body: 'Scores dropped to zero.',
            labels: [
              { name: 'incident' },
              { name: `impact-start:${at(-9 * DAY - 30 * 60_000)}` },
            ],
          },
        },
      ],
    ];
    let n = 0;
    for (const [event, payload] of steps) {
      n += 1;
      const res = await deliver(event, payload, `delivery-${n}`);
      expect(res.status).toBe(202);
    }

    const res = await request(server)
      .get('/api/ml-kpi/models/default/fraud-scoring')
      .set('authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('resource:default/fraud-scoring');
    expect(res.body.ownerRef).toBe('group:default/risk-ml');
    const { kpis } = res.body;
    expect(kpis.deploymentFrequency).toMatchObject({
      state: 'value',
      value: expect.closeTo(2 / (30 / 7), 10),
      samples: 2,
      band: 'medium',
    });
    expect(kpis.leadTime).toMatchObject({
      value: 48,
      samples: 1,
      band: 'high',
    });
    expect(kpis.changeFailureRate).toMatchObject({
      value: 0.5,
      samples: 2,
      band: 'low',
    });
    expect(kpis.timeToRestore).toMatchObject({ value: 2, samples: 1 });
    expect(kpis.timeToDetect).toMatchObject({ value: 30, samples: 1 });
    expect(kpis.pipelineSuccessRate.state).toBe('insufficient-data');
    expect(res.body.daily).toEqual([
      { day: new Date().toISOString().slice(0, 10), kpis },
    ]);
    expect((await ingest()).counters).toMatchObject({ stored: 7 });
  });

  it('stores a redelivery once and keys incidents by issue', async () => {
    const before = await ingest();
    const again = await deliver(
      'deployment_status',
      deploymentStatus(2, 'c2', 'production', 'success', -10 * DAY),
      'delivery-4',
    );
    expect(again.status).toBe(202);
    // The same incident edited: a new delivery, still one incident.
    const edited = await deliver(
      'issues',
      {
        repository,
        action: 'edited',
        issue: {
          id: 9001,
          number: 12,
          created_at: at(-9 * DAY),
          closed_at: at(-9 * DAY + 2 * HOUR),
          labels: [{ name: 'incident' }],
        },
      },
      'delivery-edit',
    );
    expect(edited.status).toBe(202);
    // The same delivery id from another hook is another delivery.
    const otherHook = await deliver(
      'workflow_run',
      {
        repository,
        action: 'completed',
        workflow_run: {
          id: 501,
          head_branch: 'main',
          status: 'completed',
          conclusion: 'success',
          updated_at: at(-HOUR),
        },
      },
      'delivery-4',
      { hookId: '78' },
    );
    expect(otherHook.status).toBe(202);

    const after = await ingest();
    expect(after.deliveries).toBe(before.deliveries + 2);
    expect(after.counters.duplicate).toBe(1);
    const { kpis } = (
      await request(server)
        .get('/api/ml-kpi/models/default/fraud-scoring')
        .set('authorization', mockCredentials.user.header())
    ).body;
    expect(kpis.changeFailureRate).toMatchObject({ value: 0.5, samples: 2 });
    expect(kpis.deploymentFrequency).toMatchObject({ samples: 2 });
    expect(kpis.pipelineSuccessRate).toMatchObject({ value: 1, samples: 1 });
  });

  it('refuses forged and malformed deliveries, counts them and stores nothing', async () => {
    const before = await ingest();
    const payload = deploymentStatus(4, 'c2', 'production', 'failure', -HOUR);
    const forged = await deliver('deployment_status', payload, 'forged-1', {
      signWith: 'not-the-secret',
    });
    expect(forged.status).toBe(401);
    expect(forged.body.message).toMatch(/does not match/);

    const malformed = await deliver(
      'deployment_status',
      { ...payload, deployment: { ...payload.deployment, sha: 'not a sha' } },
      'malformed-1',
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toBe(
      'Malformed deployment_status payload: deployment.sha: must be a commit sha',
    );

    const unsigned = await request(server)
      .post('/api/events/http/github')
      .set('content-type', 'application/json')
      .set('x-github-event', 'push')
      .set('x-github-delivery', 'unsigned-1')
      .send('{}');
    expect(unsigned.status).toBe(401);

    const after = await ingest();
    expect(after.deliveries).toBe(before.deliveries);
    expect(after.counters.rejected).toBe((before.counters.rejected ?? 0) + 3);
    const { kpis } = (
      await request(server)
        .get('/api/ml-kpi/models/default/fraud-scoring')
        .set('authorization', mockCredentials.user.header())
    ).body;
    expect(kpis.changeFailureRate).toMatchObject({ value: 0.5, samples: 2 });
  });

  it('counts a delivery for an unknown repository as unmatched, not an error', async () => {
    const res = await deliver(
      'deployment_status',
      {
        ...deploymentStatus(5, 'c2', 'production', 'success', -HOUR),
        repository: { full_name: 'acme/unknown' },
      },
      'unknown-1',
    );
    expect(res.status).toBe(202);
    expect((await ingest()).counters.unmatched).toBe(1);
  });

  it('serves the team roll-up and needs credentials', async () => {
    const teams = await request(server)
      .get('/api/ml-kpi/teams')
      .set('authorization', mockCredentials.user.header());
    expect(teams.status).toBe(200);
    expect(teams.body.items).toEqual([
      expect.objectContaining({
        ownerRef: 'group:default/risk-ml',
        models: 1,
        changeFailureRate: expect.objectContaining({ value: 0.5, band: 'low' }),
        leadTime: expect.objectContaining({ value: 48 }),
      }),
    ]);
    const badOwner = await request(server)
      .get('/api/ml-kpi/teams?owner=risk-ml')
      .set('authorization', mockCredentials.user.header());
    expect(badOwner.status).toBe(400);
    expect(badOwner.body.error.message).toMatch(
      /owner: must be a full entity ref/,
    );

    for (const path of ['/models/default/fraud-scoring', '/teams', '/ingest']) {
      const anonymous = await request(server).get(`/api/ml-kpi${path}`);
      expect(anonymous.status).toBe(401);
    }
    // A model without deliveries is no secret: no KPIs yet, said as such.
    const noData = await request(server)
      .get('/api/ml-kpi/models/default/churn')
      .set('authorization', mockCredentials.user.header());
    expect(noData.status).toBe(200);
    expect(noData.body).toMatchObject({ kpis: null, daily: [] });
    const missing = await request(server)
      .get('/api/ml-kpi/models/default/no-such-model')
      .set('authorization', mockCredentials.user.header());
    expect(missing.status).toBe(404);
  });

  it('loses nothing across a restart', async () => {
    const before = (
      await request(server)
        .get('/api/ml-kpi/models/default/fraud-scoring')
        .set('authorization', mockCredentials.user.header())
    ).body;
    await stop();
    await start();
    const after = await request(server)
      .get('/api/ml-kpi/models/default/fraud-scoring')
      .set('authorization', mockCredentials.user.header());
    expect(after.body).toEqual(before);
    const again = await deliver(
      'deployment_status',
      deploymentStatus(2, 'c2', 'production', 'success', -10 * DAY),
      'delivery-4',
    );
    expect(again.status).toBe(202);
    expect((await ingest()).counters.duplicate).toBe(2);
  });
});
