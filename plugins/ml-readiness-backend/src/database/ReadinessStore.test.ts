import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { exemplaryFacts } from '@ml-golden-paths/plugin-ml-readiness-common';
import { ReadinessNotifier } from '../notifications/ReadinessNotifier';
import { ReadinessStore, StoredGrade } from './ReadinessStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'ReadinessStore on %s',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const store = await ReadinessStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      return { knex, store };
    }

    it('migrates up and down', async () => {
      const knex = await databases.init(databaseId);
      await ReadinessStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      expect(await knex.schema.hasTable('readiness_grades')).toBe(true);
      await knex.migrate.rollback(
        { directory: `${__dirname}/../../migrations` },
        true,
      );
      expect(await knex.schema.hasTable('readiness_grades')).toBe(false);
    });

    it('stores facts only when they change, and moves the collection time otherwise', async () => {
      const { knex, store } = await createStore();
      const ref = 'resource:default/m';
      const write = (values: unknown) => ({
        factSet: 'entity',
        collector: 'c',
        schemaVersion: 1,
        status: 'available' as const,
        values,
      });
      const facts = exemplaryFacts().entity;
      expect(
        await store.writeFacts(
          ref,
          [write(facts)],
          new Date('2026-11-01T00:00:00Z'),
        ),
      ).toBe(true);
      expect(
        await store.writeFacts(
          ref,
          [write({ ...facts })],
          new Date('2026-11-02T00:00:00Z'),
        ),
      ).toBe(false);
      expect(
        await store.writeFacts(
          ref,
          [write({ ...facts, hasRunbook: false })],
          new Date('2026-11-03T00:00:00Z'),
        ),
      ).toBe(true);
      const history = await store.factHistory(ref, new Date(0));
      expect(history.map(h => (h.values as any).hasRunbook)).toEqual([
        facts.hasRunbook,
        false,
      ]);
      const [{ n: rows }] = await knex('readiness_fact_history').count({
        n: '*',
      });
      expect(Number(rows)).toBe(2);
      const current = (await store.readFacts([ref])).get(ref)!.entity;
      expect(current).toMatchObject({
        status: 'available',
        collectedAt: '2026-11-03T00:00:00.000Z',
      });
      // Unchanged values only move the collection time.
      await store.writeFacts(
        ref,
        [write({ ...facts, hasRunbook: false })],
        new Date('2026-11-04T00:00:00Z'),
      );
      expect((await store.readFacts([ref])).get(ref)!.entity.collectedAt).toBe(
        '2026-11-04T00:00:00.000Z',
      );
    });

    it('sends each notification event once, also across notifier instances', async () => {
      const { store } = await createStore();
      const sent: any[] = [];
      const notifier = () =>
        new ReadinessNotifier({
          store,
          notifications: { send: async n => void sent.push(n) },
          logger: mockServices.logger.mock(),
          linkFor: ref => `/catalog/${ref}`,
        });
      const grade = (
        level: StoredGrade['level'],
        failing: string[],
      ): StoredGrade => ({
        entityRef: 'resource:default/m',
        owner: 'group:default/team',
        tier: 1,
        stage: 'production',
        level,
        requiredLevel: 'gold',
        meetsRequiredLevel: level === 'gold',
        failing: failing.length,
        unknown: 0,
        exempt: 0,
        checks: failing.map(checkId => ({
          checkId,
          state: 'fail',
          reason: 'x',
          factTimes: {},
        })),
        gradedAt: '2026-11-02T00:00:00.000Z',
        changedAt: '2026-11-02T00:00:00.000Z',
      });
      const previous = {
        ...grade('gold', []),
        changedAt: '2026-11-01T00:00:00.000Z',
      };
      const next = grade('silver', ['canary']);
      const now = new Date('2026-11-02T00:00:00Z');
      await notifier().gradeChanged(previous, next, now);
      await notifier().gradeChanged(previous, next, now);
      expect(sent.map(n => n.payload.title)).toEqual([
        'resource:default/m dropped to Silver readiness',
        'resource:default/m: readiness check canary is failing',
      ]);

      const exemption = {
        id: 'ex-1',
        entityRef: 'resource:default/m',
        checkId: 'canary',
        reason: 'r',
        compensatingControl: 'c',
        approver: 'user:default/a',
        createdBy: 'user:default/a',
        createdAt: '2026-11-01T00:00:00.000Z',
        expiresAt: '2026-11-06T00:00:00.000Z',
        status: 'active' as const,
      };
      const owners = new Map([['resource:default/m', 'group:default/team']]);
      await notifier().exemptionsExpiring([exemption], owners, now);
      await notifier().exemptionsExpiring([exemption], owners, now);
      expect(sent).toHaveLength(3);
      expect(sent[2].payload.title).toContain('Exemption from canary');
    });

    it('retains history within the window and drops models gone from the catalog', async () => {
      const { knex, store } = await createStore();
      const write = {
        factSet: 'entity',
        collector: 'c',
        schemaVersion: 1,
        status: 'unavailable' as const,
        reason: 'r',
      };
      await store.writeFacts(
        'resource:default/old',
        [write],
        new Date('2025-01-01T00:00:00Z'),
      );
      await store.writeFacts(
        'resource:default/kept',
        [write],
        new Date('2026-11-01T00:00:00Z'),
      );
      const result = await store.applyRetention({
        keepEntityRefs: ['resource:default/kept'],
        historyCutoff: new Date('2026-01-01T00:00:00Z'),
      });
      expect(result.removedModels).toBe(1);
      expect(await store.listFactEntityRefs()).toEqual([
        'resource:default/kept',
      ]);
      expect(await knex('readiness_fact_history').count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);
      const [{ n }] = await knex('readiness_fact_history').count({ n: '*' });
      expect(Number(n)).toBe(1);
      // An empty catalog answer (outage) removes no model.
      const none = await store.applyRetention({
        keepEntityRefs: [],
        historyCutoff: new Date('2020-01-01T00:00:00Z'),
      });
      expect(none.removedModels).toBe(0);
    });
  },
);
