/**
 * One reason an entity is invalid, with the dotted path of the offending field,
 * e.g. `{ path: 'spec.mlops.tier', message: 'expected 1, 2 or 3' }`.
 *
 * @public
 */
export interface MlValidationIssue {
  path: string;
  message: string;
}

/**
 * Outcome of validating an entity: the parsed value, or the issues found.
 * Validators never throw; they return this instead.
 *
 * @public
 */
export type MlValidationResult<T> =
  { success: true; value: T } | { success: false; issues: MlValidationIssue[] };
