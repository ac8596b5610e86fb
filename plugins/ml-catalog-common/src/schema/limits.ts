/**
 * Size limits the entity schemas enforce, so that a hostile or broken catalog
 * file cannot make processing slow or memory-hungry.
 *
 * @public
 */
export const ML_SCHEMA_LIMITS = {
  /** Short identifiers and labels (task, framework, version, ...). */
  maxNameLength: 200,
  /** URLs and paths. */
  maxUrlLength: 2048,
  /** Free text (descriptions, schedules). */
  maxTextLength: 4000,
  /** Any string anywhere in an ML entity's spec. */
  maxAnyStringLength: 10_000,
  /** Versions listed in one model. */
  maxVersions: 500,
  /** Keys in one metrics map. */
  maxMetrics: 100,
  /** Entries in any other list (refs, alerts, ...). */
  maxListLength: 200,
  /** Any array anywhere in an ML entity's spec. */
  maxAnyArrayLength: 1000,
  /** Nesting depth below `spec`. */
  maxDepth: 10,
} as const;

/**
 * Object keys that are never accepted anywhere in an ML entity's spec, because
 * they can alter object prototypes in consumers that copy the data.
 *
 * @public
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);
