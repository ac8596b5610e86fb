import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { readinessCollectorsExtensionPoint } from '@ml-golden-paths/plugin-ml-readiness-node';
import request from 'supertest';
import { mlReadinessPlugin } from '../plugin';
import { createFixtureCollector } from '../__testUtils__/fixtureCollector';
import { expectMatchesSpec } from '../__testUtils__/specValidator';

jest.setTimeout(120_000);

const ADMIN = 'user:default/admin';
const DEV = 'user:default/dev';
const OUTSIDER = 'user:default/outsider';

function model(
  name: string,
  spec: { owner: string; tier: number; stage: string; versions?: string[] },
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      title: `Model ${name}`,
      annotations,
    },
    spec: {
      type: 'ai-model',
      owner: spec.owner,
      mlops: {
        tier: spec.tier,
        versions: (spec.versions ?? ['1']).map(version => ({
          version,
          stage: spec.stage,
        })),
      },
    },
  };
}

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'ml-platform', namespace: 'default' },
    spec: { type: 'department', children: ['risk-ml'] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'risk-ml', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'childOf', targetRef: 'group:default/ml-platform' }],
  },
  model('fraud-scoring', {
    owner: 'group:default/risk-ml',
    tier: 1,
    stage: 'production',
    versions: ['12'],
  }),
  model(
    'churn',
    { owner: 'group:default/growth', tier: 2, stage: 'production' },
    { 'fixture/not': 'entity.hasRunbook' },
  ),
  model(
    'local-model',
    { owner: 'group:default/risk-ml', tier: 3, stage: 'staging' },
    { 'fixture/unavailable': 'repositorySettings' },
  ),
];

/**
 * The catalog hides `local-model` from the outsider (as a permission policy
 * would), and answers services only when the plugin asks with its own
 * credentials (a static token restricted to ml-readiness may not call it).
 */
function visibleTo(credentials: any, entity: Entity | undefined) {
  const principal = credentials?.principal;
  if (
    principal?.type === 'service' &&
    principal.subject !== 'plugin:ml-readiness'
  ) {
    return false;
  }
  return !(
    entity?.metadata.name === 'local-model' &&
    credentials?.principal?.userEntityRef === OUTSIDER
  );
}

function catalogFactory() {
  const inner = catalogServiceMock({ entities });
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () =>
      ({
        ...inner,
        getEntityByRef: async (ref: any, options: any) => {
          const entity = await inner.getEntityByRef(ref, options);
          return visibleTo(options?.credentials, entity) ? entity : undefined;
        },
        streamEntities: async function* stream(req: any, options: any) {
          for await (const page of inner.streamEntities(req, options)) {
            yield page.filter(e => visibleTo(options?.credentials, e));
          }
        },
      }) as any,
  });
}

const permissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => ({
    async authorize(requests: any[], { credentials }: any) {
      const principal = credentials.principal;
      return requests.map(r => {
        const name: string = r.permission.name;
        let allowed = false;
        if (principal.type === 'user') {
          allowed =
            principal.userEntityRef === ADMIN ||
            name === 'ml-readiness.gate.evaluate';
        } else if (principal.type === 'service') {
          allowed = name === 'ml-readiness.gate.evaluate';
        }
        return {
          result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        };
      });
    },
    async authorizeConditional(requests: any[]) {
      return requests.map(() => ({ result: AuthorizeResult.DENY }));
    },
  }),
});

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())('ml-readiness on %s', databaseId => {
  const overrides = new Map<string, string[]>();
  const sent: any[] = [];
  const actions = actionsRegistryServiceMock();
  let server: any;
  let now = new Date('2026-11-29T12:00:00Z');

  beforeAll(async () => {
    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'setImmediate',
        'setTimeout',
        'setInterval',
        'queueMicrotask',
        'performance',
        'hrtime',
      ],
    });
    jest.setSystemTime(now);
    const knex = await databases.init(databaseId);
    const collectorModule = createBackendModule({
      pluginId: 'ml-readiness',
      moduleId: 'fixture-collector',
      register(env) {
        env.registerInit({
          deps: { collectors: readinessCollectorsExtensionPoint },
          async init({ collectors }) {
            collectors.addCollector(createFixtureCollector(overrides));
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        mlReadinessPlugin,
        collectorModule,
        mockServices.database.factory({ knex }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        catalogFactory(),
        permissionsFactory,
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async (n: any) => void sent.push(n) }),
        }),
        createServiceFactory({
          service: actionsRegistryServiceRef,
          deps: {},
          factory: () => actions,
        }),
      ],
    });
    server = backend.server;
  });

  afterAll(() => {
    jest.useRealTimers();
  });

  const as = (user: string) => ({
    Authorization: mockCredentials.user.header(user),
  });

  async function refresh(name: string) {
    const res = await request(server)
      .post(`/api/ml-readiness/scorecards/default/${name}/refresh`)
      .set(as(ADMIN));
    expect(res.status).toBe(200);
    expectMatchesSpec(
      'post',
      '/scorecards/{namespace}/{name}/refresh',
      200,
      res.body,
    );
    return res.body;
  }

  it('rejects requests without credentials with 401', async () => {
    for (const path of [
      '/overview',
      '/scorecards/default/churn',
      '/exemptions',
    ]) {
      const res = await request(server).get(`/api/ml-readiness${path}`);
      expect(res.status).toBe(401);
    }
    const gate = await request(server).post('/api/ml-readiness/gate').send({
      entityRef: 'resource:default/churn',
      version: '1',
      stage: 'production',
    });
    expect(gate.status).toBe(401);
  });

  it('lets a service restricted to the gate call nothing else (403), and users not export evidence or refresh', async () => {
    const service = { Authorization: mockCredentials.service.header() };
    for (const path of [
      '/overview',
      '/scorecards/default/churn',
      '/exemptions',
      '/policy',
    ]) {
      const res = await request(server)
        .get(`/api/ml-readiness${path}`)
        .set(service);
      expect(res.status).toBe(403);
    }
    const evidence = await request(server)
      .get('/api/ml-readiness/evidence')
      .query({ entityRef: 'resource:default/churn' })
      .set(as(DEV));
    expect(evidence.status).toBe(403);
    const refreshed = await request(server)
      .post('/api/ml-readiness/scorecards/default/churn/refresh')
      .set(as(DEV));
    expect(refreshed.status).toBe(403);
    const exemption = await request(server)
      .post('/api/ml-readiness/exemptions')
      .set(service)
      .send({
        entityRef: 'resource:default/churn',
        checkId: 'runbook-linked',
        reason: 'r',
        compensatingControl: 'c',
        approver: 'user:default/architect',
        expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
      });
    expect(exemption.status).toBe(403);
  });

  it('collects on refresh and serves stored scorecards', async () => {
    const fraud = await refresh('fraud-scoring');
    expect(fraud).toMatchObject({
      entityRef: 'resource:default/fraud-scoring',
      title: 'Model fraud-scoring',
      owner: 'group:default/risk-ml',
      tier: 1,
      stage: 'production',
      level: 'gold',
      requiredLevel: 'gold',
      meetsRequiredLevel: true,
    });
    const churn = await refresh('churn');
    const runbook = churn.checks.find((c: any) => c.id === 'runbook-linked');
    expect(runbook).toMatchObject({ state: 'fail', level: 'silver' });
    expect(runbook.remediation).toContain('spec.mlops.runbook');
    expect(churn.level).toBe('bronze');
    expect(churn.meetsRequiredLevel).toBe(false);

    const local = await refresh('local-model');
    const branch = local.checks.find((c: any) => c.id === 'branch-protected');
    expect(branch.state).toBe('unknown');
    expect(branch.reason).toContain(
      'cannot be read from a local-git repository',
    );

    const read = await request(server)
      .get('/api/ml-readiness/scorecards/default/churn')
      .set(as(DEV));
    expect(read.status).toBe(200);
    expectMatchesSpec('get', '/scorecards/{namespace}/{name}', 200, read.body);
    expect(read.body.checks).toEqual(churn.checks);
  });

  it('hides models the catalog does not show the caller', async () => {
    const res = await request(server)
      .get('/api/ml-readiness/scorecards/default/local-model')
      .set(as(OUTSIDER));
    expect(res.status).toBe(404);
    for (const path of ['history', 'facts/history']) {
      const hidden = await request(server)
        .get(`/api/ml-readiness/scorecards/default/local-model/${path}`)
        .set(as(OUTSIDER));
      expect(hidden.status).toBe(404);
    }
    const overview = await request(server)
      .get('/api/ml-readiness/overview')
      .set(as(OUTSIDER));
    expect(overview.body.items.map((r: any) => r.entityRef)).not.toContain(
      'resource:default/local-model',
    );
    expect(overview.body.totalItems).toBe(2);
  });

  it('serves the platform roll-up inputs of visible models only (GET /platform/models)', async () => {
    const anonymous = await request(server).get(
      '/api/ml-readiness/platform/models',
    );
    expect(anonymous.status).toBe(401);
    const restricted = await request(server)
      .get('/api/ml-readiness/platform/models')
      .set({ Authorization: mockCredentials.service.header() });
    expect(restricted.status).toBe(403);

    const res = await request(server)
      .get('/api/ml-readiness/platform/models')
      .set(as(DEV));
    expect(res.status).toBe(200);
    expectMatchesSpec('get', '/platform/models', 200, res.body);
    expect(res.body.items.map((m: any) => m.entityRef)).toEqual([
      'resource:default/churn',
      'resource:default/fraud-scoring',
      'resource:default/local-model',
    ]);
    const fraud = res.body.items[1];
    expect(fraud).toMatchObject({
      owner: 'group:default/risk-ml',
      tier: 1,
      stage: 'production',
      docs: { modelCardAgeDays: 12, rollbackRunbookAgeDays: 30 },
    });
    expect(fraud.checks).toContainEqual({
      id: 'dashboard-linked',
      category: 'monitoring',
      state: 'pass',
    });
    const churn = res.body.items[0];
    expect(churn.checks).toContainEqual({
      id: 'runbook-linked',
      category: 'ownership-documentation',
      state: 'fail',
    });
    // local-model's repository facts are available; its settings are not.
    expect(res.body.items[2].docs).toBeDefined();

    const outsider = await request(server)
      .get('/api/ml-readiness/platform/models')
      .set(as(OUTSIDER));
    expect(outsider.body.items.map((m: any) => m.entityRef)).toEqual([
      'resource:default/churn',
      'resource:default/fraud-scoring',
    ]);
  });

  it('filters, sorts and pages the overview, owners including child teams', async () => {
    const byTeam = await request(server)
      .get('/api/ml-readiness/overview')
      .query({
        owner: 'group:default/ml-platform',
        orderBy: 'tier',
        order: 'desc',
      })
      .set(as(DEV));
    expect(byTeam.status).toBe(200);
    expectMatchesSpec('get', '/overview', 200, byTeam.body);
    expect(byTeam.body.items.map((r: any) => r.entityRef)).toEqual([
      'resource:default/local-model',
      'resource:default/fraud-scoring',
    ]);

    const failing = await request(server)
      .get('/api/ml-readiness/overview')
      .query({ failingCheck: 'runbook-linked' })
      .set(as(DEV));
    expect(failing.body.items.map((r: any) => r.entityRef)).toEqual([
      'resource:default/churn',
    ]);
    expect(failing.body.items[0].failingChecks).toContain('runbook-linked');

    const paged = await request(server)
      .get('/api/ml-readiness/overview')
      .query({ limit: 1, offset: 1 })
      .set(as(DEV));
    expect(paged.body).toMatchObject({ totalItems: 3, offset: 1, limit: 1 });
    expect(paged.body.items).toHaveLength(1);

    const bad = await request(server)
      .get('/api/ml-readiness/overview')
      .query({ level: 'platinum' })
      .set(as(DEV));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('level');
  });

  it('never pages models the caller may not see, and still fills every page', async () => {
    // local-model (tier 3, hidden from the outsider) sorts first by tier desc
    // and last by tier asc: pages must skip it without coming up short.
    for (const order of ['desc', 'asc']) {
      const seen: string[] = [];
      for (let offset = 0; offset < 4; offset++) {
        const res = await request(server)
          .get('/api/ml-readiness/overview')
          .query({ orderBy: 'tier', order, limit: 1, offset })
          .set(as(OUTSIDER));
        expect(res.status).toBe(200);
        expect(res.body.totalItems).toBe(2);
        expect(res.body.items).toHaveLength(offset < 2 ? 1 : 0);
        seen.push(...res.body.items.map((r: any) => r.entityRef));
      }
      expect(seen).toEqual(
        order === 'desc'
          ? ['resource:default/churn', 'resource:default/fraud-scoring']
          : ['resource:default/fraud-scoring', 'resource:default/churn'],
      );
    }
    const byTeam = await request(server)
      .get('/api/ml-readiness/overview')
      .query({ owner: 'group:default/risk-ml', limit: 1 })
      .set(as(OUTSIDER));
    expect(byTeam.body.totalItems).toBe(1);
    expect(byTeam.body.items.map((r: any) => r.entityRef)).toEqual([
      'resource:default/fraud-scoring',
    ]);
    const csv = await request(server)
      .get('/api/ml-readiness/overview/export')
      .set(as(OUTSIDER));
    expect(csv.text).not.toContain('local-model');
    expect(csv.text.trim().split('\n')).toHaveLength(3);
  });

  it('shows a changed grade on the next overview request, to every caller', async () => {
    const failingOnCall = async (user: string) => {
      const res = await request(server)
        .get('/api/ml-readiness/overview')
        .query({ failingCheck: 'on-call-defined' })
        .set(as(user));
      expect(res.status).toBe(200);
      expect(res.body.totalItems).toBe(res.body.items.length);
      return res.body.items.map((r: any) => r.entityRef);
    };
    // Fill each caller's visible-refs cache first.
    expect(await failingOnCall(DEV)).toEqual([]);
    expect(await failingOnCall(OUTSIDER)).toEqual([]);

    overrides.set('resource:default/churn', ['entity.hasOnCall']);
    try {
      await refresh('churn');
      expect(await failingOnCall(DEV)).toEqual(['resource:default/churn']);
      expect(await failingOnCall(OUTSIDER)).toEqual(['resource:default/churn']);
      const page = await request(server)
        .get('/api/ml-readiness/overview')
        .query({ orderBy: 'entityRef', limit: 1 })
        .set(as(DEV));
      expect(page.body.totalItems).toBe(3);
      expect(page.body.items[0]).toMatchObject({
        entityRef: 'resource:default/churn',
        failing: 3,
        // In policy order, as the scorecard lists them.
        failingChecks: ['runbook-linked', 'on-call-defined', 'alerts-routed'],
      });
    } finally {
      overrides.delete('resource:default/churn');
      await refresh('churn');
    }
    expect(await failingOnCall(DEV)).toEqual([]);
    expect(await failingOnCall(OUTSIDER)).toEqual([]);
  });

  it('exports the overview as CSV', async () => {
    const res = await request(server)
      .get('/api/ml-readiness/overview/export')
      .set(as(DEV));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe(
      'entityRef,title,owner,tier,stage,level,requiredLevel,meetsRequiredLevel,failing,unknown,exempt,failingChecks,gradedAt',
    );
    expect(lines).toHaveLength(4);
    expect(lines.find(l => l.startsWith('resource:default/churn,'))).toContain(
      'runbook-linked',
    );
  });

  it('answers the gate and keeps every decision as evidence', async () => {
    const allowed = await request(server)
      .post('/api/ml-readiness/gate')
      .set(as(DEV))
      .send({
        entityRef: 'resource:default/fraud-scoring',
        version: '12',
        stage: 'production',
      });
    expect(allowed.status).toBe(200);
    expectMatchesSpec('post', '/gate', 200, allowed.body);
    expect(allowed.body).toMatchObject({
      allowed: true,
      level: 'gold',
      requiredLevel: 'gold',
      reasons: [],
    });

    const denied = await request(server)
      .post('/api/ml-readiness/gate')
      .set({ Authorization: mockCredentials.service.header() })
      .send({
        entityRef: 'resource:default/churn',
        version: '1',
        stage: 'production',
      });
    expect(denied.status).toBe(200);
    expect(denied.body.allowed).toBe(false);
    expect(denied.body.requiredLevel).toBe('silver');
    expect(denied.body.reasons.join('\n')).toContain(
      'runbook-linked (silver) is fail',
    );

    const unknownVersion = await request(server)
      .post('/api/ml-readiness/gate')
      .set(as(DEV))
      .send({
        entityRef: 'resource:default/fraud-scoring',
        version: '99',
        stage: 'production',
      });
    expect(unknownVersion.body.allowed).toBe(false);
    expect(unknownVersion.body.reasons[0]).toContain(
      'version 99 is not registered',
    );

    const invalid = await request(server)
      .post('/api/ml-readiness/gate')
      .set(as(DEV))
      .send({
        entityRef: 'resource:default/churn',
        version: '1',
        stage: 'prod',
      });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toContain('stage');

    const evidence = await request(server)
      .get('/api/ml-readiness/evidence')
      .query({ entityRef: 'resource:default/fraud-scoring', version: '12' })
      .set(as(ADMIN));
    expect(evidence.status).toBe(200);
    expectMatchesSpec('get', '/evidence', 200, evidence.body);
    expect(evidence.body.items).toHaveLength(1);
    expect(evidence.body.items[0]).toMatchObject({
      allowed: true,
      requestedBy: DEV,
      version: '12',
      stage: 'production',
    });
    expect(evidence.body.items[0].scorecard.level).toBe('gold');
  });

  it('grants exemptions only with the permission, within 90 days, with audit', async () => {
    const body = {
      entityRef: 'resource:default/churn',
      checkId: 'runbook-linked',
      reason: 'Runbook being rewritten',
      compensatingControl: 'On-call has the old runbook pinned',
      approver: 'user:default/architect',
      expiresAt: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
    };
    const forbidden = await request(server)
      .post('/api/ml-readiness/exemptions')
      .set(as(DEV))
      .send(body);
    expect(forbidden.status).toBe(403);

    const tooLong = await request(server)
      .post('/api/ml-readiness/exemptions')
      .set(as(ADMIN))
      .send({
        ...body,
        expiresAt: new Date(now.getTime() + 91 * 86_400_000).toISOString(),
      });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toContain('expiresAt');

    const created = await request(server)
      .post('/api/ml-readiness/exemptions')
      .set(as(ADMIN))
      .send(body);
    expect(created.status).toBe(201);
    expectMatchesSpec('post', '/exemptions', 201, created.body);
    expect(created.body).toMatchObject({ status: 'active', createdBy: ADMIN });

    const scorecard = await request(server)
      .get('/api/ml-readiness/scorecards/default/churn')
      .set(as(DEV));
    expect(scorecard.body.level).toBe('gold');
    expect(
      scorecard.body.checks.find((c: any) => c.id === 'runbook-linked'),
    ).toMatchObject({
      state: 'exempt',
      exemptionId: created.body.id,
    });

    const revokeForbidden = await request(server)
      .post(`/api/ml-readiness/exemptions/${created.body.id}/revoke`)
      .set(as(DEV))
      .send({ reason: 'no' });
    expect(revokeForbidden.status).toBe(403);
    const revoked = await request(server)
      .post(`/api/ml-readiness/exemptions/${created.body.id}/revoke`)
      .set(as(ADMIN))
      .send({ reason: 'Runbook is back' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    const after = await request(server)
      .get('/api/ml-readiness/scorecards/default/churn')
      .set(as(DEV));
    expect(after.body.level).toBe('bronze');

    const audit = await request(server)
      .get(`/api/ml-readiness/exemptions/${created.body.id}/audit`)
      .set(as(DEV));
    expectMatchesSpec('get', '/exemptions/{id}/audit', 200, audit.body);
    expect(audit.body.items.map((a: any) => [a.action, a.actor])).toEqual([
      ['created', ADMIN],
      ['revoked', ADMIN],
    ]);
    const list = await request(server)
      .get('/api/ml-readiness/exemptions')
      .query({ entityRef: 'resource:default/churn' })
      .set(as(DEV));
    expectMatchesSpec('get', '/exemptions', 200, list.body);
    expect(list.body.items).toHaveLength(1);
  });

  it('notifies the owning team once when the level drops and a check starts failing', async () => {
    sent.length = 0;
    overrides.set('resource:default/fraud-scoring', ['repository.hasTests']);
    await refresh('fraud-scoring');
    await refresh('fraud-scoring');
    overrides.delete('resource:default/fraud-scoring');
    const titles = sent.map(n => n.payload.title);
    expect(titles).toEqual([
      'Model fraud-scoring dropped to None readiness',
      'Model fraud-scoring: readiness check tests-present is failing',
    ]);
    expect(sent[0].recipients).toEqual({
      type: 'entity',
      entityRef: 'group:default/risk-ml',
    });

    const history = await request(server)
      .get('/api/ml-readiness/scorecards/default/fraud-scoring/history')
      .set(as(DEV));
    expectMatchesSpec(
      'get',
      '/scorecards/{namespace}/{name}/history',
      200,
      history.body,
    );
    expect(history.body.items.map((h: any) => h.level)).toEqual([
      'gold',
      'none',
    ]);

    // The repository facts behind it: each stored version, rebuilt.
    const facts = await request(server)
      .get('/api/ml-readiness/scorecards/default/fraud-scoring/facts/history')
      .query({ factSet: 'repository', days: 30 })
      .set(as(DEV));
    expectMatchesSpec(
      'get',
      '/scorecards/{namespace}/{name}/facts/history',
      200,
      facts.body,
    );
    expect(
      facts.body.items.map((h: any) => [h.factSet, h.values.hasTests]),
    ).toEqual([
      ['repository', true],
      ['repository', false],
    ]);
    const tooLong = await request(server)
      .get('/api/ml-readiness/scorecards/default/fraud-scoring/facts/history')
      .query({ factSet: 'x'.repeat(65) })
      .set(as(DEV));
    expect(tooLong.status).toBe(400);
    const missing = await request(server)
      .get('/api/ml-readiness/scorecards/default/no-such-model/facts/history')
      .set(as(DEV));
    expect(missing.status).toBe(404);

    const team = await request(server)
      .get('/api/ml-readiness/teams/history')
      .query({ owner: 'group:default/ml-platform' })
      .set(as(DEV));
    expect(team.status).toBe(200);
    expect(new Set(team.body.items.map((h: any) => h.entityRef))).toEqual(
      new Set([
        'resource:default/fraud-scoring',
        'resource:default/local-model',
      ]),
    );
  });

  it('offers the scorecard, the gate and failing models as actions', async () => {
    const credentials = mockCredentials.user(DEV);
    const failing = await actions.invoke({
      id: 'test:list-models-failing-readiness-check',
      input: { checkId: 'runbook-linked' },
      credentials,
    });
    expect(failing.output).toEqual({
      items: [{ entityRef: 'resource:default/churn', state: 'fail' }],
    });
    const scorecard: any = await actions.invoke({
      id: 'test:get-model-readiness-scorecard',
      input: { entityRef: 'resource:default/churn' },
      credentials,
    });
    expect(scorecard.output.level).toBe('bronze');
    const gate: any = await actions.invoke({
      id: 'test:evaluate-readiness-gate',
      input: {
        entityRef: 'resource:default/churn',
        version: '1',
        stage: 'production',
      },
      credentials,
    });
    expect(gate.output.allowed).toBe(false);
  });

  it('stops counting an expired exemption on its own, without collection', async () => {
    const created = await request(server)
      .post('/api/ml-readiness/exemptions')
      .set(as(ADMIN))
      .send({
        entityRef: 'resource:default/churn',
        checkId: 'runbook-linked',
        reason: 'Runbook being rewritten',
        compensatingControl: 'Pinned old runbook',
        approver: 'user:default/architect',
        expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
      });
    expect(created.status).toBe(201);
    const during = await request(server)
      .get('/api/ml-readiness/scorecards/default/churn')
      .set(as(DEV));
    expect(
      during.body.checks.find((c: any) => c.id === 'runbook-linked').state,
    ).toBe('exempt');

    now = new Date(now.getTime() + 36 * 3_600_000);
    jest.setSystemTime(now);
    const after = await request(server)
      .get('/api/ml-readiness/scorecards/default/churn')
      .set(as(DEV));
    expect(
      after.body.checks.find((c: any) => c.id === 'runbook-linked').state,
    ).toBe('fail');
    expect(after.body.level).toBe('bronze');
    const list = await request(server)
      .get('/api/ml-readiness/exemptions')
      .query({ entityRef: 'resource:default/churn', active: 'true' })
      .set(as(DEV));
    expect(list.body.items).toEqual([]);
  });
});
