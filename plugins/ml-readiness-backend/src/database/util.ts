import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/** JSON with object keys sorted, so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map(k => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

/** sha256 of the canonical JSON of a value. */
export function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** Reads a timestamp column (Date on PostgreSQL, string/number on SQLite) as ISO 8601. */
export function toIso(value: unknown): string {
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (typeof value === 'number') {
    return new Date(value).toISOString();
  }
  const text = String(value);
  const parsed = Date.parse(
    /[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`,
  );
  return Number.isNaN(parsed) ? text : new Date(parsed).toISOString();
}

/** Optional timestamp column. */
export function toIsoOrUndefined(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : toIso(value);
}

/**
 * Inserts many rows with multi-row `VALUES` statements (portable to SQLite
 * and PostgreSQL). knex writes a multi-row insert on SQLite as a compound
 * `SELECT … UNION ALL …`, which SQLite parses far more slowly and caps at
 * 500 terms; at 10,000 re-graded models the check rows alone took hundreds
 * of such statements. `columns` fixes the order; every row must have them.
 */
export async function insertRows(
  db: Knex | Knex.Transaction,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
): Promise<void> {
  // At most ~30,000 bound values per statement (SQLite's limit is 32,766).
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const head = `insert into ?? (${columns.map(() => '??').join(', ')}) values `;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const bindings: unknown[] = [table, ...columns];
    for (const row of chunk) {
      for (const column of columns) {
        const value = row[column];
        bindings.push(value === undefined ? null : value);
      }
    }
    await db.raw(
      head + chunk.map(() => tuple).join(', '),
      bindings as Knex.RawBinding[],
    );
  }
}
