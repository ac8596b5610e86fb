import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  DeliveryKpis,
  DeliveryRecords,
} from '@ml-golden-paths/plugin-ml-kpi-common';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@ml-golden-paths/plugin-ml-kpi-backend',
  'migrations',
);

/** Reads a timestamp column (Date on PostgreSQL, number or text on SQLite). */
export function toDate(value: unknown): Date {
  if (value instanceof Date) {
    return value;
  }
  if (typeof value === 'number') {
    return new Date(value);
  }
  const text = String(value);
  if (/^\d+$/.test(text)) {
    return new Date(Number(text));
  }
  return new Date(
    /[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`,
  );
}

const optionalDate = (value: unknown) =>
  value === null || value === undefined ? undefined : toDate(value);

/** A delivery's identity and what became of it. */
export type DeliveryRow = {
  deliveryId: string;
  hookId: string;
  event: string;
  repository?: string;
  outcome: 'stored' | 'unmatched' | 'ignored';
};

/** A record change derived from one delivery, for one model. */
export type RecordChange =
  | {
      kind: 'deploymentStatus';
      deploymentId: string;
      environment: string;
      sha: string;
      createdAt: Date;
      state: string;
      at: Date;
    }
  | {
      kind: 'commits';
      commits: Array<{ sha: string; parents: string[]; committedAt: Date }>;
    }
  | {
      kind: 'incident';
      issueId: string;
      openedAt: Date;
      closedAt?: Date;
      impactStartedAt?: Date;
    }
  | { kind: 'incidentRemoved'; issueId: string }
  | {
      kind: 'workflowRun';
      runId: string;
      headBranch: string;
      defaultBranch: string;
      conclusion: string;
      completedAt: Date;
    }
  | {
      kind: 'pullRequest';
      number: number;
      baseRef: string;
      createdAt: Date;
      mergedAt?: Date;
      mergeCommitSha?: string;
    };

/** Stored KPIs of a model. */
export type StoredKpis = {
  entityRef: string;
  ownerRef: string;
  kpis: DeliveryKpis;
  computedAt: string;
};

/** Persistence of the KPI plugin (SQLite and PostgreSQL through knex). */
export class KpiStore {
  static async create(database: DatabaseService): Promise<KpiStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new KpiStore(client);
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Records a delivery and applies its changes for each model in one
   * transaction. Returns false (and changes nothing) when this delivery id +
   * hook id was stored before.
   */
  async recordDelivery(
    delivery: DeliveryRow,
    changes: Array<{ entityRef: string; change: RecordChange }>,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const inserted = await tx('kpi_deliveries')
        .insert({
          delivery_id: delivery.deliveryId,
          hook_id: delivery.hookId,
          event: delivery.event,
          repository: delivery.repository ?? null,
          outcome: delivery.outcome,
          received_at: new Date(),
        })
        .onConflict(['delivery_id', 'hook_id'])
        .ignore()
        .returning('delivery_id');
      if (inserted.length === 0) {
        return false;
      }
      for (const { entityRef, change } of changes) {
        await applyChange(tx, entityRef, change);
      }
      return true;
    });
  }

  /** Adds to a named counter. */
  async increment(name: string, by = 1): Promise<void> {
    await this.db('kpi_counters')
      .insert({ name, count: by })
      .onConflict('name')
      .merge({ count: this.db.raw('kpi_counters.count + ?', [by]) });
  }

  /** All counters by name. */
  async counters(): Promise<Record<string, number>> {
    const rows = await this.db('kpi_counters').select('name', 'count');
    return Object.fromEntries(rows.map(r => [r.name, Number(r.count)]));
  }

  /** Number of stored deliveries. */
  async deliveryCount(): Promise<number> {
    const [row] = await this.db('kpi_deliveries').count({ n: '*' });
    return Number(row.n);
  }

  /** Every record of one model. */
  async records(entityRef: string): Promise<DeliveryRecords> {
    const [deployments, statuses, commits, incidents, runs] = await Promise.all(
      [
        this.db('kpi_deployments').where({ entity_ref: entityRef }),
        this.db('kpi_deployment_statuses').where({ entity_ref: entityRef }),
        this.db('kpi_commits').where({ entity_ref: entityRef }),
        this.db('kpi_incidents').where({ entity_ref: entityRef }),
        this.db('kpi_workflow_runs').where({ entity_ref: entityRef }),
      ],
    );
    const statusesById = new Map<string, Array<{ state: string; at: Date }>>();
    for (const s of statuses) {
      const list = statusesById.get(s.deployment_id) ?? [];
      list.push({ state: s.state, at: toDate(s.at) });
      statusesById.set(s.deployment_id, list);
    }
    return {
      deployments: deployments.map(d => ({
        id: d.deployment_id,
        environment: d.environment,
        sha: d.sha,
        createdAt: toDate(d.created_at),
        statuses: statusesById.get(d.deployment_id) ?? [],
      })),
      commits: commits.map(c => ({
        sha: c.sha,
        parents: JSON.parse(c.parents_json),
        committedAt: toDate(c.committed_at),
      })),
      incidents: incidents.map(i => ({
        issueId: i.issue_id,
        openedAt: toDate(i.opened_at),
        closedAt: optionalDate(i.closed_at),
        impactStartedAt: optionalDate(i.impact_started_at),
      })),
      workflowRuns: runs.map(r => ({
        id: r.run_id,
        headBranch: r.head_branch,
        defaultBranch: r.default_branch,
        conclusion: r.conclusion,
        completedAt: toDate(r.completed_at),
      })),
    };
  }

  /** Models that have any record. */
  async modelsWithRecords(): Promise<string[]> {
    const rows = await this.db('kpi_deployments')
      .distinct('entity_ref')
      .union(q => q.distinct('entity_ref').from('kpi_workflow_runs'))
      .union(q => q.distinct('entity_ref').from('kpi_incidents'));
    return [...new Set(rows.map(r => r.entity_ref as string))];
  }

  /** Stores a model's current KPIs and today's (UTC) daily row. */
  async saveKpis(
    entityRef: string,
    ownerRef: string,
    kpis: DeliveryKpis,
    at: Date,
  ): Promise<void> {
    const json = JSON.stringify(kpis);
    await this.db.transaction(async tx => {
      await tx('kpi_current')
        .insert({
          entity_ref: entityRef,
          owner_ref: ownerRef,
          kpis_json: json,
          computed_at: at,
        })
        .onConflict('entity_ref')
        .merge();
      await tx('kpi_daily')
        .insert({
          entity_ref: entityRef,
          day: at.toISOString().slice(0, 10),
          owner_ref: ownerRef,
          kpis_json: json,
        })
        .onConflict(['entity_ref', 'day'])
        .merge();
    });
  }

  /** A model's current KPIs. */
  async current(entityRef: string): Promise<StoredKpis | undefined> {
    const row = await this.db('kpi_current')
      .where({ entity_ref: entityRef })
      .first();
    return row ? toStored(row) : undefined;
  }

  /** Current KPIs of every model, optionally of one owner. */
  async allCurrent(ownerRef?: string): Promise<StoredKpis[]> {
    const query = this.db('kpi_current').orderBy('entity_ref');
    const rows = ownerRef
      ? await query.where({ owner_ref: ownerRef })
      : await query;
    return rows.map(toStored);
  }

  /** A model's daily KPIs from `fromDay` (YYYY-MM-DD) on, oldest first. */
  async daily(
    entityRef: string,
    fromDay: string,
  ): Promise<Array<{ day: string; kpis: DeliveryKpis }>> {
    const rows = await this.db('kpi_daily')
      .where({ entity_ref: entityRef })
      .andWhere('day', '>=', fromDay)
      .orderBy('day');
    return rows.map(r => ({ day: r.day, kpis: JSON.parse(r.kpis_json) }));
  }
}

function toStored(row: any): StoredKpis {
  return {
    entityRef: row.entity_ref,
    ownerRef: row.owner_ref,
    kpis: JSON.parse(row.kpis_json),
    computedAt: toDate(row.computed_at).toISOString(),
  };
}

async function applyChange(
  tx: Knex.Transaction,
  entityRef: string,
  change: RecordChange,
): Promise<void> {
  switch (change.kind) {
    case 'deploymentStatus':
      await tx('kpi_deployments')
        .insert({
          entity_ref: entityRef,
          deployment_id: change.deploymentId,
          environment: change.environment,
          sha: change.sha,
          created_at: change.createdAt,
        })
        .onConflict(['entity_ref', 'deployment_id'])
        .ignore();
      await tx('kpi_deployment_statuses')
        .insert({
          entity_ref: entityRef,
          deployment_id: change.deploymentId,
          state: change.state,
          at: change.at,
        })
        .onConflict(['entity_ref', 'deployment_id', 'state', 'at'])
        .ignore();
      return;
    case 'commits':
      for (const c of change.commits) {
        await tx('kpi_commits')
          .insert({
            entity_ref: entityRef,
            sha: c.sha,
            parents_json: JSON.stringify(c.parents),
            committed_at: c.committedAt,
          })
          .onConflict(['entity_ref', 'sha'])
          .ignore();
      }
      return;
    case 'incident':
      await tx('kpi_incidents')
        .insert({
          entity_ref: entityRef,
          issue_id: change.issueId,
          opened_at: change.openedAt,
          closed_at: change.closedAt ?? null,
          impact_started_at: change.impactStartedAt ?? null,
        })
        .onConflict(['entity_ref', 'issue_id'])
        .merge(['closed_at', 'impact_started_at']);
      return;
    case 'incidentRemoved':
      await tx('kpi_incidents')
        .where({ entity_ref: entityRef, issue_id: change.issueId })
        .delete();
      return;
    case 'workflowRun':
      await tx('kpi_workflow_runs')
        .insert({
          entity_ref: entityRef,
          run_id: change.runId,
          head_branch: change.headBranch,
          default_branch: change.defaultBranch,
          conclusion: change.conclusion,
          completed_at: change.completedAt,
        })
        .onConflict(['entity_ref', 'run_id'])
        .merge(['conclusion', 'completed_at']);
      return;
    case 'pullRequest':
      await tx('kpi_pull_requests')
        .insert({
          entity_ref: entityRef,
          number: change.number,
          base_ref: change.baseRef,
          created_at: change.createdAt,
          merged_at: change.mergedAt ?? null,
          merge_commit_sha: change.mergeCommitSha ?? null,
        })
        .onConflict(['entity_ref', 'number'])
        .merge(['base_ref', 'merged_at', 'merge_commit_sha']);
      return;
    default:
      throw new Error(`Unknown record change ${(change as any).kind}`);
  }
}
