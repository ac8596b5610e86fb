import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { resolve } from 'node:path';
import { canonicalJson, hashOf } from './util';
import { ReadinessStore } from './ReadinessStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const directory = resolve(__dirname, '../../migrations');
const DAY = 86_400_000;
const t0 = Date.parse('2026-03-01T00:00:00Z');

/** Old-format rows, as the init migration's store wrote them. */
function oldRows() {
  const facts: any[] = [];
  const versions = (ref: string, set: string, n: number) => {
    const out: any[] = [];
    for (let i = 0; i < n; i += 1) {
      const unavailable = i === 2;
      const values = unavailable
        ? undefined
        : { n: i, owner: 'group:default/t', list: [i, 'a'], deep: { i } };
      const row = {
        entity_ref: ref,
        fact_set: set,
        status: unavailable ? 'unavailable' : 'available',
        values_json: values === undefined ? null : canonicalJson(values),
        reason: unavailable ? 'rate limited' : null,
        hash: hashOf({
          status: unavailable ? 'unavailable' : 'available',
          values: values ?? null,
          reason: unavailable ? 'rate limited' : null,
        }),
        observed_at: unavailable
          ? null
          : new Date(t0 + i * DAY - 5000).toISOString(),
        changed_at: new Date(t0 + i * DAY).toISOString(),
      };
      out.push(row);
    }
    facts.push(...out);
    return out;
  };
  const a = versions('resource:default/a', 'entity', 5);
  const b = versions('resource:default/a', 'repository', 3);
  // A model gone from the catalog: history without a current row.
  versions('resource:default/gone', 'entity', 4);
  const current = [a[a.length - 1], b[b.length - 1]].map(
    ({ changed_at, ...row }) => ({
      ...row,
      collector: 'c',
      schema_version: 1,
      changed_at,
      collected_at: changed_at,
    }),
  );
  const grades = [0, 1, 2].map(i => ({
    entity_ref: i === 2 ? 'resource:default/gone' : 'resource:default/a',
    owner: i === 1 ? null : 'group:default/t',
    level: ['none', 'silver', 'gold'][i],
    required_level: 'gold',
    meets_required: i === 2,
    failing: 2 - i,
    unknown: i,
    exempt: 0,
    failing_checks: ['c1,c2', 'c2', ''][i],
    recorded_at: new Date(t0 + i * DAY).toISOString(),
  }));
  return { facts, current, grades };
}

describe.each(databases.eachSupportedId())(
  'compact history migration on %s',
  databaseId => {
    it('converts history written by the old schema without losing anything, and back', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.up({ directory, name: '20261129120000_init.js' });
      const old = oldRows();
      await knex('readiness_fact_history').insert(old.facts);
      await knex('readiness_facts').insert(old.current);
      await knex('readiness_grade_history').insert(old.grades);

      const store = await ReadinessStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      // Every version rebuilt equals the old row.
      for (const ref of ['resource:default/a', 'resource:default/gone']) {
        const expected = old.facts
          .filter(r => r.entity_ref === ref)
          .map(r => ({
            factSet: r.fact_set,
            status: r.status,
            ...(r.values_json ? { values: JSON.parse(r.values_json) } : {}),
            ...(r.reason ? { reason: r.reason } : {}),
            ...(r.observed_at ? { observedAt: r.observed_at } : {}),
            changedAt: r.changed_at,
          }))
          .sort(
            (x, y) =>
              x.changedAt.localeCompare(y.changedAt) ||
              x.factSet.localeCompare(y.factSet),
          );
        const rebuilt = await store.factHistory(ref, new Date(0));
        expect(
          [...rebuilt].sort(
            (x, y) =>
              x.changedAt.localeCompare(y.changedAt) ||
              x.factSet.localeCompare(y.factSet),
          ),
        ).toEqual(expected);
      }
      expect(
        (await store.modelHistory('resource:default/a', new Date(0))).map(h => [
          h.owner,
          h.level,
          h.failingChecks,
          h.recordedAt,
        ]),
      ).toEqual([
        ['group:default/t', 'none', ['c1', 'c2'], old.grades[0].recorded_at],
        [undefined, 'silver', ['c2'], old.grades[1].recorded_at],
      ]);
      expect(
        (await store.teamHistory(['group:default/t'], new Date(0))).map(
          h => h.entityRef,
        ),
      ).toEqual(['resource:default/a', 'resource:default/gone']);
      // New writes continue the converted chains.
      await store.writeFacts(
        'resource:default/a',
        [
          {
            factSet: 'entity',
            collector: 'c',
            schemaVersion: 1,
            status: 'available',
            values: { n: 99 },
          },
        ],
        new Date(t0 + 10 * DAY),
      );
      const after = await store.factHistory('resource:default/a', new Date(0));
      expect(
        after.filter(h => h.factSet === 'entity').map(h => h.values),
      ).toEqual(
        [0, 1, undefined, 3, 4]
          .map((n): unknown =>
            n === undefined
              ? undefined
              : { n, owner: 'group:default/t', list: [n, 'a'], deep: { i: n } },
          )
          .concat([{ n: 99 }]),
      );

      // Down again: the old tables with the same rows (plus the new one).
      await knex.migrate.down({ directory });
      const rows = await knex('readiness_fact_history').orderBy('id');
      const comparable = (r: any) => ({
        entity_ref: r.entity_ref,
        fact_set: r.fact_set,
        status: r.status,
        values_json: r.values_json,
        reason: r.reason,
        hash: r.hash,
        observed_at: r.observed_at && new Date(r.observed_at).toISOString(),
        changed_at: new Date(
          /Z$/.test(String(r.changed_at)) || r.changed_at instanceof Date
            ? r.changed_at
            : `${r.changed_at}Z`,
        ).toISOString(),
      });
      const byKey = (x: any, y: any) =>
        `${x.entity_ref}${x.fact_set}${x.changed_at}`.localeCompare(
          `${y.entity_ref}${y.fact_set}${y.changed_at}`,
        );
      expect(rows.map(comparable).sort(byKey)).toEqual(
        [
          ...old.facts,
          {
            entity_ref: 'resource:default/a',
            fact_set: 'entity',
            status: 'available',
            values_json: '{"n":99}',
            reason: null,
            hash: hashOf({
              status: 'available',
              values: { n: 99 },
              reason: null,
            }),
            observed_at: null,
            changed_at: new Date(t0 + 10 * DAY).toISOString(),
          },
        ]
          .map(comparable)
          .sort(byKey),
      );
      const grades = await knex('readiness_grade_history').orderBy('id');
      expect(
        grades.map(g => [g.entity_ref, g.owner, g.level, g.failing_checks]),
      ).toEqual(
        old.grades.map(g => [g.entity_ref, g.owner, g.level, g.failing_checks]),
      );
      expect(await knex.schema.hasTable('readiness_models')).toBe(false);
    });
  },
);
