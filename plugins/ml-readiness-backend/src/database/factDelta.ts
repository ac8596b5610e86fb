/*
 * Compact differences between two versions of a fact set, for the fact
 * history: each history row stores how to turn the next newer version back
 * into its own (a reverse delta), so only the changed values are stored and
 * the current row is the base every older version is rebuilt from.
 */

/** One version of a fact set as kept in history. */
export interface FactDocument {
  status: 'available' | 'unavailable';
  values?: unknown;
  reason?: string;
}

/**
 * One step of a delta: `[path, value]` sets the value at the path, `[path]`
 * removes it. A path is a JSON pointer (RFC 6901): `/v/ci/runsTests`.
 */
export type DeltaOp = [string] | [string, unknown];

/** The stored shape of a document: short keys, no undefined members. */
type Compact = { s: string; v?: unknown; r?: string };

function compact(doc: FactDocument): Compact {
  const out: Compact = { s: doc.status };
  if (doc.values !== undefined) out.v = doc.values;
  if (doc.reason !== undefined) out.r = doc.reason;
  return out;
}

function expand(value: unknown): FactDocument {
  const c = value as Compact;
  if (!isPlainObject(c) || (c.s !== 'available' && c.s !== 'unavailable')) {
    throw new Error(`fact history: not a fact document: ${short(value)}`);
  }
  const doc: FactDocument = { status: c.s };
  if (c.v !== undefined) doc.values = c.v;
  if (c.r !== undefined) doc.reason = c.r;
  return doc;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function short(value: unknown) {
  return JSON.stringify(value)?.slice(0, 80);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) {
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => same(x, bb[i]));
  }
  const ka = Object.keys(a);
  const ob = b as Record<string, unknown>;
  return (
    ka.length === Object.keys(ob).length &&
    ka.every(
      k =>
        Object.prototype.hasOwnProperty.call(ob, k) &&
        same((a as Record<string, unknown>)[k], ob[k]),
    )
  );
}

const escapeKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeKey = (key: string) =>
  key.replace(/~1/g, '/').replace(/~0/g, '~');

function diffInto(from: unknown, to: unknown, path: string, ops: DeltaOp[]) {
  if (!isPlainObject(from) || !isPlainObject(to)) {
    if (!same(from, to)) ops.push([path, to]);
    return;
  }
  for (const key of Object.keys(from)) {
    if (!Object.prototype.hasOwnProperty.call(to, key)) {
      ops.push([`${path}/${escapeKey(key)}`]);
    }
  }
  for (const key of Object.keys(to)) {
    const sub = `${path}/${escapeKey(key)}`;
    if (!Object.prototype.hasOwnProperty.call(from, key)) {
      ops.push([sub, to[key]]);
    } else {
      diffInto(from[key], to[key], sub, ops);
    }
  }
}

/**
 * The steps that turn `from` into `to`: objects are compared member by
 * member, anything else (arrays included) is replaced whole when it differs.
 */
export function diffFacts(from: FactDocument, to: FactDocument): DeltaOp[] {
  const ops: DeltaOp[] = [];
  diffInto(compact(from), compact(to), '', ops);
  return ops;
}

/**
 * Applies the steps of {@link diffFacts} to `base` without modifying it: only
 * the objects along a changed path are copied, the rest is shared with
 * `base` (treat the results as read-only).
 */
export function applyFactDelta(
  base: FactDocument,
  ops: DeltaOp[],
): FactDocument {
  let root: unknown = compact(base);
  for (const op of ops) {
    const [path] = op;
    if (path === '') {
      root = op[1];
      continue;
    }
    const keys = path.slice(1).split('/').map(unescapeKey);
    let target = root;
    for (const key of keys.slice(0, -1)) {
      if (!isPlainObject(target)) {
        throw new Error(`fact history: cannot apply ${path}: no object`);
      }
      const child = target[key];
      target[key] = isPlainObject(child) ? { ...child } : {};
      target = target[key];
    }
    if (!isPlainObject(target)) {
      throw new Error(`fact history: cannot apply ${path}: no object`);
    }
    const last = keys[keys.length - 1];
    if (op.length === 1) {
      delete target[last];
    } else {
      target[last] = op[1];
    }
  }
  return expand(root);
}

/**
 * What a history row stores: the delta back to the previous version (null
 * for a first version) and, only when the version cannot be rebuilt from a
 * newer one (its model was removed), the full version.
 */
export interface StoredVersion {
  full?: FactDocument;
  back: DeltaOp[] | null;
}

/**
 * The text of a history row's `data` column: null, a JSON array (the delta
 * back) or a JSON object `{"f": full version, "b": delta back}`.
 */
export function encodeStored(version: StoredVersion): string | null {
  if (version.full) {
    return JSON.stringify({ f: compact(version.full), b: version.back });
  }
  return version.back ? JSON.stringify(version.back) : null;
}

/** Reads a history row's `data` column. */
export function decodeStored(text: string | null): StoredVersion {
  if (text === null) {
    return { back: null };
  }
  const parsed = JSON.parse(text);
  if (Array.isArray(parsed)) {
    return { back: parsed as DeltaOp[] };
  }
  return { full: expand(parsed.f), back: parsed.b ?? null };
}
