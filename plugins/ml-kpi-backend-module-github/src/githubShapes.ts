import { z } from 'zod';

/*
 * The parts of GitHub REST answers the backfill reads (unknown fields are
 * allowed). Deployment statuses, workflow runs and issues are passed on in
 * the shape of the webhook payloads and validated again by the KPI plugin
 * with the webhook schemas.
 */

const timestamp = z.string().datetime({ offset: true });

/** `GET /repos/{owner}/{repo}` */
export const repositorySchema = z.object({
  full_name: z.string(),
  default_branch: z.string().min(1),
});

/** An item of `GET /repos/{owner}/{repo}/deployments` */
export const deploymentSchema = z.object({
  id: z.number().int(),
  sha: z.string().regex(/^[0-9a-f]{7,64}$/i, 'must be a commit sha'),
  environment: z.string().nullish(),
  created_at: timestamp,
});

/** An item of `GET /repos/{owner}/{repo}/deployments/{id}/statuses` */
export const deploymentStatusSchema = z.object({
  state: z.string().min(1),
  created_at: timestamp,
  environment: z.string().nullish(),
});

/** `GET /repos/{owner}/{repo}/actions/runs` */
export const workflowRunsSchema = z.object({
  workflow_runs: z.array(z.object({ created_at: timestamp }).passthrough()),
});

/** An item of `GET /repos/{owner}/{repo}/issues` */
export const issueSchema = z
  .object({
    updated_at: timestamp,
    pull_request: z.unknown().optional(),
  })
  .passthrough();

/** A commit of `GET /repos/{owner}/{repo}/commits` and of a compare. */
export const commitSchema = z.object({
  sha: z.string().regex(/^[0-9a-f]{40,64}$/i, 'must be a full commit sha'),
  parents: z.array(z.object({ sha: z.string() })),
  commit: z.object({
    author: z.object({ date: timestamp }).nullable(),
    committer: z.object({ date: timestamp }).nullable(),
  }),
});

/** `GET /repos/{owner}/{repo}/compare/{base}...{head}` */
export const compareSchema = z.object({
  status: z.string(),
  total_commits: z.number().int().nonnegative(),
  commits: z.array(z.unknown()),
});

/** The commit time the KPIs use: the committer date (the push event's `timestamp`). */
export function commitTime(commit: z.infer<typeof commitSchema>): string {
  return (commit.commit.committer ?? commit.commit.author)?.date ?? '';
}
