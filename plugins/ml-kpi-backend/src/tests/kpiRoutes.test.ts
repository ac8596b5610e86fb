import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { DeliveryKpis, KpiValue } from '@ml-golden-paths/plugin-ml-kpi-common';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import { mlKpiPlugin } from '../plugin';

jest.setTimeout(120_000);

/** A member of risk-ml: sees every model. */
const RISK = 'user:default/rita';
/** A member of growth-ml: the catalog hides risk-ml's `secret-scoring`. */
const GROWTH = 'user:default/gary';

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', title: name },
  spec: { type: 'team', children: [] },
  relations: parent
    ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
    : [],
});

const model = (name: string, owner: string, tier: number): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default' },
  spec: { type: 'ai-model', owner: `group:default/${owner}`, mlops: { tier } },
});

const entities = [
  group('ml-platform'),
  group('risk-ml', 'ml-platform'),
  group('growth-ml', 'ml-platform'),
  model('fraud-scoring', 'risk-ml', 1),
  model('secret-scoring', 'risk-ml', 1),
  model('churn', 'growth-ml', 2),
  model('no-deliveries', 'growth-ml', 1),
];

function visibleTo(credentials: any, entity: Entity | undefined): boolean {
  return !(
    entity?.metadata.name === 'secret-scoring' &&
    credentials?.principal?.userEntityRef !== RISK
  );
}

/** The catalog hides secret-scoring from everyone but RISK (and the plugin). */
const catalogFactory = () => {
  const inner = catalogServiceMock({ entities });
  const isPlugin = (options: any) =>
    options?.credentials?.principal?.type === 'service';
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () =>
      ({
        ...inner,
        getEntityByRef: async (ref: any, options: any) => {
          const entity = await inner.getEntityByRef(ref, options);
          return isPlugin(options) || visibleTo(options?.credentials, entity)
            ? entity
            : undefined;
        },
        streamEntities: async function* stream(req: any, options: any) {
          for await (const page of inner.streamEntities(req, options)) {
            yield page.filter(
              e => isPlugin(options) || visibleTo(options?.credentials, e),
            );
          }
        },
      }) as any,
  });
};

const check = (id: string, category: string, state: string) => ({
  id,
  category,
  state,
});

/**
 * A stand-in readiness backend serving GET /platform/models to services only
 * (the KPI plugin calls it with its own service credentials).
 */
const fakeReadiness = createBackendPlugin({
  pluginId: 'ml-readiness',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ httpRouter, httpAuth }) {
        const router = express.Router();
        router.get('/platform/models', async (req, res) => {
          await httpAuth.credentials(req, { allow: ['service'] });
          const gradedAt = new Date().toISOString();
          const docs = {
            modelCardAgeDays: 10,
            rollbackRunbookAgeDays: 20,
            collectedAt: gradedAt,
          };
          const graded = (
            name: string,
            owner: string,
            tier: number,
            checks: ReturnType<typeof check>[],
            withDocs = true,
          ) => ({
            entityRef: `resource:default/${name}`,
            owner: `group:default/${owner}`,
            tier,
            stage: 'production',
            gradedAt,
            checks,
            ...(withDocs ? { docs } : {}),
          });
          res.json({
            items: [
              graded('churn', 'growth-ml', 2, [
                check('golden-path-recorded', 'reproducibility', 'fail'),
              ]),
              {
                ...graded('fraud-scoring', 'risk-ml', 1, [
                  check('golden-path-recorded', 'reproducibility', 'pass'),
                  check('dashboard-linked', 'monitoring', 'pass'),
                  check('drift-monitored', 'monitoring', 'pass'),
                ]),
                serving: {
                  windowDays: 30,
                  requestCount: { enoughData: true, value: 50_000 },
                  sloAvailabilityAttainment: {
                    enoughData: true,
                    value: 0.9995,
                  },
                  latencySloAttainment: { enoughData: false, value: 0 },
                  collectedAt: gradedAt,
                },
              },
              graded(
                'secret-scoring',
                'risk-ml',
                1,
                [
                  check('golden-path-recorded', 'reproducibility', 'pass'),
                  check('dashboard-linked', 'monitoring', 'pass'),
                  check('drift-monitored', 'monitoring', 'fail'),
                ],
                false,
              ),
              // Graded, but gone from the catalog: counts for nobody.
              graded(
                'ghost',
                'risk-ml',
                1,
                [check('dashboard-linked', 'monitoring', 'fail')],
                false,
              ),
            ],
          });
        });
        httpRouter.use(router);
      },
    });
  },
});

const v = (
  value: number,
  samples: number,
  unit: KpiValue['unit'],
): KpiValue => ({
  state: 'value',
  value,
  unit,
  samples,
});
const none = (unit: KpiValue['unit']): KpiValue => ({
  state: 'insufficient-data',
  unit,
  samples: 0,
  reason: 'too few',
});

/** Delivery KPIs with the given frequency, lead time and change failure rate. */
function kpis(
  perWeek: number,
  leadHours: number,
  cfr: [number, number],
): DeliveryKpis {
  return {
    windowStart: '2026-10-30T00:00:00.000Z',
    windowEnd: '2026-11-29T00:00:00.000Z',
    deploymentFrequency: v(perWeek, Math.round(perWeek * 4), 'per-week'),
    leadTime: v(leadHours, 3, 'hours'),
    changeFailureRate: v(cfr[0], cfr[1], 'ratio'),
    timeToRestore: none('hours'),
    timeToDetect: none('minutes'),
    pipelineSuccessRate: none('ratio'),
  };
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'ml-kpi routes on %s',
  databaseId => {
    let knex: Knex;
    let server: any;
    let stop: () => Promise<void>;
    const today = new Date();
    const month = (back: number) =>
      new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1))
        .toISOString()
        .slice(0, 7);
    const as = (user: string) => ({
      authorization: mockCredentials.user.header(user),
    });

    async function seed(
      entityRef: string,
      ownerRef: string,
      rows: Array<[string, DeliveryKpis]>,
    ) {
      for (const [day, k] of rows) {
        await knex('kpi_daily').insert({
          entity_ref: entityRef,
          day,
          owner_ref: ownerRef,
          kpis_json: JSON.stringify(k),
        });
      }
      const [lastDay, last] = rows[rows.length - 1];
      await knex('kpi_current').insert({
        entity_ref: entityRef,
        owner_ref: ownerRef,
        kpis_json: JSON.stringify(last),
        computed_at: new Date(`${lastDay}T12:00:00Z`),
      });
    }

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          mlKpiPlugin,
          fakeReadiness,
          eventsServiceFactory,
          catalogFactory(),
          mockServices.database.factory({ knex }),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          mockServices.rootConfig.factory({
            data: { mlGoldenPaths: { kpi: {} } },
          }),
        ],
      });
      server = backend.server;
      stop = () => backend.stop();

      const thisMonth = today.toISOString().slice(0, 10);
      // fraud-scoring: two rows last month (the later one counts), one now.
      await seed('resource:default/fraud-scoring', 'group:default/risk-ml', [
        [`${month(1)}-05`, kpis(3, 5, [0.9, 1])],
        [`${month(1)}-25`, kpis(1, 48, [0.5, 2])],
        [thisMonth, kpis(1, 48, [0.5, 2])],
      ]);
      await seed('resource:default/secret-scoring', 'group:default/risk-ml', [
        [`${month(1)}-15`, kpis(2, 10, [0, 4])],
        [thisMonth, kpis(2, 10, [0, 4])],
      ]);
      await seed('resource:default/churn', 'group:default/growth-ml', [
        [thisMonth, kpis(0.5, 100, [0.25, 4])],
      ]);
    });

    afterAll(async () => {
      await stop?.();
    });

    it('needs credentials for every route (401)', async () => {
      for (const path of [
        '/models/default/fraud-scoring',
        '/teams',
        '/teams/trends',
        '/platform',
        '/ingest',
      ]) {
        const res = await request(server).get(`/api/ml-kpi${path}`);
        expect(res.status).toBe(401);
      }
    });

    it("serves a model's KPIs with the targets of its tier, and 404 to a caller the catalog hides it from", async () => {
      const res = await request(server)
        .get('/api/ml-kpi/models/default/secret-scoring')
        .set(as(RISK));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        entityRef: 'resource:default/secret-scoring',
        ownerRef: 'group:default/risk-ml',
        tier: 1,
        targets: {
          changeFailureRate: { comparator: '<', value: 0.15 },
          timeToRestore: { comparator: '<', value: 4 },
          timeToDetect: { comparator: '<', value: 60 },
          pipelineSuccessRate: { comparator: '>', value: 0.95 },
        },
        kpis: { changeFailureRate: { value: 0, samples: 4 } },
      });
      expect(res.body.daily).toHaveLength(2);

      const hidden = await request(server)
        .get('/api/ml-kpi/models/default/secret-scoring')
        .set(as(GROWTH));
      expect(hidden.status).toBe(404);
      expect(JSON.stringify(hidden.body)).not.toContain('"kpis"');

      const tier2 = await request(server)
        .get('/api/ml-kpi/models/default/churn')
        .set(as(GROWTH));
      expect(Object.keys(tier2.body.targets).sort()).toEqual([
        'changeFailureRate',
        'pipelineSuccessRate',
      ]);
    });

    it('adds SLO attainment from the readiness serving facts, with the tier-1 targets', async () => {
      const res = await request(server)
        .get('/api/ml-kpi/models/default/fraud-scoring')
        .set(as(RISK));
      expect(res.status).toBe(200);
      expect(res.body.kpis.availabilitySloAttainment).toEqual({
        state: 'value',
        value: 0.9995,
        unit: 'ratio',
        samples: 50_000,
      });
      expect(res.body.kpis.latencySloAttainment).toMatchObject({
        state: 'insufficient-data',
        reason: expect.stringContaining('no latency objective'),
      });
      // The delivery KPIs are still there.
      expect(res.body.kpis.changeFailureRate).toMatchObject({ value: 0.5 });
      expect(res.body.targets).toMatchObject({
        availabilitySloAttainment: { comparator: '>=', value: 0.999 },
        latencySloAttainment: { comparator: '>=', value: 0.99 },
      });
    });

    it('answers a visible model without deliveries with kpis null, and 404 for what is no model', async () => {
      const res = await request(server)
        .get('/api/ml-kpi/models/default/no-deliveries')
        .set(as(GROWTH));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        kpis: null,
        computedAt: null,
        daily: [],
      });
      const notAModel = await request(server)
        .get('/api/ml-kpi/models/default/risk-ml')
        .set(as(GROWTH));
      expect(notAModel.status).toBe(404);
      const bad = await request(server)
        .get('/api/ml-kpi/models/default/..%2Fx')
        .set(as(GROWTH));
      expect(bad.status).toBe(400);
    });

    it('rolls delivery KPIs up through nested groups over visible models only', async () => {
      const teams = async (user: string, owner?: string) => {
        const res = await request(server)
          .get('/api/ml-kpi/teams')
          .query(owner ? { owner } : {})
          .set(as(user));
        expect(res.status).toBe(200);
        return Object.fromEntries(
          res.body.items.map((t: any) => [t.ownerRef.split('/')[1], t]),
        );
      };
      const risk = await teams(RISK);
      expect(Object.keys(risk)).toEqual([
        'ml-platform',
        'growth-ml',
        'risk-ml',
      ]);
      // risk-ml: fraud (0.5 × 2) and secret (0 × 4) pooled: 1/6.
      expect(risk['risk-ml']).toMatchObject({
        models: 2,
        depth: 1,
        parentRef: 'group:default/ml-platform',
        deploymentFrequency: { value: 3 },
        leadTime: { value: 29 },
        changeFailureRate: { value: expect.closeTo(1 / 6, 10), samples: 6 },
      });
      // ml-platform has no model of its own: its children's three.
      expect(risk['ml-platform']).toMatchObject({
        models: 3,
        depth: 0,
        deploymentFrequency: { value: 3.5 },
        leadTime: { value: 48 },
        changeFailureRate: { value: 0.2, samples: 10 },
      });

      // The growth member never sees secret-scoring, nor its contribution.
      const growth = await teams(GROWTH);
      expect(growth['risk-ml']).toMatchObject({
        models: 1,
        leadTime: { value: 48 },
        changeFailureRate: { value: 0.5, samples: 2 },
      });
      expect(growth['ml-platform']).toMatchObject({
        models: 2,
        leadTime: { value: 74 },
        changeFailureRate: { value: expect.closeTo(1 / 3, 10), samples: 6 },
      });

      const subtree = await teams(RISK, 'group:default/risk-ml');
      expect(Object.keys(subtree)).toEqual(['risk-ml']);
      const bad = await request(server)
        .get('/api/ml-kpi/teams?owner=risk-ml')
        .set(as(RISK));
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(
        /owner: must be a full entity ref/,
      );
    });

    it('gives the DORA keys per team per month from each model’s last daily row of the month', async () => {
      const trends = async (user: string) => {
        const res = await request(server)
          .get('/api/ml-kpi/teams/trends')
          .query({ months: 3, owner: 'group:default/ml-platform' })
          .set(as(user));
        expect(res.status).toBe(200);
        return res.body;
      };
      const risk = await trends(RISK);
      expect(risk.months).toEqual([month(2), month(1), month(0)]);
      const riskMl = risk.items.find(
        (t: any) => t.ownerRef === 'group:default/risk-ml',
      );
      expect(riskMl.points.map((p: any) => p.month)).toEqual(risk.months);
      expect(riskMl.points[0]).toMatchObject({
        models: 0,
        changeFailureRate: { state: 'insufficient-data' },
      });
      // Last month: fraud's row of the 25th (0.5 × 2), not the 5th; secret 0 × 4.
      expect(riskMl.points[1]).toMatchObject({
        models: 2,
        changeFailureRate: { value: expect.closeTo(1 / 6, 10) },
        leadTime: { value: 29 },
      });
      const platform = risk.items.find(
        (t: any) => t.ownerRef === 'group:default/ml-platform',
      );
      expect(platform.points[2]).toMatchObject({
        models: 3,
        changeFailureRate: { value: 0.2 },
      });

      const growth = await trends(GROWTH);
      const growthRisk = growth.items.find(
        (t: any) => t.ownerRef === 'group:default/risk-ml',
      );
      expect(growthRisk.points[1]).toMatchObject({
        models: 1,
        changeFailureRate: { value: 0.5 },
      });
    });

    it('derives the platform roll-ups from readiness facts, per team and overall, over visible models', async () => {
      const platform = async (user: string, owner?: string) => {
        const res = await request(server)
          .get('/api/ml-kpi/platform')
          .query(owner ? { owner } : {})
          .set(as(user));
        expect(res.status).toBe(200);
        return res.body;
      };
      const byId = (rollups: any[]) =>
        Object.fromEntries(rollups.map(r => [r.id, r]));

      const risk = await platform(RISK);
      expect(risk.models).toBe(3);
      expect(byId(risk.rollups).monitoringCoverage).toMatchObject({
        meets: 1,
        misses: 1,
        value: { state: 'value', value: 0.5 },
        target: { comparator: '>', value: 0.8 },
      });
      expect(byId(risk.rollups).goldenPathAdoption).toMatchObject({
        meets: 2,
        misses: 1,
      });
      // secret-scoring has no repository facts: unknown, not stale.
      expect(byId(risk.rollups).documentationFreshness).toMatchObject({
        meets: 2,
        unknown: 1,
      });

      const growth = await platform(GROWTH);
      expect(growth.models).toBe(2);
      expect(byId(growth.rollups).monitoringCoverage).toMatchObject({
        meets: 1,
        misses: 0,
        value: { value: 1 },
      });
      const growthTeams = Object.fromEntries(
        growth.teams.map((t: any) => [t.ownerRef, t]),
      );
      expect(growthTeams['group:default/risk-ml'].models).toBe(1);
      expect(growthTeams['group:default/ml-platform'].models).toBe(2);

      const riskOnly = await platform(RISK, 'group:default/growth-ml');
      expect(riskOnly.models).toBe(1);
      expect(byId(riskOnly.rollups).monitoringCoverage.value.state).toBe(
        'insufficient-data',
      );
    });
  },
);
