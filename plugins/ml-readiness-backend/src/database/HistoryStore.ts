import { Knex } from 'knex';
import {
  AchievedLevel,
  GradeHistoryEntry,
  levelRank,
  readinessLevels,
  ReadinessLevel,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import { IdDictionary } from './IdDictionary';
import { insertRows } from './util';
import {
  applyFactDelta,
  decodeStored,
  DeltaOp,
  diffFacts,
  encodeStored,
  FactDocument,
} from './factDelta';

/** One version of a fact set in the history of a model. */
export interface FactHistoryEntry {
  factSet: string;
  status: 'available' | 'unavailable';
  values?: unknown;
  reason?: string;
  observedAt?: string;
  changedAt: string;
}

/** What a grade snapshot records: the history entry, from a grade's outcomes. */
export type GradeSnapshot = Omit<
  GradeHistoryEntry,
  'failingChecks' | 'recordedAt'
> & { checks: Array<{ checkId: string; state: string }> };

/** A changed fact set to record, with the ids of its model and set. */
export interface FactChange {
  modelId: number;
  factSetId: number;
  /** The version it replaces (the current row before the write). */
  previous?: FactDocument;
  next: FactDocument;
  /** Epoch milliseconds. */
  changedAt: number;
  observedAt?: number;
}

/** Ids a batch of grade snapshots refers to. */
export interface GradeIds {
  models: Map<string, number>;
  owners: Map<string, number>;
  checks: Map<string, number>;
}

const CHUNK = 500;

function levelName(rank: number): AchievedLevel {
  return rank <= 0 ? 'none' : readinessLevels[rank - 1];
}

/** A fact set row of readiness_facts as a history document. */
export function factDocumentOf(row: {
  status: string;
  values_json?: string | null;
  reason?: string | null;
}): FactDocument {
  const doc: FactDocument = {
    status: row.status as FactDocument['status'],
  };
  if (row.values_json !== null && row.values_json !== undefined) {
    doc.values = JSON.parse(row.values_json);
  }
  if (row.reason !== null && row.reason !== undefined) {
    doc.reason = row.reason;
  }
  return doc;
}

/**
 * The compact history tables (migration 20261129150000_compact_history):
 * integer ids for models and repeated names, fact changes as reverse deltas
 * from the current row, grade snapshots with ids and ranks, epoch
 * milliseconds. Ids are assigned outside any transaction (they are never
 * deleted, so the in-memory caches stay valid across replicas).
 */
export class HistoryStore {
  /** Model ids (readiness_models). */
  readonly models: IdDictionary;
  /** Fact set, owner and check ids (readiness_terms). */
  readonly factSets: IdDictionary;
  readonly owners: IdDictionary;
  readonly checks: IdDictionary;
  /** `owner:model` id pairs known to be in readiness_model_owners. */
  private readonly knownOwners = new Set<string>();

  constructor(private readonly db: Knex) {
    this.models = new IdDictionary(db, 'readiness_models', 'entity_ref');
    const terms = (kind: string) =>
      new IdDictionary(db, 'readiness_terms', 'name', { kind });
    this.factSets = terms('fact_set');
    this.owners = terms('owner');
    this.checks = terms('check');
  }

  // Facts

  /** Serialises fact writes of one model (PostgreSQL; SQLite has one writer). */
  async lockModel(tx: Knex.Transaction, modelId: number): Promise<void> {
    if ((this.db.client as { dialect?: string }).dialect === 'postgresql') {
      await tx('readiness_models').where('id', modelId).forUpdate().first('id');
    }
  }

  /**
   * Records a changed fact set: the new row holds the delta back to the
   * previous version (the current row before this write), or nothing for
   * the first version. Get the ids from {@link HistoryStore.models} and
   * {@link HistoryStore.factSets} before the transaction.
   */
  async recordFactChange(
    tx: Knex.Transaction,
    change: FactChange,
  ): Promise<void> {
    await tx('readiness_fact_history').insert(
      HistoryStore.factChangeRow(change),
    );
  }

  /** The row {@link HistoryStore.recordFactChange} inserts (also for bulk loads). */
  static factChangeRow(change: FactChange) {
    return {
      model_id: change.modelId,
      fact_set_id: change.factSetId,
      changed_at: change.changedAt,
      observed_at: change.observedAt ?? null,
      data: change.previous
        ? encodeStored({ back: diffFacts(change.next, change.previous) })
        : null,
    };
  }

  /**
   * Every version of a model's fact sets changed since `since` (optionally
   * of one fact set), oldest first, rebuilt backwards from the current rows.
   */
  async factHistory(
    entityRef: string,
    since: Date,
    factSet?: string,
  ): Promise<FactHistoryEntry[]> {
    const modelId = (await this.models.existing(this.db, [entityRef])).get(
      entityRef,
    );
    if (modelId === undefined) return [];
    const query = this.db('readiness_fact_history')
      .where('model_id', modelId)
      .where('changed_at', '>=', since.getTime());
    if (factSet !== undefined) {
      const id = (await this.factSets.existing(this.db, [factSet])).get(
        factSet,
      );
      if (id === undefined) return [];
      query.where('fact_set_id', id);
    }
    const rows = await query.orderBy('id', 'desc').limit(20_000);
    const setNames = await this.factSets.names(
      rows.map(r => Number(r.fact_set_id)),
    );
    const current = new Map<string, FactDocument>(
      (
        await this.db('readiness_facts')
          .where('entity_ref', entityRef)
          .select('fact_set', 'status', 'values_json', 'reason')
      ).map(row => [row.fact_set, factDocumentOf(row)]),
    );
    // Walk each chain from its newest row back.
    const newer = new Map<
      string,
      { doc: FactDocument; back: DeltaOp[] | null }
    >();
    const entries: Array<FactHistoryEntry & { id: number }> = [];
    for (const row of rows) {
      const name = setNames.get(Number(row.fact_set_id))!;
      const stored = decodeStored(row.data);
      const after = newer.get(name);
      let doc: FactDocument | undefined = stored.full;
      if (!doc && !after) {
        doc = current.get(name);
      } else if (!doc && after!.back) {
        doc = applyFactDelta(after!.doc, after!.back);
      }
      if (!doc) {
        throw new Error(
          `fact history of ${entityRef}/${name} cannot be rebuilt: no newer version at row ${row.id}`,
        );
      }
      newer.set(name, { doc, back: stored.back });
      entries.push({
        id: Number(row.id),
        factSet: name,
        ...doc,
        observedAt:
          row.observed_at === null
            ? undefined
            : new Date(Number(row.observed_at)).toISOString(),
        changedAt: new Date(Number(row.changed_at)).toISOString(),
      });
    }
    return entries
      .sort((a, b) => a.changedAt.localeCompare(b.changedAt) || a.id - b.id)
      .map(({ id: _id, ...entry }) => {
        if (entry.observedAt === undefined) delete entry.observedAt;
        return entry;
      });
  }

  // Grades

  /** Ids a batch of grade snapshots needs; call before the transaction. */
  async prepareGrades(grades: GradeSnapshot[]): Promise<GradeIds> {
    const models = await this.models.ids(grades.map(g => g.entityRef));
    const owners = await this.owners.ids(
      grades.flatMap(g => (g.owner ? [g.owner] : [])),
    );
    const checks = await this.checks.ids(
      grades.flatMap(g =>
        g.checks.filter(c => c.state === 'fail').map(c => c.checkId),
      ),
    );
    return { models, owners, checks };
  }

  /** Adds one snapshot per grade, with ids from {@link HistoryStore.prepareGrades}. */
  async recordGrades(
    tx: Knex.Transaction,
    grades: GradeSnapshot[],
    ids: GradeIds,
    now: Date,
  ): Promise<void> {
    const rows = HistoryStore.gradeRows(grades, ids, now.getTime());
    if (rows.length > 0) {
      await insertRows(
        tx,
        'readiness_grade_history',
        Object.keys(rows[0]),
        rows,
      );
    }
    // Owner/model pairs not known to be stored yet (remembered once the
    // transaction commits).
    const pairs = new Map<string, { owner_id: number; model_id: number }>();
    for (const r of rows) {
      const key = `${r.owner_id}:${r.model_id}`;
      if (r.owner_id !== null && !this.knownOwners.has(key)) {
        pairs.set(key, { owner_id: r.owner_id, model_id: r.model_id });
      }
    }
    const list = [...pairs.values()];
    for (let i = 0; i < list.length; i += 300) {
      await tx('readiness_model_owners')
        .insert(list.slice(i, i + 300))
        .onConflict(['owner_id', 'model_id'])
        .ignore();
    }
    tx.executionPromise
      .then(() => pairs.forEach((_, key) => this.knownOwners.add(key)))
      .catch(() => {});
  }

  /** The rows {@link HistoryStore.recordGrades} inserts (also for bulk loads). */
  static gradeRows(grades: GradeSnapshot[], ids: GradeIds, recordedAt: number) {
    return grades.map(grade => ({
      model_id: ids.models.get(grade.entityRef)!,
      recorded_at: recordedAt,
      owner_id: grade.owner ? ids.owners.get(grade.owner)! : null,
      level: levelRank(grade.level),
      required_level: levelRank(grade.requiredLevel),
      meets_required: grade.meetsRequiredLevel,
      failing: grade.failing,
      unknown: grade.unknown,
      exempt: grade.exempt,
      failing_checks: grade.checks
        .filter(c => c.state === 'fail')
        .map(c => ids.checks.get(c.checkId)!)
        .join(','),
    }));
  }

  private async gradeEntries(rows: any[]): Promise<GradeHistoryEntry[]> {
    const checkIds = (row: any) =>
      String(row.failing_checks).split(',').filter(Boolean).map(Number);
    const refs = await this.models.names(rows.map(r => Number(r.model_id)));
    const owners = await this.owners.names(
      rows.flatMap(r => (r.owner_id === null ? [] : [Number(r.owner_id)])),
    );
    const checks = await this.checks.names(rows.flatMap(checkIds));
    return rows.map(row => ({
      entityRef: refs.get(Number(row.model_id))!,
      owner:
        row.owner_id === null ? undefined : owners.get(Number(row.owner_id)),
      level: levelName(Number(row.level)),
      requiredLevel: levelName(Number(row.required_level)) as ReadinessLevel,
      meetsRequiredLevel: Boolean(row.meets_required),
      failing: Number(row.failing),
      unknown: Number(row.unknown),
      exempt: Number(row.exempt),
      failingChecks: checkIds(row).map(id => checks.get(id)!),
      recordedAt: new Date(Number(row.recorded_at)).toISOString(),
    }));
  }

  /** Grade history of one model, oldest first (at most 5,000 snapshots). */
  async modelHistory(
    entityRef: string,
    since: Date,
  ): Promise<GradeHistoryEntry[]> {
    const modelId = (await this.models.existing(this.db, [entityRef])).get(
      entityRef,
    );
    if (modelId === undefined) return [];
    const rows = await this.db('readiness_grade_history')
      .where('model_id', modelId)
      .where('recorded_at', '>=', since.getTime())
      .orderBy([
        { column: 'recorded_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(5000);
    return this.gradeEntries(rows);
  }

  /**
   * Grade history of the models the given owners owned (snapshots taken
   * while one of them owned the model), optionally only of some models,
   * oldest first (at most 20,000 snapshots).
   */
  async teamHistory(
    owners: string[],
    since: Date,
    entityRefs?: string[],
  ): Promise<GradeHistoryEntry[]> {
    const ownerIds = [
      ...(await this.owners.existing(this.db, owners)).values(),
    ];
    if (ownerIds.length === 0) return [];
    const pairs = await this.db('readiness_model_owners as o')
      .join('readiness_models as m', 'm.id', 'o.model_id')
      .whereIn('o.owner_id', ownerIds)
      .distinct('m.id', 'm.entity_ref');
    const allowed = entityRefs ? new Set(entityRefs) : undefined;
    const modelIds = pairs
      .filter(p => !allowed || allowed.has(p.entity_ref))
      .map(p => Number(p.id));
    const limit = 20_000;
    const rows: any[] = [];
    for (let i = 0; i < modelIds.length; i += CHUNK) {
      rows.push(
        ...(await this.db('readiness_grade_history')
          .whereIn('model_id', modelIds.slice(i, i + CHUNK))
          .whereIn('owner_id', ownerIds)
          .where('recorded_at', '>=', since.getTime())
          .orderBy([
            { column: 'recorded_at', order: 'asc' },
            { column: 'id', order: 'asc' },
          ])
          .limit(limit)),
      );
    }
    rows.sort(
      (a, b) =>
        Number(a.recorded_at) - Number(b.recorded_at) ||
        Number(a.id) - Number(b.id),
    );
    return this.gradeEntries(rows.slice(0, limit));
  }

  // Retention

  /**
   * Before the current fact rows of removed models are deleted: the newest
   * history row of each of their chains gets the full version it stands
   * for, so their history can still be rebuilt until it expires.
   */
  async detachFromCurrent(
    tx: Knex.Transaction,
    entityRefs: string[],
  ): Promise<void> {
    const ids = await this.models.existing(tx, entityRefs);
    for (const [ref, modelId] of ids) {
      const newest = await tx('readiness_fact_history')
        .where('model_id', modelId)
        .groupBy('fact_set_id')
        .select('fact_set_id')
        .max({ id: 'id' });
      if (newest.length === 0) continue;
      const current = new Map(
        (await tx('readiness_facts').where('entity_ref', ref)).map(row => [
          row.fact_set,
          factDocumentOf(row),
        ]),
      );
      for (const { id } of newest) {
        const row = await tx('readiness_fact_history').where('id', id).first();
        const stored = decodeStored(row.data);
        const [set] = await tx('readiness_terms')
          .where('id', row.fact_set_id)
          .select('name');
        const full = current.get(set.name);
        if (stored.full || !full) continue;
        await tx('readiness_fact_history')
          .where('id', id)
          .update({ data: encodeStored({ full, back: stored.back }) });
      }
    }
  }

  /** Deletes history older than the cutoff; returns the rows removed. */
  async deleteBefore(tx: Knex.Transaction, cutoff: Date): Promise<number> {
    const facts = await tx('readiness_fact_history')
      .where('changed_at', '<', cutoff.getTime())
      .delete();
    const grades = await tx('readiness_grade_history')
      .where('recorded_at', '<', cutoff.getTime())
      .delete();
    return facts + grades;
  }
}
