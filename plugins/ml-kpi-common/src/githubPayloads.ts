import { z } from 'zod';

/*
 * The parts of GitHub webhook payloads the KPIs read. Unknown fields are
 * allowed (GitHub adds fields); missing or mistyped fields we read make the
 * delivery malformed.
 */

const timestamp = z.string().datetime({ offset: true });

const repository = z.object({
  full_name: z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'must be owner/name'),
  default_branch: z.string().min(1).optional(),
});

/** `deployment_status` payload. @public */
export const deploymentStatusPayloadSchema = z.object({
  repository,
  deployment_status: z.object({
    state: z.string().min(1),
    created_at: timestamp,
    environment: z.string().nullish(),
  }),
  deployment: z.object({
    id: z.number().int(),
    sha: z.string().regex(/^[0-9a-f]{7,64}$/i, 'must be a commit sha'),
    environment: z.string().nullish(),
    created_at: timestamp,
  }),
});

const sha = z.string().regex(/^[0-9a-f]{40,64}$/i, 'must be a full commit sha');

/** `push` payload. @public */
export const pushPayloadSchema = z.object({
  repository,
  ref: z.string().min(1),
  before: sha,
  after: sha,
  commits: z.array(z.object({ id: sha, timestamp })),
});

/** `workflow_run` payload. @public */
export const workflowRunPayloadSchema = z.object({
  repository,
  action: z.string().min(1),
  workflow_run: z.object({
    id: z.number().int(),
    run_attempt: z.number().int().optional(),
    head_branch: z.string().nullable(),
    status: z.string().nullable(),
    conclusion: z.string().nullable(),
    updated_at: timestamp,
  }),
});

/** `issues` payload. @public */
export const issuesPayloadSchema = z.object({
  repository,
  action: z.string().min(1),
  issue: z.object({
    id: z.number().int(),
    number: z.number().int(),
    created_at: timestamp,
    closed_at: timestamp.nullable(),
    body: z.string().nullish(),
    labels: z.array(z.object({ name: z.string() })),
  }),
});

/** `pull_request` payload. @public */
export const pullRequestPayloadSchema = z.object({
  repository,
  action: z.string().min(1),
  pull_request: z.object({
    number: z.number().int(),
    created_at: timestamp,
    merged_at: timestamp.nullable(),
    merge_commit_sha: z.string().nullable(),
    base: z.object({ ref: z.string() }),
  }),
});

/** The payload schema of each GitHub event the KPIs read. @public */
export const githubPayloadSchemas = {
  deployment_status: deploymentStatusPayloadSchema,
  push: pushPayloadSchema,
  workflow_run: workflowRunPayloadSchema,
  issues: issuesPayloadSchema,
  pull_request: pullRequestPayloadSchema,
} as const;

/** A GitHub event the KPIs read. @public */
export type KpiGithubEvent = keyof typeof githubPayloadSchemas;

/** Whether GitHub's event name is one the KPIs read. @public */
export function isKpiGithubEvent(event: string): event is KpiGithubEvent {
  return Object.prototype.hasOwnProperty.call(githubPayloadSchemas, event);
}

/**
 * Why a payload of a KPI event is malformed — naming the event and the first
 * offending fields — or undefined when it is well-formed. Events the KPIs do
 * not read are never malformed here.
 *
 * @public
 */
export function describeMalformedPayload(
  event: string,
  payload: unknown,
): string | undefined {
  if (!isKpiGithubEvent(event)) {
    return undefined;
  }
  const result = githubPayloadSchemas[event].safeParse(payload);
  if (result.success) {
    return undefined;
  }
  const problems = result.error.issues
    .slice(0, 3)
    .map(i => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');
  return `Malformed ${event} payload: ${problems}`;
}
