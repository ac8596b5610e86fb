import { FORBIDDEN_KEYS, ML_SCHEMA_LIMITS } from '../schema/limits';
import type { MlValidationIssue } from './MlValidationResult';
import { formatIssuePath } from './formatIssuePath';

const MAX_ISSUES = 20;
const MAX_NODES = 50_000;

/**
 * Walks a raw value before schema validation and reports prototype-polluting
 * keys, oversized strings and arrays, and excessive nesting. Bounded in work:
 * it stops after a fixed number of nodes and issues.
 */
export function scanForUnsafeValues(
  root: unknown,
  rootPath: ReadonlyArray<string | number>,
): MlValidationIssue[] {
  const issues: MlValidationIssue[] = [];
  let nodes = 0;
  const report = (path: ReadonlyArray<string | number>, message: string) => {
    issues.push({ path: formatIssuePath(path), message });
  };

  const visit = (
    value: unknown,
    path: Array<string | number>,
    depth: number,
  ) => {
    if (issues.length >= MAX_ISSUES) {
      return;
    }
    nodes += 1;
    if (nodes > MAX_NODES) {
      if (nodes === MAX_NODES + 1) {
        report(rootPath, `has more than ${MAX_NODES} values`);
      }
      return;
    }
    if (typeof value === 'string') {
      if (value.length > ML_SCHEMA_LIMITS.maxAnyStringLength) {
        report(
          path,
          `string of ${value.length} characters is too long (limit ${ML_SCHEMA_LIMITS.maxAnyStringLength})`,
        );
      }
      return;
    }
    if (typeof value !== 'object' || value === null) {
      return;
    }
    if (depth >= ML_SCHEMA_LIMITS.maxDepth) {
      report(
        path,
        `is nested too deeply (more than ${ML_SCHEMA_LIMITS.maxDepth} levels)`,
      );
      return;
    }
    if (Array.isArray(value)) {
      if (value.length > ML_SCHEMA_LIMITS.maxAnyArrayLength) {
        report(
          path,
          `has ${value.length} entries (limit ${ML_SCHEMA_LIMITS.maxAnyArrayLength})`,
        );
        return;
      }
      value.forEach((item, index) => visit(item, [...path, index], depth + 1));
      return;
    }
    for (const key of Object.getOwnPropertyNames(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        report([...path, key], `key "${key}" is not allowed`);
        continue;
      }
      visit((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    }
  };

  visit(root, [...rootPath], 0);
  return issues;
}
