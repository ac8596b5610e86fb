import { Knex } from 'knex';
import type { RecordChange } from './KpiStore';

/**
 * Rows per INSERT statement: keeps every statement under SQLite's compound
 * SELECT limit (500, knex inserts rows as `SELECT … UNION ALL`) and
 * both bound-parameter limits (at most 7 columns per row here).
 */
const CHUNK = 400;

type Row = Record<string, unknown>;

/** Rows of one table, keyed by their natural key (last change wins). */
class TableRows {
  readonly rows = new Map<string, Row>();
  set(key: string, row: Row) {
    this.rows.delete(key);
    this.rows.set(key, row);
  }
  setIfAbsent(key: string, row: Row) {
    if (!this.rows.has(key)) {
      this.rows.set(key, row);
    }
  }
}

async function upsert(
  tx: Knex.Transaction,
  table: string,
  rows: TableRows,
  key: string[],
  merge?: string[],
) {
  const all = [...rows.rows.values()];
  for (let i = 0; i < all.length; i += CHUNK) {
    const insert = tx(table)
      .insert(all.slice(i, i + CHUNK))
      .onConflict(key);
    await (merge ? insert.merge(merge) : insert.ignore());
  }
}

/**
 * Applies record changes in one transaction with a handful of multi-row
 * statements (no query per change): the one write path of webhook
 * deliveries and of the backfill, so both produce the same records, keyed by
 * their natural keys — deployment id, deployment id + status state + time,
 * commit sha, issue id, workflow run id + attempt, pull request number.
 * Within one batch the last change of a key wins, as it would applied one by
 * one.
 */
export async function applyChanges(
  tx: Knex.Transaction,
  changes: ReadonlyArray<{ entityRef: string; change: RecordChange }>,
): Promise<void> {
  const deployments = new TableRows();
  const statuses = new TableRows();
  const commits = new TableRows();
  const exactCommits = new TableRows();
  const incidents = new Map<string, Row | { removed: string[] }>();
  const runs = new TableRows();
  const pulls = new TableRows();
  for (const { entityRef, change } of changes) {
    const k = (id: string | number) => `${entityRef}\u0000${id}`;
    switch (change.kind) {
      case 'deploymentStatus':
        deployments.setIfAbsent(k(change.deploymentId), {
          entity_ref: entityRef,
          deployment_id: change.deploymentId,
          environment: change.environment,
          sha: change.sha,
          created_at: change.createdAt,
        });
        statuses.setIfAbsent(
          k(`${change.deploymentId}\u0000${change.state}\u0000${+change.at}`),
          {
            entity_ref: entityRef,
            deployment_id: change.deploymentId,
            state: change.state,
            at: change.at,
          },
        );
        break;
      case 'commits':
        for (const c of change.commits) {
          (change.exactParents ? exactCommits : commits).setIfAbsent(k(c.sha), {
            entity_ref: entityRef,
            sha: c.sha,
            parents_json: JSON.stringify(c.parents),
            committed_at: c.committedAt,
          });
        }
        break;
      case 'incident':
        incidents.set(k(change.issueId), {
          entity_ref: entityRef,
          issue_id: change.issueId,
          opened_at: change.openedAt,
          closed_at: change.closedAt ?? null,
          impact_started_at: change.impactStartedAt ?? null,
        });
        break;
      case 'incidentRemoved':
        incidents.set(k(change.issueId), {
          removed: [entityRef, change.issueId],
        });
        break;
      case 'workflowRun':
        runs.set(k(change.runId), {
          entity_ref: entityRef,
          run_id: change.runId,
          head_branch: change.headBranch,
          default_branch: change.defaultBranch,
          conclusion: change.conclusion,
          completed_at: change.completedAt,
        });
        break;
      case 'pullRequest':
        pulls.set(k(change.number), {
          entity_ref: entityRef,
          number: change.number,
          base_ref: change.baseRef,
          created_at: change.createdAt,
          merged_at: change.mergedAt ?? null,
          merge_commit_sha: change.mergeCommitSha ?? null,
        });
        break;
      default:
        throw new Error(`Unknown record change ${(change as any).kind}`);
    }
  }

  await upsert(tx, 'kpi_deployments', deployments, [
    'entity_ref',
    'deployment_id',
  ]);
  await upsert(tx, 'kpi_deployment_statuses', statuses, [
    'entity_ref',
    'deployment_id',
    'state',
    'at',
  ]);
  await upsert(tx, 'kpi_commits', commits, ['entity_ref', 'sha']);
  // GitHub's parents win over those a push's commit order implied, whichever
  // arrived first.
  await upsert(
    tx,
    'kpi_commits',
    exactCommits,
    ['entity_ref', 'sha'],
    ['parents_json'],
  );

  const kept = new TableRows();
  const removed = new Map<string, string[]>();
  for (const [key, row] of incidents) {
    if ('removed' in row) {
      const [entityRef, issueId] = row.removed as string[];
      removed.set(entityRef, [...(removed.get(entityRef) ?? []), issueId]);
    } else {
      kept.set(key, row);
    }
  }
  for (const [entityRef, issueIds] of removed) {
    for (let i = 0; i < issueIds.length; i += CHUNK) {
      await tx('kpi_incidents')
        .where({ entity_ref: entityRef })
        .whereIn('issue_id', issueIds.slice(i, i + CHUNK))
        .delete();
    }
  }
  await upsert(
    tx,
    'kpi_incidents',
    kept,
    ['entity_ref', 'issue_id'],
    ['closed_at', 'impact_started_at'],
  );
  await upsert(
    tx,
    'kpi_workflow_runs',
    runs,
    ['entity_ref', 'run_id'],
    ['conclusion', 'completed_at'],
  );
  await upsert(
    tx,
    'kpi_pull_requests',
    pulls,
    ['entity_ref', 'number'],
    ['base_ref', 'merged_at', 'merge_commit_sha'],
  );
}
