import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import {
  AchievedLevel,
  CheckOutcome,
  Exemption,
  FactSnapshot,
  GateEvidence,
  GradeHistoryEntry,
  levelRank,
  ModelStage,
  ReadinessLevel,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import {
  canonicalJson,
  hashOf,
  insertRows,
  toIso,
  toIsoOrUndefined,
} from './util';
import { factDocumentOf, FactHistoryEntry, HistoryStore } from './HistoryStore';

const gradeHashes = new WeakMap<object, string>();

const migrationsDir = resolvePackagePath(
  '@ml-golden-paths/plugin-ml-readiness-backend',
  'migrations',
);

/** A fact set result ready to store. */
export interface FactWrite {
  factSet: string;
  collector: string;
  schemaVersion: number;
  status: 'available' | 'unavailable';
  values?: unknown;
  reason?: string;
  observedAt?: Date;
}

/** A model's grade as stored. */
export interface StoredGrade {
  entityRef: string;
  title?: string;
  owner?: string;
  tier: number;
  stage: ModelStage;
  level: AchievedLevel;
  requiredLevel: ReadinessLevel;
  meetsRequiredLevel: boolean;
  failing: number;
  unknown: number;
  exempt: number;
  checks: CheckOutcome[];
  gradedAt: string;
  changedAt: string;
}

/** A current grade as the overview lists it: failing check ids, no outcomes. */
export type OverviewGrade = Omit<StoredGrade, 'checks' | 'changedAt'> & {
  /** Ids of the failing checks, in no particular order. */
  failingChecks: string[];
};

/** A grade to store. */
export type GradeWrite = Omit<StoredGrade, 'gradedAt' | 'changedAt'>;

/** Filters, sort and page of the overview, all applied in the database. */
export interface OverviewQuery {
  /** Grades left out (models the caller may not see; a short list). */
  excludeRefs?: string[];
  owners?: string[];
  tier?: number;
  level?: AchievedLevel;
  stage?: string;
  failingCheck?: string;
  meetsRequiredLevel?: boolean;
  orderBy: 'entityRef' | 'level' | 'tier' | 'failing' | 'owner' | 'gradedAt';
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

type ExemptionInput = Omit<
  Exemption,
  'status' | 'revokedAt' | 'revokedBy' | 'revokeReason'
>;

/** Columns of a grade row the overview reads (all but the outcomes' JSON). */
const overviewColumns = [
  'entity_ref',
  'title',
  'owner',
  'tier',
  'stage',
  'level',
  'required_level',
  'meets_required',
  'failing',
  'unknown',
  'exempt',
  'graded_at',
];

const sortColumns: Record<OverviewQuery['orderBy'], string> = {
  entityRef: 'entity_ref',
  level: 'level_rank',
  tier: 'tier',
  failing: 'failing',
  owner: 'owner',
  gradedAt: 'graded_at',
};

/**
 * Grades written per statement: 17 columns, so 500 rows stay far below the
 * bound-parameter limits of SQLite (32,766) and PostgreSQL (65,535), and
 * 10,000 changed grades take 20 statements instead of 100.
 */
const GRADE_CHUNK = 500;

/**
 * Stores facts, grades with history, exemptions with audit, gate evidence
 * and sent notifications in the plugin's database (SQLite or PostgreSQL).
 */
export class ReadinessStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<ReadinessStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new ReadinessStore(client);
  }

  private readonly history: HistoryStore;

  private constructor(private readonly db: Knex) {
    this.history = new HistoryStore(db);
  }

  // Facts

  /**
   * Stores fact set results of one model: a changed value is written with a
   * history row, an unchanged one only has its collection time moved.
   * Returns whether anything changed.
   */
  async writeFacts(
    entityRef: string,
    writes: FactWrite[],
    now: Date,
  ): Promise<boolean> {
    if (writes.length === 0) {
      return false;
    }
    // History ids are assigned before (outside) the transaction.
    const modelId = (await this.history.models.ids([entityRef])).get(
      entityRef,
    )!;
    const factSetIds = await this.history.factSets.ids(
      writes.map(w => w.factSet),
    );
    return this.db.transaction(async tx => {
      // Each history row holds the delta back to the version it replaces,
      // so writes of one model are serialised (SQLite has one writer).
      await this.history.lockModel(tx, modelId);
      const current = await tx('readiness_facts')
        .where({ entity_ref: entityRef })
        .whereIn(
          'fact_set',
          writes.map(w => w.factSet),
        )
        .select(
          'fact_set',
          'hash',
          'changed_at',
          'status',
          'values_json',
          'reason',
        );
      const known = new Map(current.map(r => [r.fact_set, r]));
      let changed = false;
      for (const write of writes) {
        const hash = hashOf({
          status: write.status,
          values: write.values ?? null,
          reason: write.reason ?? null,
        });
        const previous = known.get(write.factSet);
        if (previous?.hash === hash) {
          await tx('readiness_facts')
            .where({ entity_ref: entityRef, fact_set: write.factSet })
            .update({
              collected_at: now.toISOString(),
              collector: write.collector,
            });
          continue;
        }
        changed = true;
        // A version is never recorded before the one it replaces.
        const changedAt = new Date(
          Math.max(
            now.getTime(),
            previous ? Date.parse(toIso(previous.changed_at)) : 0,
          ),
        );
        const row = {
          entity_ref: entityRef,
          fact_set: write.factSet,
          status: write.status,
          values_json:
            write.values === undefined ? null : canonicalJson(write.values),
          reason: write.reason ?? null,
          hash,
          observed_at: write.observedAt?.toISOString() ?? null,
        };
        await tx('readiness_facts')
          .insert({
            ...row,
            collector: write.collector,
            schema_version: write.schemaVersion,
            changed_at: changedAt.toISOString(),
            collected_at: now.toISOString(),
          })
          .onConflict(['entity_ref', 'fact_set'])
          .merge();
        await this.history.recordFactChange(tx, {
          modelId,
          factSetId: factSetIds.get(write.factSet)!,
          previous: previous ? factDocumentOf(previous) : undefined,
          next: factDocumentOf(row),
          changedAt: changedAt.getTime(),
          observedAt: write.observedAt?.getTime(),
        });
      }
      return changed;
    });
  }

  /**
   * Every version of a model's fact sets changed since `since` (optionally
   * of one fact set), oldest first, rebuilt from the stored deltas.
   */
  async factHistory(
    entityRef: string,
    since: Date,
    factSet?: string,
  ): Promise<FactHistoryEntry[]> {
    return this.history.factHistory(entityRef, since, factSet);
  }

  /** The current fact snapshots of several models. */
  async readFacts(
    entityRefs: string[],
  ): Promise<Map<string, Record<string, FactSnapshot>>> {
    const result = new Map<string, Record<string, FactSnapshot>>();
    for (let i = 0; i < entityRefs.length; i += 500) {
      const rows = await this.db('readiness_facts').whereIn(
        'entity_ref',
        entityRefs.slice(i, i + 500),
      );
      for (const row of rows) {
        addFactRow(result, row);
      }
    }
    return result;
  }

  /** The current fact snapshots of every model, for re-grading. */
  async readAllFacts(): Promise<Map<string, Record<string, FactSnapshot>>> {
    const result = new Map<string, Record<string, FactSnapshot>>();
    const rows = await this.db('readiness_facts').select();
    for (const row of rows) {
      addFactRow(result, row);
    }
    return result;
  }

  /** Entity refs that have facts. */
  async listFactEntityRefs(): Promise<string[]> {
    const rows = await this.db('readiness_facts').distinct('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  // Grades

  async getGrade(entityRef: string): Promise<StoredGrade | undefined> {
    const row = await this.db('readiness_grades')
      .where({ entity_ref: entityRef })
      .first();
    return row ? gradeFromRow(row) : undefined;
  }

  /** Current grades of several models (chunked). */
  async getGrades(entityRefs: string[]): Promise<Map<string, StoredGrade>> {
    const result = new Map<string, StoredGrade>();
    for (let i = 0; i < entityRefs.length; i += 500) {
      const rows = await this.db('readiness_grades').whereIn(
        'entity_ref',
        entityRefs.slice(i, i + 500),
      );
      for (const row of rows) {
        result.set(row.entity_ref, gradeFromRow(row));
      }
    }
    return result;
  }

  /** Hash and title of the current grades of several models (chunked). */
  async getGradeMeta(
    entityRefs: string[],
  ): Promise<Map<string, { hash: string; title?: string }>> {
    const result = new Map<string, { hash: string; title?: string }>();
    for (let i = 0; i < entityRefs.length; i += 500) {
      const rows = await this.db('readiness_grades')
        .whereIn('entity_ref', entityRefs.slice(i, i + 500))
        .select('entity_ref', 'hash', 'title');
      for (const row of rows) {
        result.set(row.entity_ref, {
          hash: row.hash,
          title: row.title ?? undefined,
        });
      }
    }
    return result;
  }

  /** Hash of the parts of a grade whose change is recorded in history. */
  static gradeHash(grade: GradeWrite): string {
    const cached = gradeHashes.get(grade);
    if (cached) {
      return cached;
    }
    let text = `${grade.title ?? ''}\u0000${grade.owner ?? ''}\u0000${
      grade.tier
    }\u0000${grade.stage}\u0000${grade.level}\u0000${grade.requiredLevel}`;
    for (const c of grade.checks) {
      text += `\u0000${c.checkId}:${c.state}:${c.exemptionId ?? ''}`;
    }
    const hash = createHash('sha256').update(text).digest('hex');
    gradeHashes.set(grade, hash);
    return hash;
  }

  /**
   * Stores grades. A changed grade replaces the current one, its non-passing
   * checks and adds a history snapshot; an unchanged one only moves
   * `graded_at`. Returns the refs whose grade changed.
   */
  async writeGrades(
    grades: GradeWrite[],
    now: Date,
    knownHashes?: Map<string, string>,
  ): Promise<string[]> {
    const changed: string[] = [];
    const nowIso = now.toISOString();
    const hashes =
      knownHashes ??
      new Map(
        (
          await this.db('readiness_grades')
            .whereIn(
              'entity_ref',
              grades.map(g => g.entityRef),
            )
            .select('entity_ref', 'hash')
        ).map(r => [r.entity_ref, r.hash]),
      );
    const unchanged: string[] = [];
    const toWrite: Array<{ grade: GradeWrite; hash: string }> = [];
    for (const grade of grades) {
      const hash = ReadinessStore.gradeHash(grade);
      if (hashes.get(grade.entityRef) === hash) {
        unchanged.push(grade.entityRef);
      } else {
        toWrite.push({ grade, hash });
      }
    }
    const historyIds = await this.history.prepareGrades(
      toWrite.map(c => c.grade),
    );
    await this.db.transaction(async tx => {
      for (let i = 0; i < unchanged.length; i += 500) {
        await tx('readiness_grades')
          .whereIn('entity_ref', unchanged.slice(i, i + 500))
          .update({ graded_at: nowIso });
      }
      for (let i = 0; i < toWrite.length; i += GRADE_CHUNK) {
        const chunk = toWrite.slice(i, i + GRADE_CHUNK);
        const refs = chunk.map(c => c.grade.entityRef);
        await tx('readiness_grades')
          .insert(
            chunk.map(({ grade, hash }) => ({
              entity_ref: grade.entityRef,
              title: grade.title ?? null,
              owner: grade.owner ?? null,
              tier: grade.tier,
              stage: grade.stage,
              level: grade.level,
              level_rank: levelRank(grade.level),
              required_level: grade.requiredLevel,
              required_rank: levelRank(grade.requiredLevel),
              meets_required: grade.meetsRequiredLevel,
              failing: grade.failing,
              unknown: grade.unknown,
              exempt: grade.exempt,
              checks_json: JSON.stringify(grade.checks),
              hash,
              graded_at: nowIso,
              changed_at: nowIso,
            })),
          )
          .onConflict('entity_ref')
          .merge();
        await tx('readiness_check_issues').whereIn('entity_ref', refs).delete();
        const issues = chunk.flatMap(({ grade }) =>
          grade.checks
            .filter(c => c.state === 'fail' || c.state === 'unknown')
            .map(c => ({
              entity_ref: grade.entityRef,
              check_id: c.checkId,
              state: c.state,
            })),
        );
        await insertRows(
          tx,
          'readiness_check_issues',
          ['entity_ref', 'check_id', 'state'],
          issues,
        );
        await this.history.recordGrades(
          tx,
          chunk.map(c => c.grade),
          historyIds,
          now,
        );
        changed.push(...refs);
      }
    });
    return changed;
  }

  private overviewBase(query: Omit<OverviewQuery, 'offset' | 'limit'>) {
    const base = this.db('readiness_grades as g');
    if (query.excludeRefs?.length) {
      base.whereNotIn('g.entity_ref', query.excludeRefs);
    }
    if (query.owners) {
      base.whereIn('g.owner', query.owners);
    }
    if (query.tier !== undefined) {
      base.where('g.tier', query.tier);
    }
    if (query.level !== undefined) {
      base.where('g.level', query.level);
    }
    if (query.stage !== undefined) {
      base.where('g.stage', query.stage);
    }
    if (query.meetsRequiredLevel !== undefined) {
      base.where('g.meets_required', query.meetsRequiredLevel);
    }
    if (query.failingCheck !== undefined) {
      base.whereExists(
        this.db('readiness_check_issues as i')
          .whereRaw('i.entity_ref = g.entity_ref')
          .where('i.check_id', query.failingCheck)
          .where('i.state', 'fail'),
      );
    }
    return base.orderBy([
      { column: `g.${sortColumns[query.orderBy]}`, order: query.order },
      { column: 'g.entity_ref', order: 'asc' },
    ]);
  }

  /**
   * One page of the overview as entity refs, filtered, sorted and paged in
   * the database, with the number of matches. Visibility is applied only as
   * `excludeRefs`: the service uses this while it knows every stored grade
   * the caller may not see (see {@link ReadinessStore.gradeRefs}).
   */
  async queryOverview(
    query: OverviewQuery,
  ): Promise<{ refs: string[]; totalItems: number }> {
    const base = this.overviewBase(query);
    const [{ count }] = await base.clone().clearOrder().count({ count: '*' });
    const rows: Array<{ entity_ref: string }> = await base
      .select('g.entity_ref')
      .offset(query.offset)
      .limit(query.limit);
    return { refs: rows.map(r => r.entity_ref), totalItems: Number(count) };
  }

  /**
   * Entity refs of every grade matching the overview's filters, in the
   * overview's order — only the ref column, so the caller can apply
   * visibility in memory and read full rows for one page with
   * {@link ReadinessStore.overviewRows}.
   */
  async overviewRefs(
    query: Omit<OverviewQuery, 'offset' | 'limit' | 'excludeRefs'>,
  ): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> =
      await this.overviewBase(query).select('g.entity_ref');
    return rows.map(r => r.entity_ref);
  }

  /** How many models have a current grade. */
  async gradeCount(): Promise<number> {
    const [{ count }] = await this.db('readiness_grades').count({
      count: '*',
    });
    return Number(count);
  }

  /** Entity refs of every current grade, in no particular order. */
  async gradeRefs(): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> =
      await this.db('readiness_grades').select('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  /**
   * Current grades of several models without their check outcomes, with
   * the ids of their failing checks (from `readiness_check_issues`, so the
   * outcomes' JSON is not read and parsed for an overview page).
   */
  async overviewRows(
    entityRefs: string[],
  ): Promise<Map<string, OverviewGrade>> {
    const result = new Map<string, OverviewGrade>();
    for (let i = 0; i < entityRefs.length; i += 500) {
      const chunk = entityRefs.slice(i, i + 500);
      const rows = await this.db('readiness_grades')
        .whereIn('entity_ref', chunk)
        .select(overviewColumns);
      for (const row of rows) {
        result.set(row.entity_ref, {
          ...gradeSummaryFromRow(row),
          failingChecks: [],
        });
      }
      const issues: Array<{ entity_ref: string; check_id: string }> =
        await this.db('readiness_check_issues')
          .whereIn('entity_ref', chunk)
          .where('state', 'fail')
          .select('entity_ref', 'check_id');
      for (const issue of issues) {
        result.get(issue.entity_ref)?.failingChecks.push(issue.check_id);
      }
    }
    return result;
  }

  /** Grade history of one model, newest last. */
  async modelHistory(
    entityRef: string,
    since: Date,
  ): Promise<GradeHistoryEntry[]> {
    return this.history.modelHistory(entityRef, since);
  }

  /** Grade history of every model owned by the given owners, newest last. */
  async teamHistory(
    owners: string[],
    since: Date,
    entityRefs?: string[],
  ): Promise<GradeHistoryEntry[]> {
    return this.history.teamHistory(owners, since, entityRefs);
  }

  /** Deletes data of models no longer in the catalog and history older than the cutoff. */
  async applyRetention(options: {
    keepEntityRefs: string[];
    historyCutoff: Date;
  }): Promise<{ removedModels: number; removedHistory: number }> {
    const keep = new Set(options.keepEntityRefs);
    const known = new Set<string>([
      ...(await this.listFactEntityRefs()),
      ...(await this.db('readiness_grades').select('entity_ref')).map(
        r => r.entity_ref,
      ),
    ]);
    // An empty catalog answer is more likely an outage than every model
    // deleted: then nothing is removed.
    const gone =
      keep.size === 0 ? [] : [...known].filter(ref => !keep.has(ref));
    return this.db.transaction(async tx => {
      for (let i = 0; i < gone.length; i += 500) {
        const chunk = gone.slice(i, i + 500);
        // Their fact history stays readable until it expires.
        await this.history.detachFromCurrent(tx, chunk);
        for (const table of [
          'readiness_facts',
          'readiness_grades',
          'readiness_check_issues',
        ]) {
          await tx(table).whereIn('entity_ref', chunk).delete();
        }
      }
      const removedHistory = await this.history.deleteBefore(
        tx,
        options.historyCutoff,
      );
      await tx('readiness_notifications')
        .where('sent_at', '<', options.historyCutoff.toISOString())
        .delete();
      return { removedModels: gone.length, removedHistory };
    });
  }

  /** Models whose current grade fails (or is unknown on) a check. */
  async modelsWithCheckIssue(
    checkId: string,
    states: Array<'fail' | 'unknown'>,
  ): Promise<Array<{ entityRef: string; state: string }>> {
    const rows = await this.db('readiness_check_issues')
      .where('check_id', checkId)
      .whereIn('state', states)
      .orderBy('entity_ref')
      .select('entity_ref', 'state');
    return rows.map(r => ({ entityRef: r.entity_ref, state: r.state }));
  }

  // Exemptions

  async createExemption(exemption: ExemptionInput): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('readiness_exemptions').insert({
        id: exemption.id,
        entity_ref: exemption.entityRef,
        check_id: exemption.checkId,
        reason: exemption.reason,
        compensating_control: exemption.compensatingControl,
        approver: exemption.approver,
        created_by: exemption.createdBy,
        created_at: exemption.createdAt,
        expires_at: exemption.expiresAt,
      });
      await tx('readiness_exemption_audit').insert({
        exemption_id: exemption.id,
        action: 'created',
        actor: exemption.createdBy,
        at: exemption.createdAt,
        details_json: JSON.stringify(exemption),
      });
    });
  }

  /** Revokes an active exemption; returns false when it was already revoked. */
  async revokeExemption(options: {
    id: string;
    revokedBy: string;
    reason: string;
    now: Date;
  }): Promise<boolean> {
    return this.db.transaction(async tx => {
      const nowIso = options.now.toISOString();
      const updated = await tx('readiness_exemptions')
        .where({ id: options.id })
        .whereNull('revoked_at')
        .update({
          revoked_at: nowIso,
          revoked_by: options.revokedBy,
          revoke_reason: options.reason,
        });
      if (updated === 0) {
        return false;
      }
      await tx('readiness_exemption_audit').insert({
        exemption_id: options.id,
        action: 'revoked',
        actor: options.revokedBy,
        at: nowIso,
        details_json: JSON.stringify({ reason: options.reason }),
      });
      return true;
    });
  }

  async getExemption(id: string, now: Date): Promise<Exemption | undefined> {
    const row = await this.db('readiness_exemptions').where({ id }).first();
    return row ? exemptionFromRow(row, now) : undefined;
  }

  /** Exemptions, newest first; optionally of one model, only unrevoked and unexpired. */
  async listExemptions(options: {
    entityRef?: string;
    activeOnly?: boolean;
    now: Date;
  }): Promise<Exemption[]> {
    const query = this.db('readiness_exemptions');
    if (options.entityRef) {
      query.where('entity_ref', options.entityRef);
    }
    if (options.activeOnly) {
      query
        .whereNull('revoked_at')
        .where('expires_at', '>', options.now.toISOString());
    }
    const rows = await query.orderBy('created_at', 'desc').limit(1000);
    return rows.map(r => exemptionFromRow(r, options.now));
  }

  /** Unrevoked exemptions of several models, for grading. */
  async exemptionsFor(entityRefs: string[]): Promise<Map<string, Exemption[]>> {
    const result = new Map<string, Exemption[]>();
    const now = new Date();
    for (let i = 0; i < entityRefs.length; i += 500) {
      const rows = await this.db('readiness_exemptions')
        .whereIn('entity_ref', entityRefs.slice(i, i + 500))
        .whereNull('revoked_at');
      for (const row of rows) {
        const list = result.get(row.entity_ref) ?? [];
        list.push(exemptionFromRow(row, now));
        result.set(row.entity_ref, list);
      }
    }
    return result;
  }

  /** Audit records of one exemption, oldest first. */
  async exemptionAudit(
    id: string,
  ): Promise<Array<{ action: string; actor: string; at: string }>> {
    const rows = await this.db('readiness_exemption_audit')
      .where('exemption_id', id)
      .orderBy('id', 'asc');
    return rows.map(r => ({
      action: r.action,
      actor: r.actor,
      at: toIso(r.at),
    }));
  }

  /** Unrevoked exemptions expiring within the window (for reminders and re-grading). */
  async exemptionsExpiringBetween(from: Date, to: Date): Promise<Exemption[]> {
    const rows = await this.db('readiness_exemptions')
      .whereNull('revoked_at')
      .where('expires_at', '>', from.toISOString())
      .where('expires_at', '<=', to.toISOString());
    return rows.map(r => exemptionFromRow(r, from));
  }

  // Gate evidence

  async recordGateDecision(evidence: GateEvidence): Promise<void> {
    await this.db('readiness_gate_decisions').insert({
      id: evidence.decisionId,
      entity_ref: evidence.entityRef,
      version: evidence.version,
      stage: evidence.stage,
      requested_by: evidence.requestedBy,
      decided_at: evidence.decidedAt,
      allowed: evidence.allowed,
      level: evidence.level,
      required_level: evidence.requiredLevel,
      reasons_json: JSON.stringify({
        reasons: evidence.reasons,
        checks: evidence.checks,
      }),
      scorecard_json: JSON.stringify(evidence.scorecard),
    });
  }

  async listGateDecisions(options: {
    entityRef: string;
    version?: string;
  }): Promise<GateEvidence[]> {
    const query = this.db('readiness_gate_decisions').where(
      'entity_ref',
      options.entityRef,
    );
    if (options.version !== undefined) {
      query.where('version', options.version);
    }
    const rows = await query.orderBy('decided_at', 'asc').limit(1000);
    return rows.map(row => {
      const reasons = JSON.parse(row.reasons_json);
      return {
        decisionId: row.id,
        entityRef: row.entity_ref,
        version: row.version,
        stage: row.stage,
        requestedBy: row.requested_by,
        decidedAt: toIso(row.decided_at),
        allowed: Boolean(row.allowed),
        level: row.level,
        requiredLevel: row.required_level,
        reasons: reasons.reasons,
        checks: reasons.checks,
        scorecard: JSON.parse(row.scorecard_json),
      };
    });
  }

  // Notifications

  /**
   * Claims a notification: true the first time a key is seen (the caller
   * sends it), false for every later attempt, also from another replica.
   */
  async claimNotification(options: {
    key: string;
    entityRef: string;
    kind: string;
    now: Date;
  }): Promise<boolean> {
    const rows = await this.db('readiness_notifications')
      .insert({
        dedupe_key: options.key,
        entity_ref: options.entityRef,
        kind: options.kind,
        sent_at: options.now.toISOString(),
      })
      .onConflict('dedupe_key')
      .ignore()
      .returning('dedupe_key');
    return rows.length > 0;
  }

  /** Gives a claim back when sending failed, so a later run retries it. */
  async releaseNotification(key: string): Promise<void> {
    await this.db('readiness_notifications').where('dedupe_key', key).delete();
  }
}

function addFactRow(
  result: Map<string, Record<string, FactSnapshot>>,
  row: any,
) {
  const facts = result.get(row.entity_ref) ?? {};
  facts[row.fact_set] =
    row.status === 'available'
      ? {
          status: 'available',
          values: JSON.parse(row.values_json),
          collectedAt: toIso(row.collected_at),
          observedAt: toIsoOrUndefined(row.observed_at),
        }
      : {
          status: 'unavailable',
          reason: row.reason ?? '',
          collectedAt: toIso(row.collected_at),
        };
  result.set(row.entity_ref, facts);
}

function gradeFromRow(row: any): StoredGrade {
  return {
    ...gradeSummaryFromRow(row),
    checks: JSON.parse(row.checks_json),
    changedAt: toIso(row.changed_at),
  };
}

/** A grade row without its check outcomes and change time. */
function gradeSummaryFromRow(
  row: any,
): Omit<StoredGrade, 'checks' | 'changedAt'> {
  return {
    entityRef: row.entity_ref,
    title: row.title ?? undefined,
    owner: row.owner ?? undefined,
    tier: Number(row.tier),
    stage: row.stage,
    level: row.level,
    requiredLevel: row.required_level,
    meetsRequiredLevel: Boolean(row.meets_required),
    failing: Number(row.failing),
    unknown: Number(row.unknown),
    exempt: Number(row.exempt),
    gradedAt: toIso(row.graded_at),
  };
}

function exemptionFromRow(row: any, now: Date): Exemption {
  const expiresAt = toIso(row.expires_at);
  let status: Exemption['status'] = 'active';
  if (row.revoked_at) {
    status = 'revoked';
  } else if (Date.parse(expiresAt) <= now.getTime()) {
    status = 'expired';
  }
  return {
    id: row.id,
    entityRef: row.entity_ref,
    checkId: row.check_id,
    reason: row.reason,
    compensatingControl: row.compensating_control,
    approver: row.approver,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    expiresAt,
    revokedAt: toIsoOrUndefined(row.revoked_at),
    revokedBy: row.revoked_by ?? undefined,
    revokeReason: row.revoke_reason ?? undefined,
    status,
  };
}
