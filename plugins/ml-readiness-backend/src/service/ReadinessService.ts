import { randomUUID } from 'node:crypto';
import { VisibilityCache } from './VisibilityCache';
import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_CHILD_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  Exemption,
  GateDecision,
  GateEvidence,
  GateReason,
  GateRequest,
  GradeHistoryEntry,
  levelRank,
  MAX_EXEMPTION_DAYS,
  ModelStage,
  OverviewPage,
  OverviewRow,
  readinessExemptionCreatePermission,
  readinessExemptionRevokePermission,
  readinessGateEvaluatePermission,
  readinessEvidenceReadPermission,
  readinessReadPermission,
  readinessRefreshPermission,
  Scorecard,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import { z } from 'zod';
import {
  OverviewGrade,
  OverviewQuery,
  ReadinessStore,
} from '../database/ReadinessStore';
import type { FactHistoryEntry } from '../database/HistoryStore';
import {
  isModel,
  MODEL_FILTER,
  ReadinessEngine,
} from '../engine/ReadinessEngine';
import { visibilityKey } from '@ml-golden-paths/plugin-ml-catalog-common';

const DAY = 86_400_000;

/** Parses an entity ref of a model, naming the field on error. */
export function parseModelRef(value: string, field = 'entityRef'): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: 'resource',
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    throw new InputError(`Invalid ${field}: ${(error as Error).message}`);
  }
}

function parseGroupRef(value: string, field: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    throw new InputError(`Invalid ${field}: ${(error as Error).message}`);
  }
}

function zodInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid ${issue.path.join('.') || 'request'}: ${issue.message}`,
    );
  }
  return parsed.data;
}

const gateRequestSchema = z.object({
  entityRef: z.string().min(1),
  version: z.string().min(1).max(128),
  stage: z.enum(['development', 'staging', 'production', 'archived']),
});

const exemptionCreateSchema = z.object({
  entityRef: z.string().min(1),
  checkId: z.string().min(1),
  reason: z.string().trim().min(1).max(2000),
  compensatingControl: z.string().trim().min(1).max(2000),
  approver: z.string().min(1),
  expiresAt: z.string().datetime({ offset: true }),
});

/** Overview filters as the API takes them. */
export interface OverviewFilters {
  owner?: string;
  tier?: number;
  level?: OverviewQuery['level'];
  stage?: string;
  failingCheck?: string;
  meetsRequiredLevel?: boolean;
}

/**
 * The readiness API's logic, shared by the HTTP routes and the actions:
 * visibility through the catalog with the caller's credentials, permission
 * checks, the gate with evidence, and exemptions with audit.
 */
export class ReadinessService {
  constructor(
    private readonly options: {
      engine: ReadinessEngine;
      store: ReadinessStore;
      catalog: CatalogService;
      permissions: PermissionsService;
      auth: AuthService;
      /** How long a caller's visible model refs are reused; default 10 s. */
      visibilityTtlMs?: number;
      /**
       * Up to how many graded models a caller may not see are left out in
       * SQL (a `NOT IN` list) so the database pages the overview; with more,
       * visibility is applied in memory. Default 500.
       */
      maxHiddenInSql?: number;
    },
  ) {
    this.visibility = new VisibilityCache({
      ttlMs: options.visibilityTtlMs ?? 10_000,
      maxEntries: 1000,
    });
  }

  private readonly visibility: VisibilityCache;

  private get maxHiddenInSql(): number {
    return this.options.maxHiddenInSql ?? 500;
  }

  /**
   * Credentials for catalog reads: a user's own (the catalog decides what they
   * see); for a service, which has passed this plugin's permission check, the
   * plugin's own — a static token restricted to the gate may not call the
   * catalog itself.
   */
  private async catalogCredentials(
    credentials: BackstageCredentials,
  ): Promise<BackstageCredentials> {
    const principal = credentials.principal as { type?: string };
    return principal.type === 'user'
      ? credentials
      : this.options.auth.getOwnServiceCredentials();
  }

  private async authorize(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  }

  /**
   * Read access: users see what the catalog shows them; a service (another
   * plugin, a static token) needs `ml-readiness.read`, so a token restricted
   * to the gate reads nothing else.
   */
  async assertCanRead(credentials: BackstageCredentials): Promise<void> {
    const principal = credentials.principal as { type?: string };
    if (principal.type !== 'user') {
      await this.authorize(readinessReadPermission, credentials);
    }
  }

  /** The model entity as the caller may see it, or NotFoundError. */
  async visibleModel(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const ref = parseModelRef(entityRef);
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials: await this.catalogCredentials(credentials),
    });
    if (!entity || !isModel(entity)) {
      throw new NotFoundError(`No model ${ref}`);
    }
    return entity;
  }

  /**
   * Refs of every model the caller may see, as the catalog answered for
   * their identity within the last few seconds (see {@link VisibilityCache}).
   */
  async visibleModelRefs(
    credentials: BackstageCredentials,
  ): Promise<ReadonlySet<string>> {
    const catalogCredentials = await this.catalogCredentials(credentials);
    const key = visibilityKey(catalogCredentials);
    return this.visibility.get(key, async () => {
      const refs: string[] = [];
      for await (const page of this.options.catalog.streamEntities(
        {
          filter: MODEL_FILTER,
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
          pageSize: 1000,
        },
        { credentials: catalogCredentials },
      )) {
        refs.push(...page.map(e => stringifyEntityRef(e)));
      }
      return refs;
    });
  }

  /** A group and all groups below it (childOf relations), as refs. */
  async ownerWithChildTeams(
    owner: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const root = parseGroupRef(owner, 'owner');
    const catalogCredentials = await this.catalogCredentials(credentials);
    const children = new Map<string, string[]>();
    for await (const page of this.options.catalog.streamEntities(
      {
        filter: { kind: 'Group' },
        fields: ['kind', 'metadata.namespace', 'metadata.name', 'relations'],
        pageSize: 1000,
      },
      { credentials: catalogCredentials },
    )) {
      for (const group of page) {
        const ref = stringifyEntityRef(group);
        for (const relation of group.relations ?? []) {
          if (relation.type === RELATION_CHILD_OF) {
            const list = children.get(relation.targetRef) ?? [];
            list.push(ref);
            children.set(relation.targetRef, list);
          }
        }
      }
    }
    const result = new Set([root]);
    const queue = [root];
    while (queue.length > 0) {
      for (const child of children.get(queue.shift()!) ?? []) {
        if (!result.has(child)) {
          result.add(child);
          queue.push(child);
        }
      }
    }
    return [...result];
  }

  /**
   * A model's scorecard from stored facts and grades. Collection never runs
   * here; if time alone changed the grade (a fact went stale, an exemption
   * expired) the model is re-graded from stored facts first.
   */
  async getScorecard(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Scorecard> {
    const entity = await this.visibleModel(entityRef, credentials);
    const ref = stringifyEntityRef(entity);
    const { store, engine } = this.options;
    let grade = await store.getGrade(ref);
    const facts = (await store.readFacts([ref])).get(ref) ?? {};
    const exemptions = (await store.exemptionsFor([ref])).get(ref) ?? [];
    const current = engine.evaluate(ref, facts, exemptions, {
      title: grade?.title ?? entity.metadata.title,
    });
    if (
      !grade ||
      ReadinessStore.gradeHash(current) !== ReadinessStore.gradeHash(grade)
    ) {
      await engine.gradeModels([ref], {
        titles: new Map([[ref, entity.metadata.title]]),
      });
      grade = (await store.getGrade(ref))!;
    }
    return engine.toScorecard(grade, grade.gradedAt);
  }

  async modelHistory(
    entityRef: string,
    days: number,
    credentials: BackstageCredentials,
  ): Promise<GradeHistoryEntry[]> {
    const entity = await this.visibleModel(entityRef, credentials);
    return this.options.store.modelHistory(
      stringifyEntityRef(entity),
      new Date(this.options.engine.now().getTime() - days * DAY),
    );
  }

  /** Stored versions of a visible model's fact sets, oldest first. */
  async modelFactHistory(
    entityRef: string,
    days: number,
    factSet: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<FactHistoryEntry[]> {
    const entity = await this.visibleModel(entityRef, credentials);
    return this.options.store.factHistory(
      stringifyEntityRef(entity),
      new Date(this.options.engine.now().getTime() - days * DAY),
      factSet,
    );
  }

  async teamHistory(
    owner: string,
    days: number,
    credentials: BackstageCredentials,
  ): Promise<GradeHistoryEntry[]> {
    const owners = await this.ownerWithChildTeams(owner, credentials);
    const visible = await this.visibleModelRefs(credentials);
    return this.options.store.teamHistory(
      owners,
      new Date(this.options.engine.now().getTime() - days * DAY),
      [...visible],
    );
  }

  /**
   * The stored grades the caller may not see, when they are few enough to
   * leave out in SQL (then the database may filter, sort, count and page the
   * overview by itself); undefined when there are more. Worked out by
   * listing the graded refs once per visible set (the
   * {@link VisibilityCache} renews it every few seconds) and again whenever
   * the number of grades differs from the last time.
   */
  private async hiddenGrades(
    visible: ReadonlySet<string>,
  ): Promise<string[] | undefined> {
    const { store } = this.options;
    const gradeCount = await store.gradeCount();
    const known = this.coverage.get(visible);
    if (known?.gradeCount === gradeCount) {
      return known.hidden;
    }
    const refs = await store.gradeRefs();
    const hidden = refs.filter(ref => !visible.has(ref));
    const result = hidden.length <= this.maxHiddenInSql ? hidden : undefined;
    this.coverage.set(visible, { gradeCount: refs.length, hidden: result });
    return result;
  }

  private readonly coverage = new WeakMap<
    ReadonlySet<string>,
    { gradeCount: number; hidden: string[] | undefined }
  >();

  /** The store's overview query of the API's filters and order. */
  private async overviewQuery(
    filters: OverviewFilters,
    order: Pick<OverviewQuery, 'orderBy' | 'order'>,
    credentials: BackstageCredentials,
  ): Promise<Omit<OverviewQuery, 'offset' | 'limit' | 'excludeRefs'>> {
    return {
      ...order,
      owners: filters.owner
        ? await this.ownerWithChildTeams(filters.owner, credentials)
        : undefined,
      tier: filters.tier,
      level: filters.level,
      stage: filters.stage,
      failingCheck: filters.failingCheck,
      meetsRequiredLevel: filters.meetsRequiredLevel,
    };
  }

  /**
   * Refs of the filtered overview in its order, only those the caller may
   * see: the database filters and sorts (returning refs only), visibility is
   * applied in memory from the cached visible set.
   */
  private async visibleOverviewRefs(
    query: Omit<OverviewQuery, 'offset' | 'limit' | 'excludeRefs'>,
    visible: ReadonlySet<string>,
  ): Promise<string[]> {
    const refs = await this.options.store.overviewRefs(query);
    return refs.filter(ref => visible.has(ref));
  }

  /** Current grades of the given refs as overview rows, in the given order. */
  private async rowsOf(refs: string[]): Promise<OverviewRow[]> {
    const grades = await this.options.store.overviewRows(refs);
    const { checks } = this.options.engine.policy;
    const position = new Map(checks.map((check, i) => [check.id, i]));
    const rank = (id: string) => position.get(id) ?? checks.length;
    return refs.flatMap(ref => {
      const grade = grades.get(ref);
      if (!grade) {
        return [];
      }
      // Failing checks in policy order, as a scorecard lists them.
      const failingChecks = [...grade.failingChecks].sort(
        (a, b) => rank(a) - rank(b) || a.localeCompare(b),
      );
      return [toOverviewRow({ ...grade, failingChecks })];
    });
  }

  /**
   * One page of the overview over the models the caller may see; offsets and
   * `totalItems` count visible models only. When the caller may not see only
   * a few graded models, the database leaves those out, pages and counts;
   * otherwise it lists the matching refs in order and visibility is applied
   * in memory.
   */
  async overview(
    filters: OverviewFilters,
    page: Pick<OverviewQuery, 'orderBy' | 'order' | 'offset' | 'limit'>,
    credentials: BackstageCredentials,
  ): Promise<OverviewPage> {
    const [visible, query] = await Promise.all([
      this.visibleModelRefs(credentials),
      this.overviewQuery(filters, page, credentials),
    ]);
    const { offset, limit } = page;
    const hidden = await this.hiddenGrades(visible);
    if (hidden) {
      const paged = await this.options.store.queryOverview({
        ...query,
        excludeRefs: hidden,
        offset,
        limit,
      });
      // A grade stored since the list above may be one the caller may not
      // see: then this page is not trusted and visibility is applied below.
      if (paged.refs.every(ref => visible.has(ref))) {
        return {
          items: await this.rowsOf(paged.refs),
          totalItems: paged.totalItems,
          offset,
          limit,
        };
      }
    }
    const refs = await this.visibleOverviewRefs(query, visible);
    return {
      items: await this.rowsOf(refs.slice(offset, offset + limit)),
      totalItems: refs.length,
      offset,
      limit,
    };
  }

  /** Every row of the filtered overview (for CSV export), in pages. */
  async *overviewRows(
    filters: OverviewFilters,
    credentials: BackstageCredentials,
  ): AsyncGenerator<OverviewRow[]> {
    const pageSize = 500;
    const [visible, query] = await Promise.all([
      this.visibleModelRefs(credentials),
      this.overviewQuery(
        filters,
        { orderBy: 'entityRef', order: 'asc' },
        credentials,
      ),
    ]);
    const refs = await this.visibleOverviewRefs(query, visible);
    for (let offset = 0; offset < refs.length; offset += pageSize) {
      yield await this.rowsOf(refs.slice(offset, offset + pageSize));
    }
    if (refs.length === 0) {
      yield [];
    }
  }

  async modelsFailingCheck(
    checkId: string,
    includeUnknown: boolean,
    credentials: BackstageCredentials,
  ): Promise<Array<{ entityRef: string; state: string }>> {
    if (!this.options.engine.policy.checksById.has(checkId)) {
      throw new NotFoundError(`No check '${checkId}' in the policy`);
    }
    const visible = await this.visibleModelRefs(credentials);
    const rows = await this.options.store.modelsWithCheckIssue(
      checkId,
      includeUnknown ? ['fail', 'unknown'] : ['fail'],
    );
    return rows.filter(r => visible.has(r.entityRef));
  }

  async refresh(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Scorecard> {
    await this.authorize(readinessRefreshPermission, credentials);
    const grade = await this.options.engine.refresh(
      parseModelRef(entityRef),
      credentials,
    );
    return this.options.engine.toScorecard(grade, grade.gradedAt);
  }

  /**
   * The gate: may version V of model M go to stage S? Evaluated from stored
   * facts for stage S; the decision and the scorecard it was based on are
   * stored as evidence.
   */
  async gate(
    body: unknown,
    credentials: BackstageCredentials,
    requestedBy: string,
  ): Promise<GateDecision> {
    const input: GateRequest = zodInput(gateRequestSchema, body);
    await this.authorize(readinessGateEvaluatePermission, credentials);
    const entity = await this.visibleModel(input.entityRef, credentials);
    const ref = stringifyEntityRef(entity);
    const { store, engine } = this.options;
    const facts = (await store.readFacts([ref])).get(ref) ?? {};
    const exemptions = (await store.exemptionsFor([ref])).get(ref) ?? [];
    const grade = engine.evaluate(ref, facts, exemptions, {
      title: entity.metadata.title,
      stage: input.stage as ModelStage,
    });
    const required = levelRank(grade.requiredLevel);
    const checks: GateReason[] = grade.checks
      .filter(c => c.state === 'fail' || c.state === 'unknown')
      .flatMap(outcome => {
        const check = engine.policy.checksById.get(outcome.checkId)!;
        return levelRank(check.level) <= required
          ? [
              {
                checkId: check.id,
                state: outcome.state,
                level: check.level,
                message: outcome.reason,
                remediation: check.remediation,
              },
            ]
          : [];
      });
    const reasons = checks.map(
      c => `${c.checkId} (${c.level}) is ${c.state}: ${c.message}`,
    );
    const versions: unknown = (entity.spec as any)?.mlops?.versions;
    const versionKnown =
      Array.isArray(versions) &&
      versions.some(v => String(v?.version) === input.version);
    if (!versionKnown) {
      reasons.unshift(
        `version ${input.version} is not registered on ${ref} (spec.mlops.versions)`,
      );
    }
    const decidedAt = engine.now().toISOString();
    const decision: GateDecision = {
      decisionId: randomUUID(),
      allowed: versionKnown && grade.meetsRequiredLevel,
      level: grade.level,
      requiredLevel: grade.requiredLevel,
      reasons,
      checks,
      decidedAt,
    };
    const evidence: GateEvidence = {
      ...decision,
      entityRef: ref,
      version: input.version,
      stage: input.stage as ModelStage,
      requestedBy,
      scorecard: engine.toScorecard(grade, decidedAt),
    };
    await store.recordGateDecision(evidence);
    return decision;
  }

  async evidence(
    entityRef: string,
    version: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<GateEvidence[]> {
    await this.authorize(readinessEvidenceReadPermission, credentials);
    const entity = await this.visibleModel(entityRef, credentials);
    return this.options.store.listGateDecisions({
      entityRef: stringifyEntityRef(entity),
      version,
    });
  }

  async listExemptions(
    options: { entityRef?: string; active?: boolean },
    credentials: BackstageCredentials,
  ): Promise<Exemption[]> {
    const now = this.options.engine.now();
    if (options.entityRef) {
      const entity = await this.visibleModel(options.entityRef, credentials);
      return this.options.store.listExemptions({
        entityRef: stringifyEntityRef(entity),
        activeOnly: options.active,
        now,
      });
    }
    const visible = await this.visibleModelRefs(credentials);
    const all = await this.options.store.listExemptions({
      activeOnly: options.active,
      now,
    });
    return all.filter(e => visible.has(e.entityRef));
  }

  async createExemption(
    body: unknown,
    credentials: BackstageCredentials,
    createdBy: string,
  ): Promise<Exemption> {
    const input = zodInput(exemptionCreateSchema, body);
    await this.authorize(readinessExemptionCreatePermission, credentials);
    const { engine, store } = this.options;
    if (!engine.policy.checksById.has(input.checkId)) {
      throw new InputError(
        `Invalid checkId: no check '${input.checkId}' in the policy`,
      );
    }
    let approver: string;
    try {
      approver = stringifyEntityRef(
        parseEntityRef(input.approver, {
          defaultKind: 'user',
          defaultNamespace: 'default',
        }),
      );
    } catch (error) {
      throw new InputError(`Invalid approver: ${(error as Error).message}`);
    }
    const now = engine.now();
    const expires = Date.parse(input.expiresAt);
    if (expires <= now.getTime()) {
      throw new InputError('Invalid expiresAt: must be in the future');
    }
    if (expires > now.getTime() + MAX_EXEMPTION_DAYS * DAY) {
      throw new InputError(
        `Invalid expiresAt: an exemption lasts at most ${MAX_EXEMPTION_DAYS} days`,
      );
    }
    const entity = await this.visibleModel(input.entityRef, credentials);
    const ref = stringifyEntityRef(entity);
    const active = await store.listExemptions({
      entityRef: ref,
      activeOnly: true,
      now,
    });
    if (active.some(e => e.checkId === input.checkId)) {
      throw new ConflictError(
        `${ref} already has an active exemption from ${input.checkId}; revoke it first`,
      );
    }
    const id = randomUUID();
    await store.createExemption({
      id,
      entityRef: ref,
      checkId: input.checkId,
      reason: input.reason,
      compensatingControl: input.compensatingControl,
      approver,
      createdBy,
      createdAt: now.toISOString(),
      expiresAt: new Date(expires).toISOString(),
    });
    await engine.gradeModels([ref]);
    return (await store.getExemption(id, now))!;
  }

  async revokeExemption(
    id: string,
    body: unknown,
    credentials: BackstageCredentials,
    revokedBy: string,
  ): Promise<Exemption> {
    const input = zodInput(
      z.object({ reason: z.string().trim().min(1).max(2000) }),
      body,
    );
    await this.authorize(readinessExemptionRevokePermission, credentials);
    const { engine, store } = this.options;
    const now = engine.now();
    const existing = await store.getExemption(id, now);
    if (!existing) {
      throw new NotFoundError(`No exemption ${id}`);
    }
    await this.visibleModel(existing.entityRef, credentials);
    const revoked = await store.revokeExemption({
      id,
      revokedBy,
      reason: input.reason,
      now,
    });
    if (!revoked) {
      throw new ConflictError(`Exemption ${id} is already revoked`);
    }
    await engine.gradeModels([existing.entityRef]);
    return (await store.getExemption(id, now))!;
  }

  async exemptionAudit(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<Array<{ action: string; actor: string; at: string }>> {
    const existing = await this.options.store.getExemption(
      id,
      this.options.engine.now(),
    );
    if (!existing) {
      throw new NotFoundError(`No exemption ${id}`);
    }
    await this.visibleModel(existing.entityRef, credentials);
    return this.options.store.exemptionAudit(id);
  }
}

/** An overview row of a current grade. */
export function toOverviewRow(grade: OverviewGrade): OverviewRow {
  return {
    entityRef: grade.entityRef,
    ...(grade.title ? { title: grade.title } : {}),
    ...(grade.owner ? { owner: grade.owner } : {}),
    tier: grade.tier,
    stage: grade.stage,
    level: grade.level,
    requiredLevel: grade.requiredLevel,
    meetsRequiredLevel: grade.meetsRequiredLevel,
    failing: grade.failing,
    unknown: grade.unknown,
    exempt: grade.exempt,
    failingChecks: grade.failingChecks,
    gradedAt: grade.gradedAt,
  };
}
