import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  DeliveryKpis,
  DeliveryRecords,
} from '@ml-golden-paths/plugin-ml-kpi-common';
import { Knex } from 'knex';
import { applyChanges } from './applyChanges';

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

/** Parents as stored (a JSON array of shas), with a fast path for 0 or 1. */
function parseParents(json: string): string[] {
  if (json === '[]') {
    return [];
  }
  if (/^\["[0-9a-fA-F]+"\]$/.test(json)) {
    return [json.slice(2, -2)];
  }
  return JSON.parse(json);
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
      /**
       * The parents are GitHub's own (a compare or commit list), not inferred
       * from the order of a push: they replace inferred ones.
       */
      exactParents?: boolean;
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
   * Records a delivery, applies its changes for each model and counts its
   * outcome, in one transaction. Returns false (and changes nothing) when this delivery id +
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
      await applyChanges(tx, changes);
      await tx('kpi_counters')
        .insert({ name: delivery.outcome, count: 1 })
        .onConflict('name')
        .merge({ count: tx.raw('kpi_counters.count + 1') });
      return true;
    });
  }

  /**
   * Applies a batch of record changes in one transaction, with multi-row
   * statements. The backfill writes through this; deliveries through
   * recordDelivery, which shares the same write code, so a record found by
   * both is stored once under its natural key.
   */
  async applyChanges(
    changes: ReadonlyArray<{ entityRef: string; change: RecordChange }>,
  ): Promise<void> {
    if (changes.length > 0) {
      await this.db.transaction(tx => applyChanges(tx, changes));
    }
  }

  /** The backfill state of one repository and resource. */
  async backfillState(
    repository: string,
    resource: string,
  ): Promise<unknown | undefined> {
    const row = await this.db('kpi_backfill_state')
      .where({ repository: repository.toLowerCase(), resource })
      .first();
    return row ? JSON.parse(row.state_json) : undefined;
  }

  /** Stores the backfill state of one repository and resource. */
  async saveBackfillState(
    repository: string,
    resource: string,
    state: unknown,
  ): Promise<void> {
    await this.db('kpi_backfill_state')
      .insert({
        repository: repository.toLowerCase(),
        resource,
        state_json: JSON.stringify(state),
        updated_at: new Date(),
      })
      .onConflict(['repository', 'resource'])
      .merge(['state_json', 'updated_at']);
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
    return (await this.recordsOf([entityRef])).get(entityRef)!;
  }

  /**
   * Every record of several models: one query per table for the lot (never
   * one per model), grouped in memory.
   *
   * With `kpiWindowStart`, only what computeDeliveryKpis reads for a window
   * starting then: deployments with their `success`, `failure` and `error`
   * statuses (the only ones that time a deployment; deployments with none are
   * pending and unread), workflow runs completed from then on, incidents
   * opened or closed from then on, and every commit (lead time may reach old
   * commits). The KPIs computed from these equal those from every record.
   */
  async recordsOf(
    entityRefs: readonly string[],
    options: { kpiWindowStart?: Date } = {},
  ): Promise<Map<string, DeliveryRecords>> {
    const result = new Map<string, DeliveryRecords>();
    for (const ref of entityRefs) {
      result.set(ref, {
        deployments: [],
        commits: [],
        incidents: [],
        workflowRuns: [],
      });
    }
    if (entityRefs.length === 0) {
      return result;
    }
    const refs = [...result.keys()];
    const from = options.kpiWindowStart;
    const of = (table: string, columns: string[]) =>
      this.db(table).whereIn(`${table}.entity_ref`, refs).select(columns);
    const deploymentColumns = [
      'kpi_deployments.entity_ref',
      'kpi_deployments.deployment_id',
      'environment',
      'sha',
      'created_at',
    ];
    const [deployments, statuses, commits, incidents, runs] = await Promise.all(
      [
        from
          ? of('kpi_deployments', [...deploymentColumns, 'state', 'at'])
              .join('kpi_deployment_statuses', {
                'kpi_deployment_statuses.entity_ref':
                  'kpi_deployments.entity_ref',
                'kpi_deployment_statuses.deployment_id':
                  'kpi_deployments.deployment_id',
              })
              .whereIn('state', ['success', 'failure', 'error'])
          : of('kpi_deployments', deploymentColumns),
        from
          ? Promise.resolve([])
          : of('kpi_deployment_statuses', [
              'entity_ref',
              'deployment_id',
              'state',
              'at',
            ]),
        of('kpi_commits', [
          'entity_ref',
          'sha',
          'parents_json',
          'committed_at',
        ]),
        of('kpi_incidents', [
          'entity_ref',
          'issue_id',
          'opened_at',
          'closed_at',
          'impact_started_at',
        ]).modify(q => {
          if (from) {
            q.where(w =>
              w.where('opened_at', '>=', from).orWhere('closed_at', '>=', from),
            );
          }
        }),
        of('kpi_workflow_runs', [
          'entity_ref',
          'run_id',
          'head_branch',
          'default_branch',
          'conclusion',
          'completed_at',
        ]).modify(q => {
          if (from) {
            q.where('completed_at', '>=', from);
          }
        }),
      ],
    );
    const statusesById = new Map<string, Array<{ state: string; at: Date }>>();
    const addStatus = (row: any) => {
      const key = `${row.entity_ref}\u0000${row.deployment_id}`;
      let list = statusesById.get(key);
      if (!list) {
        list = [];
        statusesById.set(key, list);
      }
      list.push({ state: row.state, at: toDate(row.at) });
      return list;
    };
    for (const s of statuses) {
      addStatus(s);
    }
    for (const d of deployments) {
      const key = `${d.entity_ref}\u0000${d.deployment_id}`;
      const known = statusesById.has(key);
      const list = from ? addStatus(d) : (statusesById.get(key) ?? []);
      if (from && known) {
        continue; // another status row of a deployment already listed
      }
      result.get(d.entity_ref)!.deployments.push({
        id: d.deployment_id,
        environment: d.environment,
        sha: d.sha,
        createdAt: toDate(d.created_at),
        statuses: list,
      });
    }
    for (const c of commits) {
      result.get(c.entity_ref)!.commits.push({
        sha: c.sha,
        parents: parseParents(c.parents_json),
        committedAt: toDate(c.committed_at),
      });
    }
    for (const i of incidents) {
      result.get(i.entity_ref)!.incidents.push({
        issueId: i.issue_id,
        openedAt: toDate(i.opened_at),
        closedAt: optionalDate(i.closed_at),
        impactStartedAt: optionalDate(i.impact_started_at),
      });
    }
    for (const r of runs) {
      result.get(r.entity_ref)!.workflowRuns.push({
        id: r.run_id,
        headBranch: r.head_branch,
        defaultBranch: r.default_branch,
        conclusion: r.conclusion,
        completedAt: toDate(r.completed_at),
      });
    }
    return result;
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
    await this.saveManyKpis([{ entityRef, ownerRef, kpis }], at);
  }

  /**
   * Stores several models' current KPIs and today's (UTC) daily rows in one
   * transaction with multi-row statements.
   */
  async saveManyKpis(
    items: ReadonlyArray<{
      entityRef: string;
      ownerRef: string;
      kpis: DeliveryKpis;
    }>,
    at: Date,
  ): Promise<void> {
    const day = at.toISOString().slice(0, 10);
    await this.db.transaction(async tx => {
      for (let i = 0; i < items.length; i += 200) {
        const chunk = items.slice(i, i + 200).map(item => ({
          ...item,
          json: JSON.stringify(item.kpis),
        }));
        await tx('kpi_current')
          .insert(
            chunk.map(c => ({
              entity_ref: c.entityRef,
              owner_ref: c.ownerRef,
              kpis_json: c.json,
              computed_at: at,
            })),
          )
          .onConflict('entity_ref')
          .merge();
        await tx('kpi_daily')
          .insert(
            chunk.map(c => ({
              entity_ref: c.entityRef,
              day,
              owner_ref: c.ownerRef,
              kpis_json: c.json,
            })),
          )
          .onConflict(['entity_ref', 'day'])
          .merge();
      }
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
