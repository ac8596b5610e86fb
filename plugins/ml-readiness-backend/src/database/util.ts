import { createHash } from 'node:crypto';

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
