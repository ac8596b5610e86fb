import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { GradeWrite, ReadinessStore } from '../database/ReadinessStore';
import { ReadinessService } from './ReadinessService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const ref = (i: number) => `resource:default/m-${String(i).padStart(2, '0')}`;

function grade(i: number, tier = 1 + (i % 3)): GradeWrite {
  const failing = i % 4 === 0 ? ['runbook-linked'] : [];
  return {
    entityRef: ref(i),
    owner: 'group:default/team',
    tier,
    stage: 'production',
    level: failing.length ? 'bronze' : 'gold',
    requiredLevel: 'gold',
    meetsRequiredLevel: failing.length === 0,
    failing: failing.length,
    unknown: 0,
    exempt: 0,
    checks: failing.map(checkId => ({
      checkId,
      state: 'fail' as const,
      reason: 'Not met',
      factTimes: {},
    })),
  };
}

/**
 * The overview's two paths (SQL paging for a caller who sees every graded
 * model, visibility in memory otherwise) on a real store, with a catalog
 * whose visible models the test changes.
 */
describe.each(databases.eachSupportedId())(
  'ReadinessService overview on %s',
  databaseId => {
    async function setup(options: { maxHiddenInSql?: number } = {}) {
      const knex = await databases.init(databaseId);
      const store = await ReadinessStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const now = new Date('2026-11-29T12:00:00Z');
      await store.writeGrades(
        Array.from({ length: 12 }, (_, i) => grade(i)),
        now,
      );
      const visible = new Set(Array.from({ length: 12 }, (_, i) => ref(i)));
      const catalog = {
        async *streamEntities() {
          yield [...visible].map(r => ({
            kind: 'Resource',
            metadata: { namespace: 'default', name: r.split('/')[1] },
          }));
        },
      };
      const service = new ReadinessService({
        engine: { policy: { checks: [] } } as any,
        store,
        catalog: catalog as any,
        permissions: mockServices.permissions(),
        auth: mockServices.auth(),
        visibilityTtlMs: 60_000,
        ...options,
      });
      const page = (
        user: string,
        offset: number,
        limit: number,
        filters: { tier?: number } = {},
      ) =>
        service.overview(
          filters,
          { orderBy: 'entityRef', order: 'asc', offset, limit },
          mockCredentials.user(user),
        );
      return { knex, store, visible, service, page, now };
    }

    it('pages in SQL for a caller who sees every graded model, with the same pages as in memory', async () => {
      const { store, visible, page } = await setup();
      const inMemory = jest.spyOn(store, 'overviewRefs');
      const all = await page('user:default/all', 4, 3);
      expect(inMemory).not.toHaveBeenCalled();
      expect(all.totalItems).toBe(12);
      expect(all.items.map(r => r.entityRef)).toEqual([ref(4), ref(5), ref(6)]);
      expect(all.items[0].failingChecks).toEqual(['runbook-linked']);
      const tier2 = await page('user:default/all', 1, 2, { tier: 2 });
      expect(tier2.totalItems).toBe(4);
      expect(tier2.items.map(r => r.entityRef)).toEqual([ref(4), ref(7)]);
      expect(inMemory).not.toHaveBeenCalled();

      // A caller who may not see m-05: left out in SQL, pages full, totals
      // exact.
      visible.delete(ref(5));
      const restricted = await page('user:default/restricted', 4, 3);
      expect(inMemory).not.toHaveBeenCalled();
      expect(restricted.totalItems).toBe(11);
      expect(restricted.items.map(r => r.entityRef)).toEqual([
        ref(4),
        ref(6),
        ref(7),
      ]);
    });

    it('gives a restricted caller the same pages and totals in SQL as in memory', async () => {
      const sql = await setup();
      const memory = await setup({ maxHiddenInSql: 0 });
      for (const { visible } of [sql, memory]) {
        visible.delete(ref(0));
        visible.delete(ref(5));
        visible.delete(ref(7));
      }
      const inMemory = jest.spyOn(memory.store, 'overviewRefs');
      const viaSql = jest.spyOn(sql.store, 'overviewRefs');
      for (const filters of [{}, { tier: 2 }, { tier: 1 }]) {
        for (let offset = 0; offset <= 10; offset += 2) {
          const expected = await memory.page(
            'user:default/r',
            offset,
            3,
            filters,
          );
          const actual = await sql.page('user:default/r', offset, 3, filters);
          expect(actual).toEqual(expected);
          expect(actual.items.map(r => r.entityRef)).not.toContain(ref(5));
        }
      }
      expect(inMemory).toHaveBeenCalled();
      expect(viaSql).not.toHaveBeenCalled();
      expect((await sql.page('user:default/r', 0, 50)).totalItems).toBe(9);
    });

    it('stops paging in SQL when a grade appears for a model the caller may not see', async () => {
      const { store, page, now } = await setup();
      expect((await page('user:default/u', 0, 50)).totalItems).toBe(12);
      // Graded, but not in the caller's (cached) visible set.
      await store.writeGrades([grade(12)], now);
      // A first page without it still counts only what the caller sees.
      const first = await page('user:default/u', 0, 5);
      expect(first.totalItems).toBe(12);
      const after = await page('user:default/u', 0, 50);
      expect(after.totalItems).toBe(12);
      expect(after.items.map(r => r.entityRef)).not.toContain(ref(12));
    });

    it('never shows a hidden model that replaced another one with the number of grades unchanged', async () => {
      const { knex, store, page, now } = await setup();
      const inMemory = jest.spyOn(store, 'overviewRefs');
      expect((await page('user:default/u', 10, 5)).items).toHaveLength(2);
      expect(inMemory).not.toHaveBeenCalled();
      // m-11 goes, hidden m-12 comes: the count stays 12.
      await knex('readiness_check_issues')
        .where({ entity_ref: ref(11) })
        .delete();
      await knex('readiness_grades')
        .where({ entity_ref: ref(11) })
        .delete();
      await store.writeGrades([grade(12)], now);
      const last = await page('user:default/u', 10, 5);
      expect(inMemory).toHaveBeenCalledTimes(1);
      expect(last.items.map(r => r.entityRef)).toEqual([ref(10)]);
      expect(last.totalItems).toBe(11);
    });

    it('shows a changed grade on the next request', async () => {
      const { store, page, now } = await setup();
      const before = await page('user:default/u', 1, 1);
      expect(before.items[0]).toMatchObject({ level: 'gold', failing: 0 });
      await store.writeGrades(
        [{ ...grade(4), entityRef: ref(1), tier: 2 }],
        new Date(now.getTime() + 1000),
      );
      const after = await page('user:default/u', 1, 1);
      expect(after.items[0]).toMatchObject({
        entityRef: ref(1),
        level: 'bronze',
        failing: 1,
        failingChecks: ['runbook-linked'],
      });
    });
  },
);
