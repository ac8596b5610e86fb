/**
 * Turns a path such as `['spec', 'mlops', 'versions', 0, 'stage']` into
 * `spec.mlops.versions[0].stage`.
 *
 * @public
 */
export function formatIssuePath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) {
      out += out ? `.${segment}` : segment;
    } else {
      out += `[${JSON.stringify(segment)}]`;
    }
  }
  return out;
}

/**
 * Joins issues into one readable line:
 * `spec.mlops.tier: expected 1, 2 or 3; spec.owner: Required`.
 *
 * @public
 */
export function formatValidationIssues(
  issues: ReadonlyArray<{ path: string; message: string }>,
): string {
  return issues
    .map(issue =>
      issue.path ? `${issue.path}: ${issue.message}` : issue.message,
    )
    .join('; ');
}
