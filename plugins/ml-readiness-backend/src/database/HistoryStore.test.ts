import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { exemplaryFacts } from '@ml-golden-paths/plugin-ml-readiness-common';
import { FactWrite, GradeWrite, ReadinessStore } from './ReadinessStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const DAY = 86_400_000;
const t0 = Date.parse('2026-01-01T00:00:00Z');

/** An available `entity` fact set with these values. */
function entityWrite(values: unknown): FactWrite {
  return {
    factSet: 'entity',
    collector: 'c',
    schemaVersion: 1,
    status: 'available',
    values,
  };
}

function grade(
  entityRef: string,
  owner: string | undefined,
  failing: string[],
): GradeWrite {
  return {
    entityRef,
    owner,
    tier: 1,
    stage: 'production',
    level: failing.length ? 'silver' : 'gold',
    requiredLevel: 'gold',
    meetsRequiredLevel: failing.length === 0,
    failing: failing.length,
    unknown: 1,
    exempt: 0,
    checks: [
      ...failing.map(checkId => ({
        checkId,
        state: 'fail' as const,
        reason: 'r',
        factTimes: {},
      })),
      { checkId: 'u', state: 'unknown', reason: 'r', factTimes: {} },
    ],
  };
}

describe.each(databases.eachSupportedId())(
  'readiness history on %s',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const store = await ReadinessStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      return { knex, store };
    }

    it('rebuilds every version of the fact history from the stored deltas', async () => {
      const { knex, store } = await createStore();
      const ref = 'resource:default/m';
      const written: Array<{ factSet: string; at: string; doc: object }> = [];
      const facts = exemplaryFacts() as any;
      for (let day = 0; day < 40; day += 1) {
        const at = new Date(t0 + day * DAY);
        const writes: FactWrite[] = [];
        // Mostly one value flips; sometimes a set becomes unavailable,
        // loses a member or comes back.
        const set = ['entity', 'repository'][day % 2];
        const roll = ((day * 37) % 100) / 100;
        let write: FactWrite;
        if (roll < 0.15) {
          write = {
            factSet: set,
            collector: 'c',
            schemaVersion: 1,
            status: 'unavailable',
            reason: `outage ${day}`,
          };
        } else {
          const values = structuredClone(facts[set]);
          if (roll < 0.3) delete values[Object.keys(values)[0]];
          values.flip = day;
          values.nested = { day, keep: 'same', list: [day % 3, 'x'] };
          write = {
            factSet: set,
            collector: 'c',
            schemaVersion: 1,
            status: 'available',
            values,
            observedAt: new Date(at.getTime() - 1000),
          };
        }
        writes.push(write);
        expect(await store.writeFacts(ref, writes, at)).toBe(true);
        written.push({
          factSet: set,
          at: at.toISOString(),
          doc:
            write.status === 'available'
              ? {
                  status: 'available',
                  values: write.values,
                  observedAt: write.observedAt!.toISOString(),
                }
              : { status: 'unavailable', reason: write.reason },
        });
      }
      const history = await store.factHistory(ref, new Date(0));
      expect(history).toHaveLength(written.length);
      history.forEach((entry, i) => {
        expect(entry).toEqual({
          factSet: written[i].factSet,
          changedAt: written[i].at,
          ...written[i].doc,
        });
      });
      // A window, and one fact set.
      const since = new Date(t0 + 30 * DAY);
      expect(await store.factHistory(ref, since)).toEqual(history.slice(30));
      expect(await store.factHistory(ref, since, 'entity')).toEqual(
        history.slice(30).filter(h => h.factSet === 'entity'),
      );
      expect(await store.factHistory(ref, since, 'nope')).toEqual([]);
      expect(await store.factHistory('resource:default/none', since)).toEqual(
        [],
      );
      // Rows hold deltas, not the full values.
      const rows = await knex('readiness_fact_history').select('data');
      const big = JSON.stringify(facts.repository).length;
      expect(
        rows.filter(r => r.data && r.data.length > big / 2).length,
      ).toBeLessThan(rows.length / 3);
    });

    it('keeps grade history per model and per team with ids and ranks', async () => {
      const { knex, store } = await createStore();
      const a = 'resource:default/a';
      const b = 'resource:default/b';
      await store.writeGrades(
        [grade(a, 'group:default/x', ['c1', 'c2']), grade(b, undefined, [])],
        new Date(t0),
      );
      await store.writeGrades(
        [grade(a, 'group:default/y', []), grade(b, 'group:default/x', ['c2'])],
        new Date(t0 + DAY),
      );
      expect(await store.modelHistory(a, new Date(0))).toEqual([
        {
          entityRef: a,
          owner: 'group:default/x',
          level: 'silver',
          requiredLevel: 'gold',
          meetsRequiredLevel: false,
          failing: 2,
          unknown: 1,
          exempt: 0,
          failingChecks: ['c1', 'c2'],
          recordedAt: new Date(t0).toISOString(),
        },
        expect.objectContaining({
          owner: 'group:default/y',
          level: 'gold',
          failingChecks: [],
          recordedAt: new Date(t0 + DAY).toISOString(),
        }),
      ]);
      expect(await store.modelHistory(a, new Date(t0 + DAY))).toHaveLength(1);
      // Team x owned a on day 0 and b on day 1.
      const team = await store.teamHistory(['group:default/x'], new Date(0));
      expect(team.map(h => [h.entityRef, h.recordedAt])).toEqual([
        [a, new Date(t0).toISOString()],
        [b, new Date(t0 + DAY).toISOString()],
      ]);
      expect(
        (await store.teamHistory(['group:default/x'], new Date(0), [b])).map(
          h => h.entityRef,
        ),
      ).toEqual([b]);
      expect(await store.teamHistory(['group:default/z'], new Date(0))).toEqual(
        [],
      );
      // The row stores ids, not strings.
      const row = await knex('readiness_grade_history').first();
      expect(JSON.stringify(row)).not.toContain('resource:default');
      expect(JSON.stringify(row)).not.toContain('group:default');
    });

    it('prunes old history and keeps the rest rebuildable, also of removed models', async () => {
      const { knex, store } = await createStore();
      const kept = 'resource:default/kept';
      const gone = 'resource:default/gone';
      const write = (day: number) => entityWrite({ day, same: 'x' });
      for (let day = 0; day < 10; day += 1) {
        for (const ref of [kept, gone]) {
          await store.writeFacts(ref, [write(day)], new Date(t0 + day * DAY));
        }
        await store.writeGrades(
          [grade(kept, 'group:default/t', []), grade(gone, undefined, ['c'])],
          new Date(t0 + day * DAY),
        );
        await knex('readiness_grades').update({ hash: `h${day}` });
      }
      const result = await store.applyRetention({
        keepEntityRefs: [kept],
        historyCutoff: new Date(t0 + 6 * DAY),
      });
      expect(result).toEqual({ removedModels: 1, removedHistory: 24 });
      const days = (h: Array<{ values?: unknown }>) =>
        h.map(e => (e.values as any).day);
      expect(days(await store.factHistory(kept, new Date(0)))).toEqual([
        6, 7, 8, 9,
      ]);
      // The removed model has no current facts, its history still reads.
      expect(await store.listFactEntityRefs()).toEqual([kept]);
      expect(days(await store.factHistory(gone, new Date(0)))).toEqual([
        6, 7, 8, 9,
      ]);
      expect(await store.modelHistory(gone, new Date(0))).toHaveLength(4);
      // It comes back: a new chain starts, the old versions stay readable.
      await store.writeFacts(gone, [write(20)], new Date(t0 + 20 * DAY));
      await store.writeFacts(gone, [write(21)], new Date(t0 + 21 * DAY));
      expect(days(await store.factHistory(gone, new Date(0)))).toEqual([
        6, 7, 8, 9, 20, 21,
      ]);
      // Everything expires.
      await store.applyRetention({
        keepEntityRefs: [kept, gone],
        historyCutoff: new Date(t0 + 30 * DAY),
      });
      expect(await store.factHistory(gone, new Date(0))).toEqual([]);
    });

    it('never records a fact version before the one it replaces', async () => {
      const { store } = await createStore();
      const ref = 'resource:default/clock';
      const write = (v: number) => entityWrite({ v });
      await store.writeFacts(ref, [write(1)], new Date(t0 + DAY));
      // Another replica's clock is behind.
      await store.writeFacts(ref, [write(2)], new Date(t0));
      const history = await store.factHistory(ref, new Date(0));
      expect(history.map(h => [(h.values as any).v, h.changedAt])).toEqual([
        [1, new Date(t0 + DAY).toISOString()],
        [2, new Date(t0 + DAY).toISOString()],
      ]);
    });
  },
);
