import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CheckState,
  CompiledPolicy,
  evaluateScorecard,
  Exemption,
  FactSnapshot,
  Scorecard,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import { FactCollector } from '@ml-golden-paths/plugin-ml-readiness-node';
import {
  FactWrite,
  GradeWrite,
  ReadinessStore,
  StoredGrade,
} from '../database/ReadinessStore';
import { ReadinessNotifier } from '../notifications/ReadinessNotifier';
import { runWithConcurrency } from './runWithConcurrency';

/** The catalog filter selecting model entities. */
export const MODEL_FILTER = { kind: 'Resource', 'spec.type': 'ai-model' };

function normaliseOwner(owner: unknown): string | undefined {
  if (typeof owner !== 'string' || owner === '') {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return owner;
  }
}

/**
 * Collects facts through the registered collectors, stores them when they
 * change, grades models from stored facts and stores grades with history.
 * Knows nothing of any particular source.
 */
export class ReadinessEngine {
  constructor(
    private readonly options: {
      store: ReadinessStore;
      policy: CompiledPolicy;
      collectors: FactCollector[];
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      notifier: ReadinessNotifier;
      concurrency: number;
      clock?: () => Date;
    },
  ) {}

  get policy(): CompiledPolicy {
    return this.options.policy;
  }

  get collectors(): FactCollector[] {
    return this.options.collectors;
  }

  now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /**
   * Runs collectors for one model entity and stores the facts; the model is
   * graded afterwards. Facts a collector reports for a set it did not
   * declare are ignored; values that do not match the schema are stored as
   * unavailable with the validation error, so checks reading them are
   * unknown.
   */
  async collectEntity(
    entity: Entity,
    collectors: FactCollector[] = this.options.collectors,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const { logger, store } = this.options;
    const entityRef = stringifyEntityRef(entity);
    const writes: FactWrite[] = [];
    for (const collector of collectors) {
      if (!collector.appliesTo(entity)) {
        continue;
      }
      const declared = new Map(collector.factSets.map(f => [f.id, f]));
      let results;
      try {
        results = await collector.collect(entity, {
          logger: logger.child({ collector: collector.id, entityRef }),
          signal,
        });
      } catch (error) {
        logger.warn(
          `Collector ${collector.id} failed for ${entityRef}: ${error}`,
        );
        continue;
      }
      for (const result of results) {
        const factSet = declared.get(result.factSet);
        if (!factSet) {
          logger.warn(
            `Collector ${collector.id} reported fact set '${result.factSet}' it does not declare; ignored`,
          );
          continue;
        }
        const base = {
          factSet: factSet.id,
          collector: collector.id,
          schemaVersion: factSet.version,
        };
        if (result.type === 'unavailable') {
          writes.push({
            ...base,
            status: 'unavailable',
            reason: result.reason,
          });
          continue;
        }
        const parsed = factSet.schema.safeParse(result.values);
        if (parsed.success) {
          writes.push({
            ...base,
            status: 'available',
            values: parsed.data,
            observedAt: result.observedAt,
          });
        } else {
          const issue = parsed.error.issues[0];
          writes.push({
            ...base,
            status: 'unavailable',
            reason: `collector ${collector.id} produced invalid facts: ${
              issue.path.join('.') || '(root)'
            }: ${issue.message}`,
          });
        }
      }
    }
    const changed = await store.writeFacts(entityRef, writes, this.now());
    await this.gradeModels([entityRef], {
      titles: new Map([[entityRef, entity.metadata.title]]),
    });
    return changed;
  }

  /**
   * Collects every model entity in the catalog (service credentials), one
   * entity at a time under the concurrency limit.
   */
  async collectAll(
    collectors: FactCollector[] = this.options.collectors,
    signal?: AbortSignal,
  ): Promise<{ models: number }> {
    const { catalog, auth, concurrency, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const counter = { models: 0 };
    for await (const page of catalog.streamEntities(
      { filter: MODEL_FILTER, pageSize: 200 },
      { credentials },
    )) {
      if (signal?.aborted) {
        break;
      }
      await runWithConcurrency(
        page,
        concurrency,
        async entity => {
          try {
            await this.collectEntity(entity, collectors, signal);
            counter.models += 1;
          } catch (error) {
            logger.warn(
              `Readiness collection failed for ${stringifyEntityRef(entity)}: ${error}`,
            );
          }
        },
        signal,
      );
    }
    return { models: counter.models };
  }

  /** Refs of every model in the catalog (service credentials). */
  async allModelRefs(): Promise<string[]> {
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const refs: string[] = [];
    for await (const page of catalog.streamEntities(
      {
        filter: MODEL_FILTER,
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
        pageSize: 1000,
      },
      { credentials },
    )) {
      refs.push(...page.map(e => stringifyEntityRef(e)));
    }
    return refs;
  }

  /** Re-collects one model now (the refresh endpoint). */
  async refresh(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<StoredGrade> {
    const principal = credentials.principal as { type?: string };
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials:
        principal.type === 'user'
          ? credentials
          : await this.options.auth.getOwnServiceCredentials(),
    });
    if (!entity || !isModel(entity)) {
      throw new NotFoundError(`No model ${entityRef}`);
    }
    await this.collectEntity(entity);
    return (await this.options.store.getGrade(stringifyEntityRef(entity)))!;
  }

  /** Evaluates one model from given facts and exemptions, without storing. */
  evaluate(
    entityRef: string,
    facts: Record<string, FactSnapshot>,
    exemptions: Exemption[],
    options: {
      title?: string;
      stage?: Parameters<typeof evaluateScorecard>[1]['stage'];
    } = {},
  ): GradeWrite {
    const evaluation = evaluateScorecard(this.options.policy, {
      facts,
      exemptions,
      now: this.now(),
      stage: options.stage,
    });
    const count = (state: CheckState) =>
      evaluation.checks.filter(c => c.state === state).length;
    const entityFacts = facts.entity;
    const owner =
      entityFacts?.status === 'available'
        ? normaliseOwner((entityFacts.values as { owner?: unknown }).owner)
        : undefined;
    return {
      entityRef,
      title: options.title,
      owner,
      tier: evaluation.tier,
      stage: evaluation.stage,
      level: evaluation.level,
      requiredLevel: evaluation.requiredLevel,
      meetsRequiredLevel: evaluation.meetsRequiredLevel,
      failing: count('fail'),
      unknown: count('unknown'),
      exempt: count('exempt'),
      checks: evaluation.checks,
    };
  }

  /**
   * Grades models from their stored facts and exemptions and stores the
   * grades (history on change, notifications for what got worse). Without
   * refs, grades every model with facts.
   */
  async gradeModels(
    entityRefs?: string[],
    options: { titles?: Map<string, string | undefined> } = {},
  ): Promise<{ graded: number; changed: string[] }> {
    const { store, notifier } = this.options;
    const facts = entityRefs
      ? await store.readFacts(entityRefs)
      : await store.readAllFacts();
    const refs = entityRefs ?? [...facts.keys()];
    const exemptions = await store.exemptionsFor(refs);
    const existing = await store.getGradeMeta(refs);
    const grades = refs.map(ref =>
      this.evaluate(ref, facts.get(ref) ?? {}, exemptions.get(ref) ?? [], {
        title: options.titles?.has(ref)
          ? options.titles.get(ref)
          : existing.get(ref)?.title,
      }),
    );
    const hashes = new Map(
      [...existing].map(([ref, meta]) => [ref, meta.hash]),
    );
    const now = this.now();
    // Previous grades are only needed to announce what got worse.
    const previous = notifier.enabled
      ? await store.getGrades(
          grades
            .filter(
              g => hashes.get(g.entityRef) !== ReadinessStore.gradeHash(g),
            )
            .map(g => g.entityRef),
        )
      : new Map<string, StoredGrade>();
    const changed = await store.writeGrades(grades, now, hashes);
    if (notifier.enabled && changed.length > 0) {
      const byRef = new Map(grades.map(g => [g.entityRef, g]));
      const nowIso = now.toISOString();
      for (const ref of changed) {
        const next: StoredGrade = {
          ...byRef.get(ref)!,
          gradedAt: nowIso,
          changedAt: nowIso,
        };
        await notifier.gradeChanged(previous.get(ref), next, now);
      }
    }
    return { graded: grades.length, changed };
  }

  /** Turns a stored grade into the scorecard the API returns. */
  toScorecard(grade: StoredGrade | GradeWrite, gradedAt: string): Scorecard {
    const counts: Record<CheckState, number> = {
      pass: 0,
      fail: 0,
      unknown: 0,
      exempt: 0,
      'not-applicable': 0,
    };
    const checks = grade.checks.flatMap(outcome => {
      const check = this.options.policy.checksById.get(outcome.checkId);
      if (!check) {
        return [];
      }
      counts[outcome.state] += 1;
      return [
        {
          id: check.id,
          title: check.title,
          category: check.category,
          level: check.level,
          state: outcome.state,
          reason: outcome.reason,
          factTimes: outcome.factTimes,
          remediation: check.remediation,
          goldenPathLink: check.goldenPathLink,
          ...(outcome.exemptionId ? { exemptionId: outcome.exemptionId } : {}),
        },
      ];
    });
    return {
      entityRef: grade.entityRef,
      ...(grade.title ? { title: grade.title } : {}),
      ...(grade.owner ? { owner: grade.owner } : {}),
      tier: grade.tier,
      stage: grade.stage,
      level: grade.level,
      requiredLevel: grade.requiredLevel,
      meetsRequiredLevel: grade.meetsRequiredLevel,
      gradedAt,
      counts,
      checks,
    };
  }
}

/** Whether an entity is a model (`Resource` of type `ai-model`). */
export function isModel(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === 'ai-model'
  );
}
