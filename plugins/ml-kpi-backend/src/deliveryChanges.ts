import {
  deploymentStatusPayloadSchema,
  issuesPayloadSchema,
  KpiGithubEvent,
  pullRequestPayloadSchema,
  pushPayloadSchema,
  workflowRunPayloadSchema,
} from '@ml-golden-paths/plugin-ml-kpi-common';
import { KpiConfig } from './config';
import { RecordChange } from './KpiStore';

const ZERO_SHA = /^0+$/;

/** The impact start recorded on an incident issue (label first, then body field). */
export function impactStart(
  issue: { labels: Array<{ name: string }>; body?: string | null },
  config: Pick<KpiConfig, 'impactStartLabelPrefix' | 'impactStartField'>,
): Date | undefined {
  const candidates: string[] = [];
  for (const label of issue.labels) {
    if (label.name.startsWith(config.impactStartLabelPrefix)) {
      candidates.push(label.name.slice(config.impactStartLabelPrefix.length));
    }
  }
  const field = config.impactStartField.toLowerCase();
  for (const line of (issue.body ?? '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (
      colon > 0 &&
      line
        .slice(0, colon)
        .trim()
        .replace(/^[*_#\s-]+|[*_\s]+$/g, '')
        .toLowerCase() === field
    ) {
      candidates.push(line.slice(colon + 1).replace(/[*_]/g, ''));
    }
  }
  for (const candidate of candidates) {
    const text = candidate.trim();
    if (/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(text)) {
      const at = new Date(text);
      if (!Number.isNaN(at.getTime())) {
        return at;
      }
    }
  }
  return undefined;
}

/**
 * The record change a well-formed delivery of a KPI event makes, or undefined
 * when it changes nothing the KPIs read (e.g. a workflow run not yet
 * completed, a push to another branch).
 */
export function deliveryChange(
  event: KpiGithubEvent,
  payload: unknown,
  config: KpiConfig,
): RecordChange | undefined {
  switch (event) {
    case 'deployment_status': {
      const p = deploymentStatusPayloadSchema.parse(payload);
      return {
        kind: 'deploymentStatus',
        deploymentId: String(p.deployment.id),
        environment:
          p.deployment.environment ?? p.deployment_status.environment ?? '',
        sha: p.deployment.sha,
        createdAt: new Date(p.deployment.created_at),
        state: p.deployment_status.state,
        at: new Date(p.deployment_status.created_at),
      };
    }
    case 'push': {
      const p = pushPayloadSchema.parse(payload);
      const branch = p.ref.replace(/^refs\/heads\//, '');
      if (
        !p.ref.startsWith('refs/heads/') ||
        (p.repository.default_branch && branch !== p.repository.default_branch)
      ) {
        return undefined;
      }
      // The payload lists the pushed commits oldest first: each one's parent
      // is the one before it, the first one's is `before`.
      let parent = ZERO_SHA.test(p.before) ? undefined : p.before;
      const commits = p.commits.map(c => {
        const commit = {
          sha: c.id,
          parents: parent ? [parent] : [],
          committedAt: new Date(c.timestamp),
        };
        parent = c.id;
        return commit;
      });
      return commits.length > 0 ? { kind: 'commits', commits } : undefined;
    }
    case 'workflow_run': {
      const p = workflowRunPayloadSchema.parse(payload);
      const run = p.workflow_run;
      if (p.action !== 'completed' || !run.conclusion) {
        return undefined;
      }
      return {
        kind: 'workflowRun',
        runId: `${run.id}.${run.run_attempt ?? 1}`,
        headBranch: run.head_branch ?? '',
        defaultBranch: p.repository.default_branch ?? 'main',
        conclusion: run.conclusion,
        completedAt: new Date(run.updated_at),
      };
    }
    case 'issues': {
      const p = issuesPayloadSchema.parse(payload);
      const issueId = String(p.issue.id);
      const isIncident = p.issue.labels.some(
        l => l.name === config.incidentLabel,
      );
      if (p.action === 'deleted' || !isIncident) {
        return { kind: 'incidentRemoved', issueId };
      }
      return {
        kind: 'incident',
        issueId,
        openedAt: new Date(p.issue.created_at),
        closedAt: p.issue.closed_at ? new Date(p.issue.closed_at) : undefined,
        impactStartedAt: impactStart(p.issue, config),
      };
    }
    case 'pull_request': {
      const p = pullRequestPayloadSchema.parse(payload);
      return {
        kind: 'pullRequest',
        number: p.pull_request.number,
        baseRef: p.pull_request.base.ref,
        createdAt: new Date(p.pull_request.created_at),
        mergedAt: p.pull_request.merged_at
          ? new Date(p.pull_request.merged_at)
          : undefined,
        mergeCommitSha: p.pull_request.merge_commit_sha ?? undefined,
      };
    }
    default:
      return undefined;
  }
}
