/**
 * How far GitHub's clock may run behind the portal's before a repository
 * created early in a task looks older than the task.
 */
export const CLOCK_SKEW_MS = 60_000;

/**
 * Decides whether a repository was created by the running task: GitHub's
 * `created_at` of the repository must not be earlier than the task's
 * `createdAt` (less {@link CLOCK_SKEW_MS}). Both times are set by servers,
 * not by the template, so a template cannot claim a repository it did not
 * create. Returns the reason for a refusal, or undefined.
 */
export function checkCreatedByTask(options: {
  slug: string;
  repoCreatedAt?: string;
  taskCreatedAt?: string;
}): string | undefined {
  const { slug, repoCreatedAt, taskCreatedAt } = options;
  const repoTime = repoCreatedAt ? Date.parse(repoCreatedAt) : NaN;
  const taskTime = taskCreatedAt ? Date.parse(taskCreatedAt) : NaN;
  if (Number.isNaN(repoTime) || Number.isNaN(taskTime)) {
    return `cannot tell whether this task created ${slug} (repository created ${
      repoCreatedAt ?? 'at an unknown time'
    }, task started ${taskCreatedAt ?? 'at an unknown time'})`;
  }
  if (repoTime < taskTime - CLOCK_SKEW_MS) {
    return `${slug} was created at ${new Date(
      repoTime,
    ).toISOString()}, before this task started (${new Date(
      taskTime,
    ).toISOString()}); this task did not create it`;
  }
  return undefined;
}
