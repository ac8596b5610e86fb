import { createHmac } from 'node:crypto';
import {
  coreServices,
  createServiceFactory,
  SchedulerServiceTaskScheduleDefinition,
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
// The plugin this module extends (test only: the module itself needs only
// plugin-ml-kpi-node).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import mlKpiPlugin from '@ml-golden-paths/plugin-ml-kpi-backend';
import githubWebhookIngressModule from '@ml-golden-paths/plugin-ml-kpi-backend-module-github-events';
import { Knex } from 'knex';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import {
  Fault,
  fakeGithub,
  FakeRepository,
  primaryRateLimit,
  secondaryRateLimit,
  serverError,
  TOKEN,
} from './__testUtils__/fakeGithub';
import mlKpiModuleGithub from './index';

jest.setTimeout(120_000);

const SECRET = 'kpi-webhook-secret-backfill';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.now();
const at = (offset: number) => new Date(now + offset).toISOString();
const sha = (n: number) => n.toString(16).padStart(2, '0').repeat(20);

const model = (name: string, slug: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'github.com/project-slug': slug },
  },
  spec: { type: 'ai-model', owner: 'group:default/risk-ml' },
});

/*
 * Hand-computed fixture (window 30 days, now = t):
 * c1 (t−45 d) ← c2 (t−42 d)        shipped by D1, success t−40 d (before the window)
 * c3 (t−22 d) ← c4 (t−21.5 d) ← c5 (t−21 d)
 *                                   shipped by D2, success t−20 d, inactive t−5 d
 *                                   (GitHub's updated_at moves then; the
 *                                   success status times it — DevLake #8302)
 * c5 ← c6 (t−8 d, a branch), c5 ← c7 (t−7 d), c8 (t−6 d) = merge(c7, c6)
 *                                   shipped by D3, success t−5 d
 * Lead times: D2 = t−20 d − (t−22 d) = 48 h (three commits, the earliest
 * counts); D3 = t−5 d − (t−8 d) = 72 h (the merged branch's commit is the
 * earliest); interpolated median 60 h over 2
 * samples. D1 is before the window: it only serves as D2's predecessor.
 * Without it D2 has no predecessor and the lead time would be 72 h (1 sample).
 * Incident #7 opened t−4 d (impact start t−4 d − 30 min), closed t−4 d + 2 h:
 * D3 failed by it → change failure rate 1/2, restore 2 h, detect 30 min.
 * Workflow runs on main: 3 success, 1 failure, 1 cancelled → 3/4.
 */
const commitTimes = [-45, -42, -22, -21.5, -21, -8, -7, -6];
/** c6 and c7 both branch off c5; c8 merges them (a pull request merge). */
const mergeParents: Record<number, string[]> = {
  7: [sha(5)],
  8: [sha(7), sha(6)],
};
const fraudScoring = (): FakeRepository => ({
  owner: 'acme',
  repo: 'fraud-scoring',
  defaultBranch: 'main',
  commits: commitTimes.map((d, i) => ({
    sha: sha(i + 1),
    parents: mergeParents[i + 1] ?? (i === 0 ? [] : [sha(i)]),
    at: at(d * DAY),
  })),
  deployments: [
    {
      id: 9001,
      sha: sha(2),
      environment: 'production',
      createdAt: at(-40 * DAY - HOUR),
      statuses: [
        { id: 1, state: 'in_progress', at: at(-40 * DAY - HOUR / 2) },
        { id: 2, state: 'success', at: at(-40 * DAY) },
        { id: 3, state: 'inactive', at: at(-20 * DAY) },
      ],
    },
    {
      id: 9002,
      sha: sha(5),
      environment: 'production',
      createdAt: at(-20 * DAY - HOUR),
      statuses: [
        { id: 4, state: 'success', at: at(-20 * DAY) },
        { id: 5, state: 'inactive', at: at(-5 * DAY) },
      ],
    },
    {
      id: 9003,
      sha: sha(8),
      environment: 'production',
      createdAt: at(-5 * DAY - HOUR),
      statuses: [{ id: 6, state: 'success', at: at(-5 * DAY) }],
    },
    {
      // Not production: never counted.
      id: 9004,
      sha: sha(8),
      environment: 'staging',
      createdAt: at(-6 * DAY),
      statuses: [{ id: 7, state: 'failure', at: at(-6 * DAY + HOUR) }],
    },
  ],
  issues: [
    {
      id: 70007,
      number: 7,
      labels: ['incident'],
      body: `Scores time out.\n\nImpact start: ${at(-4 * DAY - 30 * 60_000)}`,
      createdAt: at(-4 * DAY),
      updatedAt: at(-4 * DAY + 2 * HOUR),
      closedAt: at(-4 * DAY + 2 * HOUR),
    },
    {
      id: 70008,
      number: 8,
      labels: ['enhancement'],
      createdAt: at(-3 * DAY),
      updatedAt: at(-3 * DAY),
    },
  ],
  runs: [
    {
      id: 501,
      branch: 'main',
      conclusion: 'success',
      createdAt: at(-9 * DAY),
      updatedAt: at(-9 * DAY + HOUR),
    },
    {
      id: 502,
      branch: 'main',
      conclusion: 'failure',
      createdAt: at(-8 * DAY),
      updatedAt: at(-8 * DAY + HOUR),
    },
    {
      id: 503,
      branch: 'main',
      conclusion: 'success',
      createdAt: at(-7 * DAY),
      updatedAt: at(-7 * DAY + HOUR),
    },
    {
      id: 504,
      branch: 'main',
      conclusion: 'cancelled',
      createdAt: at(-6 * DAY),
      updatedAt: at(-6 * DAY + HOUR),
    },
    {
      id: 505,
      branch: 'main',
      conclusion: 'success',
      createdAt: at(-5 * DAY),
      updatedAt: at(-5 * DAY + HOUR),
    },
    {
      id: 506,
      branch: 'feature',
      conclusion: 'failure',
      createdAt: at(-5 * DAY),
      updatedAt: at(-5 * DAY + HOUR),
    },
  ],
});

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'GitHub KPI backfill on %s',
  databaseId => {
    const msw = setupServer();
    beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }));
    afterEach(() => msw.resetHandlers());
    afterAll(() => msw.close());

    let stop: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await stop?.();
      stop = undefined;
    });

    async function start(options: {
      repositories: FakeRepository[];
      faults?: Fault[];
      entities?: Entity[];
      knex?: Knex;
      integrations?: unknown;
    }) {
      const fake = fakeGithub({
        repositories: options.repositories,
        faults: options.faults,
      });
      msw.use(...fake.handlers);
      const knex = options.knex ?? (await databases.init(databaseId));
      const eventsKnex = await databases.init('SQLITE_3');
      const tasks: Array<
        SchedulerServiceTaskScheduleDefinition & { id: string; fn: Function }
      > = [];
      const logs: string[] = [];
      const backend = await startTestBackend({
        features: [
          eventsPlugin,
          githubWebhookIngressModule,
          mlKpiPlugin,
          mlKpiModuleGithub,
          eventsServiceFactory,
          catalogServiceMock.factory({
            entities: options.entities ?? [
              model('fraud-scoring', 'acme/fraud-scoring'),
            ],
          }),
          mockServices.scheduler.mock({
            scheduleTask: async task => {
              tasks.push(task as any);
            },
          }).factory,
          mockServices.rootLogger.factory({ level: 'warn' }),
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
              integrations: options.integrations ?? {
                github: [{ host: 'github.com', token: TOKEN }],
              },
              mlGoldenPaths: {
                github: { webhookSecret: SECRET },
                kpi: {
                  backfill: {
                    lookbackDays: 30,
                    schedule: { frequency: { minutes: 30 } },
                  },
                },
              },
            },
          }),
        ],
      });
      stop = () => backend.stop();
      const server = backend.server;
      return {
        knex,
        fake,
        tasks,
        logs,
        backfill: (name = 'fraud-scoring') =>
          request(server)
            .post(`/api/ml-kpi/backfill/default/${name}`)
            .set('authorization', mockCredentials.user.header()),
        kpis: async (name = 'fraud-scoring') =>
          (
            await request(server)
              .get(`/api/ml-kpi/models/default/${name}`)
              .set('authorization', mockCredentials.user.header())
          ).body.kpis,
        counters: async () =>
          (
            await request(server)
              .get('/api/ml-kpi/ingest')
              .set('authorization', mockCredentials.user.header())
          ).body.counters,
        deliver: (event: string, payload: unknown, deliveryId: string) => {
          const body = JSON.stringify(payload);
          const signature = createHmac('sha256', SECRET)
            .update(body)
            .digest('hex');
          return request(server)
            .post('/api/events/http/github')
            .set('content-type', 'application/json')
            .set('x-github-event', event)
            .set('x-github-delivery', deliveryId)
            .set('x-github-hook-id', '77')
            .set('x-hub-signature-256', `sha256=${signature}`)
            .send(body);
        },
      };
    }

    const expectFixtureKpis = (kpis: any) => {
      expect(kpis.leadTime).toMatchObject({
        state: 'value',
        value: 60,
        samples: 2,
      });
      expect(kpis.deploymentFrequency).toMatchObject({
        state: 'value',
        samples: 2,
      });
      expect(kpis.deploymentFrequency.value).toBeCloseTo(2 / (30 / 7), 10);
      expect(kpis.changeFailureRate).toMatchObject({ value: 0.5, samples: 2 });
      expect(kpis.timeToRestore).toMatchObject({ value: 2, samples: 1 });
      expect(kpis.timeToDetect).toMatchObject({ value: 30, samples: 1 });
      expect(kpis.pipelineSuccessRate).toMatchObject({
        value: 0.75,
        samples: 4,
      });
    };

    it('backfills through paged lists and the compare, reaching one deployment before the window, and schedules itself globally', async () => {
      const t = await start({ repositories: [fraudScoring()] });
      const res = await t.backfill();
      expect(res.status).toBe(200);
      expect(res.body.repositories).toEqual([
        {
          repository: 'acme/fraud-scoring',
          models: ['resource:default/fraud-scoring'],
          outcome: 'done',
        },
      ]);
      expectFixtureKpis(await t.kpis());

      // Asked again at once: refused, GitHub not asked.
      const asked = t.fake.seen.length;
      const again = await t.backfill();
      expect(again.status).toBe(429);
      expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
      expect(again.body.error.message).toContain('less than a minute ago');
      expect(t.fake.seen).toHaveLength(asked);

      const requests = t.fake.seen.map(s => s.request);
      // Paging followed the Link headers (page size 2 in the fake).
      expect(requests).toContainEqual(
        expect.stringMatching(/deployments\?environment=production.*page=2/),
      );
      // D1 (created before lookback = window) was read: it anchors D2.
      expect(requests).toContainEqual(
        expect.stringMatching(/deployments\/9001\/statuses/),
      );
      // One compare per consecutive pair of successful production deployments.
      expect(
        requests
          .filter(r => r.includes('/compare/'))
          .map(r => decodeURIComponent(r).replace(/\?.*/, '')),
      ).toEqual([
        `GET /repos/acme/fraud-scoring/compare/${sha(2)}...${sha(5)}`,
        `GET /repos/acme/fraud-scoring/compare/${sha(5)}...${sha(8)}`,
      ]);
      // Never the staging deployment's statuses.
      expect(requests.some(r => r.includes('/9004/'))).toBe(false);

      // Stored once under natural keys.
      const count = async (table: string) =>
        Number((await t.knex(table).count({ n: '*' }))[0].n);
      expect(await count('kpi_deployments')).toBe(3);
      expect(await count('kpi_deployment_statuses')).toBe(6);
      expect(await count('kpi_commits')).toBe(6);

      // The schedule: global scope, configured cadence.
      const task = t.tasks.find(x => x.id === 'ml-kpi-backfill')!;
      expect(task).toMatchObject({
        scope: 'global',
        frequency: { minutes: 30 },
      });
      // A second run (the scheduled one) reads nothing twice: 304s and
      // watermarks; the records stay the same.
      const before = t.fake.seen.length;
      await task.fn(new AbortController().signal);
      const second = t.fake.seen.slice(before);
      expect(second.some(s => s.status === 304)).toBe(true);
      expect(second.some(s => s.request.includes('/statuses'))).toBe(false);
      expect(second.some(s => s.request.includes('/compare/'))).toBe(false);
      expect(await count('kpi_deployment_statuses')).toBe(6);
      expectFixtureKpis(await t.kpis());
      // The token never shows up in what the backend logs or answers.
      expect(JSON.stringify(res.body)).not.toContain(TOKEN);
    });

    it('reads a repository without any deployment before the window to its end once, then only what is new', async () => {
      const repository = fraudScoring();
      repository.deployments = repository.deployments.filter(
        d => d.id === 9003,
      );
      const t = await start({ repositories: [repository] });
      expect((await t.backfill()).body.repositories[0].outcome).toBe('done');
      const statusReads = () =>
        t.fake.seen
          .filter(x => x.request.includes('/statuses') && x.status === 200)
          .map(x => x.request.replace(/\?.*/, ''));
      expect(statusReads()).toEqual([
        'GET /repos/acme/fraud-scoring/deployments/9003/statuses',
      ]);
      // No predecessor: no lead-time sample, and too few deployments.
      expect((await t.kpis()).leadTime).toMatchObject({
        state: 'insufficient-data',
      });

      repository.deployments.push({
        id: 9005,
        sha: sha(8),
        environment: 'production',
        createdAt: at(-HOUR),
        statuses: [{ id: 9, state: 'success', at: at(-HOUR / 2) }],
      });
      const before = statusReads().length;
      const task = t.tasks.find(x => x.id === 'ml-kpi-backfill')!;
      await task.fn(new AbortController().signal);
      expect(statusReads().slice(before)).toEqual([
        'GET /repos/acme/fraud-scoring/deployments/9005/statuses',
      ]);
    });

    it('stays inactive without GitHub credentials: nothing scheduled, no backfill route', async () => {
      const t = await start({
        repositories: [fraudScoring()],
        integrations: { github: [{ host: 'github.com' }] },
      });
      expect(t.tasks.map(x => x.id)).not.toContain('ml-kpi-backfill');
      expect((await t.backfill()).status).toBe(404);
      expect(t.fake.seen).toEqual([]);
    });

    it('skips and counts a malformed item and a compare GitHub cannot make, and stores the rest', async () => {
      const t = await start({
        repositories: [fraudScoring()],
        faults: [
          {
            match: /\/deployments\/9003\/statuses/,
            times: 1,
            response: () =>
              HttpResponse.json([
                { id: 6, state: 'success', created_at: 'yesterday' },
              ]),
          },
          {
            match: /\/compare\//,
            times: 1,
            response: () =>
              HttpResponse.json(
                {
                  message: 'No common ancestor between a and b.',
                  status: '404',
                },
                { status: 404 },
              ),
          },
        ],
      });
      const res = await t.backfill();
      expect(res.body.repositories[0].outcome).toBe('done');
      expect(await t.counters()).toMatchObject({
        'backfill.malformed': 1,
        'backfill.compareNotFound': 1,
      });
      const statuses = await t
        .knex('kpi_deployment_statuses')
        .where({ deployment_id: '9003' });
      expect(statuses).toEqual([]);
      // D3 unknown: D2 is the only deployment in the window.
      expect((await t.kpis()).deploymentFrequency).toMatchObject({
        state: 'insufficient-data',
        samples: 1,
      });
    });

    it('retries primary (403) and secondary (429) rate limits through the factory', async () => {
      const t = await start({
        repositories: [fraudScoring()],
        faults: [
          {
            match: /\/actions\/runs/,
            times: 1,
            response: () => primaryRateLimit(1),
          },
          {
            match: /\/issues\?/,
            times: 1,
            response: () => secondaryRateLimit(1),
          },
        ],
      });
      const res = await t.backfill();
      expect(res.body.repositories[0].outcome).toBe('done');
      const statuses = (part: string) =>
        t.fake.seen.filter(s => s.request.includes(part)).map(s => s.status);
      expect(statuses('/actions/runs')[0]).toBe(403);
      expect(statuses('/actions/runs')).toContain(200);
      expect(statuses('/issues?')[0]).toBe(429);
      expect(statuses('/issues?')).toContain(200);
      expectFixtureKpis(await t.kpis());
    });

    it('resumes an interrupted run from its watermark after a restart', async () => {
      const repository = fraudScoring();
      // Page 2 of the deployments list keeps failing (the factory retries a
      // 500 twice): the run stops after page 1.
      const faults: Fault[] = [
        {
          match: /\/deployments\?environment=production.*page=2/,
          times: 3,
          response: serverError,
        },
      ];
      const t = await start({ repositories: [repository], faults });
      const first = await t.backfill();
      expect(first.body.repositories[0]).toMatchObject({
        outcome: 'failed',
        message: expect.stringContaining('500'),
      });
      expect(JSON.stringify(first.body)).not.toContain(TOKEN);
      const state = await t
        .knex('kpi_backfill_state')
        .where({ resource: 'github:deployments:production' })
        .first();
      expect(JSON.parse(state.state_json)).toMatchObject({
        resumeBefore: repository.deployments[1].createdAt,
      });
      const statusReads = () =>
        t.fake.seen.filter(
          s => s.request.includes('/statuses') && s.status === 200,
        ).length;
      const afterFirst = statusReads();
      expect(afterFirst).toBe(2); // D3 and D2, page 1

      // The backend restarts (nothing in memory survives: no ETag cache, a
      // new GitHub client) on the same database, GitHub answers again.
      await stop!();
      stop = undefined;
      msw.resetHandlers();
      const restarted = await start({
        repositories: [repository],
        knex: t.knex,
      });
      const second = await restarted.backfill();
      expect(second.body.repositories[0].outcome).toBe('done');
      // Resumed below what was read: D3's statuses are not read again; D2 (the
      // oldest item read, where the watermark stands — an item with the same
      // time may have been next) once more, then D1's two pages.
      const resumed = restarted.fake.seen
        .filter(s => s.request.includes('/statuses') && s.status === 200)
        .map(s => s.request);
      expect(resumed).toEqual([
        expect.stringContaining(
          '/deployments/9002/statuses?per_page=100&page=1',
        ),
        expect.stringContaining(
          '/deployments/9001/statuses?per_page=100&page=1',
        ),
        expect.stringContaining(
          '/deployments/9001/statuses?per_page=100&page=2',
        ),
      ]);
      expectFixtureKpis(await restarted.kpis());
    });

    it('counts an unknown repository and goes on with the others', async () => {
      const t = await start({
        repositories: [fraudScoring()],
        entities: [
          model('fraud-scoring', 'acme/fraud-scoring'),
          model('gone', 'acme/gone'),
        ],
      });
      const task = t.tasks.find(x => x.id === 'ml-kpi-backfill')!;
      await task.fn(new AbortController().signal);
      expect(await t.counters()).toMatchObject({
        'backfill.notFound': 1,
        'backfill.done': 1,
      });
      expectFixtureKpis(await t.kpis());
      const gone = await t.backfill('gone');
      expect(gone.status).toBe(200);
      expect(gone.body.repositories[0]).toMatchObject({
        outcome: 'not-found',
        message: expect.stringContaining('acme/gone'),
      });
    });

    it('refuses a backfill of a model the caller cannot see, or a bad name, and reads nothing', async () => {
      const t = await start({ repositories: [fraudScoring()] });
      expect((await t.backfill('no-such-model')).status).toBe(404);
      expect((await t.backfill('..%2F..%2Fetc')).status).toBe(400);
      expect(t.fake.seen).toEqual([]);
    });

    it('never lets an annotation steer requests elsewhere: a slug that is not owner/repo reads nothing', async () => {
      const t = await start({
        repositories: [fraudScoring()],
        entities: [
          model('traversal', 'acme/../../orgs/acme/members'),
          model('dotdot', 'acme/..'),
          model('query', 'acme/repo?per_page=1'),
          model('host', 'evil.example.com/acme/repo'),
        ],
      });
      const task = t.tasks.find(x => x.id === 'ml-kpi-backfill')!;
      await task.fn(new AbortController().signal);
      expect(t.fake.seen).toEqual([]);
      expect(await t.counters()).toMatchObject({ 'backfill.notFound': 4 });
      const res = await t.backfill('traversal');
      expect(res.body.repositories[0]).toMatchObject({
        outcome: 'not-found',
        message: expect.stringContaining('is not a GitHub owner/repo'),
      });
    });

    it('finds a missed webhook delivery: webhooks + backfill give the full-webhook KPIs', async () => {
      const repo = fraudScoring();
      const repository = {
        full_name: 'acme/fraud-scoring',
        default_branch: 'main',
      };
      const deliveries: Array<[string, unknown]> = [];
      // Push events: c1..c2, c3..c5, c6..c8 (oldest first, as GitHub sends them).
      for (const [from, to] of [
        [0, 2],
        [2, 5],
        [5, 8],
      ]) {
        deliveries.push([
          'push',
          {
            repository,
            ref: 'refs/heads/main',
            before: from === 0 ? '0'.repeat(40) : repo.commits[from - 1].sha,
            after: repo.commits[to - 1].sha,
            commits: repo.commits
              .slice(from, to)
              .map(c => ({ id: c.sha, timestamp: c.at })),
          },
        ]);
      }
      for (const d of repo.deployments) {
        for (const s of d.statuses) {
          deliveries.push([
            'deployment_status',
            {
              repository,
              deployment: {
                id: d.id,
                sha: d.sha,
                environment: d.environment,
                created_at: d.createdAt,
              },
              deployment_status: {
                state: s.state,
                created_at: s.at,
                environment: d.environment,
              },
            },
          ]);
        }
      }
      for (const i of repo.issues) {
        deliveries.push([
          'issues',
          {
            repository,
            action: i.closedAt ? 'closed' : 'opened',
            issue: {
              id: i.id,
              number: i.number,
              created_at: i.createdAt,
              closed_at: i.closedAt ?? null,
              body: i.body ?? null,
              labels: i.labels.map(name => ({ name })),
            },
          },
        ]);
      }
      for (const r of repo.runs) {
        deliveries.push([
          'workflow_run',
          {
            repository,
            action: 'completed',
            workflow_run: {
              id: r.id,
              run_attempt: 1,
              head_branch: r.branch,
              status: 'completed',
              conclusion: r.conclusion,
              updated_at: r.updatedAt,
            },
          },
        ]);
      }

      // Every delivery, no backfill.
      const full = await start({ repositories: [repo] });
      for (const [n, [event, payload]] of deliveries.entries()) {
        expect((await full.deliver(event, payload, `d-${n}`)).status).toBe(202);
      }
      const fullKpis = await full.kpis();
      expectFixtureKpis(fullKpis);
      await stop!();
      stop = undefined;

      // The push with c6..c8 is missed; D3 then ships nothing known.
      const missed = await start({ repositories: [repo] });
      for (const [n, [event, payload]] of deliveries.entries()) {
        if (n !== 2) {
          await missed.deliver(event, payload, `d-${n}`);
        }
      }
      expect((await missed.kpis()).leadTime).toMatchObject({ samples: 1 });
      const res = await missed.backfill();
      expect(res.body.repositories[0].outcome).toBe('done');
      const { windowStart, windowEnd, ...reconciled } = await missed.kpis();
      const { windowStart: _s, windowEnd: _e, ...expected } = fullKpis;
      expect(reconciled).toEqual(expected);
      // The same records, not twice.
      const count = async (table: string) =>
        Number((await missed.knex(table).count({ n: '*' }))[0].n);
      expect(await count('kpi_deployments')).toBe(4);
      expect(await count('kpi_deployment_statuses')).toBe(7);
      expect(await count('kpi_commits')).toBe(8);
      expect(await count('kpi_incidents')).toBe(1);
      expect(await count('kpi_workflow_runs')).toBe(6);
    });
  },
);
