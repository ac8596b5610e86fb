/*
 * Compact readiness history: 10,000 models × 365 days of daily changes fit
 * in well under 1 GB.
 *
 * - readiness_models: an integer id per model; history rows carry the id,
 *   not the entity ref string.
 * - readiness_terms: integer ids of repeated names (fact sets, owners, check
 *   ids).
 * - readiness_model_owners: every (owner, model) pair seen in grade history,
 *   so the history of a team finds its models without an owner index on the
 *   history itself.
 * - readiness_fact_history: one row per change of a fact set with a reverse
 *   delta: how to turn this version back into the previous one. The newest
 *   version is the current row of readiness_facts, so every older version
 *   is rebuilt from it backwards; deleting the oldest rows (retention) never
 *   breaks the chain. A row whose version cannot be rebuilt from a newer one
 *   (its model was removed) holds the full document: {"f": doc, "b": delta}.
 * - readiness_grade_history: levels as ranks, ids instead of strings, epoch
 *   milliseconds, one index (model_id, recorded_at).
 *
 * Existing history rows are converted, nothing is dropped. This file keeps
 * its own copy of the delta format (src/database/factDelta.ts) on purpose: a
 * migration must keep working as it is when the application code moves on.
 */

const { createHash } = require('node:crypto');

const LEVELS = ['none', 'bronze', 'silver', 'gold'];

/** @param {unknown} value */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @param {unknown} a @param {unknown} b @returns {boolean} */
function same(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    return a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every(k => Object.hasOwn(b, k) && same(a[k], b[k]))
  );
}

const esc = key => key.replace(/~/g, '~0').replace(/\//g, '~1');
const unesc = key => key.replace(/~1/g, '/').replace(/~0/g, '~');

/** Steps turning `from` into `to` ([path, value] sets, [path] removes). */
function diff(from, to, path = '', ops = []) {
  if (!isObject(from) || !isObject(to)) {
    if (!same(from, to)) ops.push([path, to]);
    return ops;
  }
  for (const key of Object.keys(from)) {
    if (!Object.hasOwn(to, key)) ops.push([`${path}/${esc(key)}`]);
  }
  for (const key of Object.keys(to)) {
    const sub = `${path}/${esc(key)}`;
    if (!Object.hasOwn(from, key)) ops.push([sub, to[key]]);
    else diff(from[key], to[key], sub, ops);
  }
  return ops;
}

function apply(base, ops) {
  let root = structuredClone(base);
  for (const op of ops) {
    if (op[0] === '') {
      root = structuredClone(op[1]);
      continue;
    }
    const keys = op[0].slice(1).split('/').map(unesc);
    let target = root;
    for (const key of keys.slice(0, -1)) {
      if (!isObject(target[key])) target[key] = {};
      target = target[key];
    }
    const last = keys[keys.length - 1];
    if (op.length === 1) delete target[last];
    else target[last] = structuredClone(op[1]);
  }
  return root;
}

/** A fact version as stored: {s: status, v?: values, r?: reason}. */
function docOf(row) {
  const doc = { s: row.status };
  if (row.values_json !== null && row.values_json !== undefined) {
    doc.v = JSON.parse(row.values_json);
  }
  if (row.reason !== null && row.reason !== undefined) doc.r = row.reason;
  return doc;
}

/** Epoch milliseconds of a timestamp column (Date, ISO text or number). */
function millis(value) {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  const text = String(value);
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
}

/** JSON with sorted object keys (as the store hashes values). */
function canonical(value) {
  return JSON.stringify(value, (_k, v) =>
    isObject(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map(k => [k, v[k]]),
        )
      : v,
  );
}

/** Ids of names in a lookup table, created on first use. */
function idCache(knex, table, column, extra = {}) {
  const ids = new Map();
  return async name => {
    if (name === null || name === undefined) return null;
    let id = ids.get(name);
    if (id === undefined) {
      const key = { ...extra, [column]: name };
      await knex(table).insert(key).onConflict(Object.keys(key)).ignore();
      id = (await knex(table).where(key).first('id')).id;
      ids.set(name, id);
    }
    return id;
  };
}

/** Renames a table out of the way (PostgreSQL: with its primary key name). */
async function renameAway(knex, table) {
  await knex.schema.renameTable(table, `${table}_v1`);
  if (knex.client.config.client === 'pg') {
    await knex.raw('ALTER INDEX ?? RENAME TO ??', [
      `${table}_pkey`,
      `${table}_v1_pkey`,
    ]);
  }
}

/** Calls `fn` with the rows of a table in pages of 1,000, in id order. */
async function eachPage(knex, table, fn) {
  let lastId = 0;
  for (;;) {
    const rows = await knex(table)
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(1000);
    if (rows.length === 0) return;
    lastId = Number(rows[rows.length - 1].id);
    await fn(rows);
  }
}

async function insertAll(knex, table, rows) {
  for (let i = 0; i < rows.length; i += 200) {
    await knex(table).insert(rows.slice(i, i + 200));
  }
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_models', table => {
    table.comment('An integer id per model, used by the history tables');
    table.increments('id').primary();
    table.string('entity_ref', 255).notNullable().unique();
  });
  await knex.schema.createTable('readiness_terms', table => {
    table.comment('Integer ids of fact set names, owners and check ids');
    table.increments('id').primary();
    table.string('kind', 16).notNullable().comment('fact_set | owner | check');
    table.string('name', 255).notNullable();
    table.unique(['kind', 'name']);
  });
  await knex.schema.createTable('readiness_model_owners', table => {
    table.comment('Every owner a model had in its grade history');
    table.integer('owner_id').notNullable();
    table.integer('model_id').notNullable();
    table.primary(['owner_id', 'model_id']);
  });

  await renameAway(knex, 'readiness_fact_history');
  await renameAway(knex, 'readiness_grade_history');

  await knex.schema.createTable('readiness_fact_history', table => {
    table.comment(
      'Every change of a fact set, as a reverse delta to the previous version',
    );
    table.bigIncrements('id').primary();
    table.integer('model_id').notNullable();
    table.integer('fact_set_id').notNullable();
    table.bigInteger('changed_at').notNullable().comment('epoch ms');
    table.bigInteger('observed_at').nullable().comment('epoch ms');
    table
      .text('data')
      .nullable()
      .comment(
        'null: first version; [ops]: delta to the previous version; {"f": full version, "b": delta}',
      );
    // A model's history (window by time) and a chain's newest row.
    table.index(['model_id', 'fact_set_id', 'changed_at']);
  });
  await knex.schema.createTable('readiness_grade_history', table => {
    table.comment('A snapshot of a grade on every change');
    table.bigIncrements('id').primary();
    table.integer('model_id').notNullable();
    table.bigInteger('recorded_at').notNullable().comment('epoch ms');
    table.integer('owner_id').nullable();
    table.smallint('level').notNullable().comment('rank: 0 none … 3 gold');
    table.smallint('required_level').notNullable();
    table.boolean('meets_required').notNullable();
    table.integer('failing').notNullable();
    table.integer('unknown').notNullable();
    table.integer('exempt').notNullable();
    table
      .text('failing_checks')
      .notNullable()
      .comment('comma-separated readiness_terms ids');
    // History of one model, and of a team's models (via model owners).
    table.index(['model_id', 'recorded_at']);
  });

  const modelId = idCache(knex, 'readiness_models', 'entity_ref');
  const term = kind => idCache(knex, 'readiness_terms', 'name', { kind });
  const factSetId = term('fact_set');
  const ownerId = term('owner');
  const checkId = term('check');

  // Fact history, one chain (model, fact set) at a time.
  const chains = await knex('readiness_fact_history_v1')
    .distinct('entity_ref', 'fact_set')
    .orderBy(['entity_ref', 'fact_set']);
  for (const chain of chains) {
    const rows = await knex('readiness_fact_history_v1')
      .where(chain)
      .orderBy([
        { column: 'changed_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    const current = await knex('readiness_facts').where(chain).first();
    const mid = await modelId(chain.entity_ref);
    const fid = await factSetId(chain.fact_set);
    const out = [];
    let previous;
    let previousAt = -Infinity;
    for (const row of rows) {
      const doc = docOf(row);
      const back = previous ? diff(doc, previous) : null;
      // Time order equals insertion order within a chain.
      previousAt = Math.max(previousAt, millis(row.changed_at));
      out.push({
        model_id: mid,
        fact_set_id: fid,
        changed_at: previousAt,
        observed_at: millis(row.observed_at),
        data: back ? JSON.stringify(back) : null,
        doc,
      });
      previous = doc;
    }
    const newest = out[out.length - 1];
    if (!current || !same(docOf(current), newest.doc)) {
      newest.data = JSON.stringify({
        f: newest.doc,
        b: newest.data ? JSON.parse(newest.data) : null,
      });
    }
    await insertAll(
      knex,
      'readiness_fact_history',
      out.map(({ doc: _doc, ...row }) => row),
    );
  }

  // Grade history in pages, in the order it was recorded.
  await eachPage(knex, 'readiness_grade_history_v1', async rows => {
    const out = [];
    const pairs = [];
    for (const row of rows) {
      const mid = await modelId(row.entity_ref);
      const oid = await ownerId(row.owner);
      const checks = [];
      for (const id of String(row.failing_checks ?? '')
        .split(',')
        .filter(Boolean)) {
        checks.push(await checkId(id));
      }
      if (oid !== null) pairs.push({ owner_id: oid, model_id: mid });
      out.push({
        model_id: mid,
        recorded_at: millis(row.recorded_at),
        owner_id: oid,
        level: LEVELS.indexOf(row.level),
        required_level: LEVELS.indexOf(row.required_level),
        meets_required: Boolean(row.meets_required),
        failing: row.failing,
        unknown: row.unknown,
        exempt: row.exempt,
        failing_checks: checks.join(','),
      });
    }
    await insertAll(knex, 'readiness_grade_history', out);
    for (const pair of pairs) {
      await knex('readiness_model_owners').insert(pair).onConflict().ignore();
    }
  });

  await knex.schema.dropTable('readiness_fact_history_v1');
  await knex.schema.dropTable('readiness_grade_history_v1');
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await renameAway(knex, 'readiness_fact_history');
  await renameAway(knex, 'readiness_grade_history');
  // The tables as the init migration created them.
  await knex.schema.createTable('readiness_fact_history', table => {
    table.comment('Every change of a fact set (stored only when it changes)');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('fact_set', 64).notNullable();
    table.string('status', 16).notNullable();
    table.text('values_json').nullable();
    table.text('reason').nullable();
    table.string('hash', 64).notNullable();
    table.timestamp('observed_at', { useTz: true }).nullable();
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'fact_set', 'changed_at']);
    table.index(['changed_at']);
  });
  await knex.schema.createTable('readiness_grade_history', table => {
    table.comment('A snapshot of a grade on every change');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('owner', 255).nullable();
    table.string('level', 16).notNullable();
    table.string('required_level', 16).notNullable();
    table.boolean('meets_required').notNullable();
    table.integer('failing').notNullable();
    table.integer('unknown').notNullable();
    table.integer('exempt').notNullable();
    table.text('failing_checks').notNullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'recorded_at']);
    table.index(['owner', 'recorded_at']);
    table.index(['recorded_at']);
  });

  const refs = new Map(
    (await knex('readiness_models')).map(r => [r.id, r.entity_ref]),
  );
  const names = new Map(
    (await knex('readiness_terms')).map(r => [r.id, r.name]),
  );
  const iso = ms =>
    ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString();

  const chains = await knex('readiness_fact_history_v1')
    .distinct('model_id', 'fact_set_id')
    .orderBy(['model_id', 'fact_set_id']);
  for (const chain of chains) {
    const entityRef = refs.get(chain.model_id);
    const factSet = names.get(chain.fact_set_id);
    const rows = await knex('readiness_fact_history_v1')
      .where(chain)
      .orderBy('id', 'desc');
    const current = await knex('readiness_facts')
      .where({ entity_ref: entityRef, fact_set: factSet })
      .first();
    let doc = current ? docOf(current) : undefined;
    let back = null;
    const out = [];
    for (const row of rows) {
      const data = row.data === null ? null : JSON.parse(row.data);
      if (isObject(data)) {
        doc = data.f;
      } else if (out.length > 0) {
        // An older version: the newer one's delta leads back to it.
        if (!back) throw new Error(`fact history of ${entityRef}: no base`);
        doc = apply(doc, back);
      }
      if (!doc) throw new Error(`fact history of ${entityRef}: no base`);
      back = isObject(data) ? data.b : data;
      out.push({
        entity_ref: entityRef,
        fact_set: factSet,
        status: doc.s,
        values_json: doc.v === undefined ? null : canonical(doc.v),
        reason: doc.r ?? null,
        hash: createHash('sha256')
          .update(
            canonical({
              status: doc.s,
              values: doc.v ?? null,
              reason: doc.r ?? null,
            }),
          )
          .digest('hex'),
        observed_at: iso(row.observed_at),
        changed_at: iso(row.changed_at),
      });
    }
    await insertAll(knex, 'readiness_fact_history', out.reverse());
  }

  await eachPage(knex, 'readiness_grade_history_v1', async rows => {
    await insertAll(
      knex,
      'readiness_grade_history',
      rows.map(row => ({
        entity_ref: refs.get(row.model_id),
        owner: row.owner_id === null ? null : names.get(row.owner_id),
        level: LEVELS[row.level],
        required_level: LEVELS[row.required_level],
        meets_required: Boolean(row.meets_required),
        failing: row.failing,
        unknown: row.unknown,
        exempt: row.exempt,
        failing_checks: String(row.failing_checks)
          .split(',')
          .filter(Boolean)
          .map(id => names.get(Number(id)))
          .join(','),
        recorded_at: iso(row.recorded_at),
      })),
    );
  });

  for (const table of [
    'readiness_fact_history_v1',
    'readiness_grade_history_v1',
    'readiness_model_owners',
    'readiness_terms',
    'readiness_models',
  ]) {
    await knex.schema.dropTable(table);
  }
};
