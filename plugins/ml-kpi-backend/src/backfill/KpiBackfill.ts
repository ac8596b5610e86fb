import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  deploymentOutcome,
  describeMalformedPayload,
  isProductionEnvironment,
} from '@ml-golden-paths/plugin-ml-kpi-common';
import { KpiConfig } from '../config';
import { deliveryChange } from '../deliveryChanges';
import { KpiService } from '../KpiService';
import { KpiStore, RecordChange } from '../KpiStore';
import { CatalogModel, ModelResolver, ResolvedModel } from '../ModelResolver';
import {
  KpiBackfillContext,
  KpiBackfillItem,
  KpiBackfillSource,
  KpiProductionSuccess,
} from '@ml-golden-paths/plugin-ml-kpi-node';

/** What became of one repository's backfill. */
export type RepositoryBackfillOutcome =
  'done' | 'not-found' | 'failed' | 'busy' | 'no-source';

/** The outcome of a backfill run, per repository. */
export type BackfillSummary = {
  repositories: Array<{
    repository: string;
    models: string[];
    outcome: RepositoryBackfillOutcome;
    message?: string;
  }>;
};

/**
 * Runs the registered backfill sources over the repositories of the catalog's
 * ai-models (each repository once, however many models share it), a few at a
 * time, and recomputes the KPIs of the models whose repository was read.
 * A repository already being backfilled is skipped (`busy`); an unknown
 * repository is counted (`backfill.notFound`) and does not stop the others.
 */
export class KpiBackfill {
  private readonly running = new Set<string>();

  constructor(
    private readonly options: {
      store: KpiStore;
      service: KpiService;
      resolver: ModelResolver;
      config: KpiConfig;
      logger: LoggerService;
      sources: readonly KpiBackfillSource[];
      now?: () => Date;
    },
  ) {}

  /** Backfills every annotated model's repository. */
  async runAll(): Promise<BackfillSummary> {
    return this.run(await this.options.resolver.allModels());
  }

  /** Backfills the repository of one model (and of every model sharing it). */
  async runModel(entityRef: string): Promise<BackfillSummary> {
    const all = await this.options.resolver.allModels();
    const model = all.find(m => m.entityRef === entityRef);
    if (!model?.slug) {
      throw new NotFoundError(
        `${entityRef} is not an ai-model with a github.com/project-slug annotation`,
      );
    }
    const slug = model.slug.toLowerCase();
    return this.run(all.filter(m => m.slug?.toLowerCase() === slug));
  }

  private async run(models: readonly CatalogModel[]): Promise<BackfillSummary> {
    const byRepository = new Map<
      string,
      { slug: string; models: ResolvedModel[] }
    >();
    for (const m of models) {
      if (!m.slug) {
        continue;
      }
      const key = m.slug.toLowerCase();
      const group = byRepository.get(key) ?? { slug: m.slug, models: [] };
      group.models.push({ entityRef: m.entityRef, ownerRef: m.ownerRef });
      byRepository.set(key, group);
    }
    const queue = [...byRepository.values()];
    const summary: BackfillSummary = { repositories: [] };
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        summary.repositories.push(
          await this.runRepository(next.slug, next.models),
        );
      }
    };
    await Promise.all(
      Array.from(
        {
          length: Math.min(
            this.options.config.backfill.concurrency,
            queue.length,
          ),
        },
        worker,
      ),
    );
    summary.repositories.sort((a, b) =>
      a.repository.localeCompare(b.repository),
    );
    return summary;
  }

  private async runRepository(
    slug: string,
    models: ResolvedModel[],
  ): Promise<BackfillSummary['repositories'][number]> {
    const { store, service, logger, sources } = this.options;
    const key = slug.toLowerCase();
    const entry = (outcome: RepositoryBackfillOutcome, message?: string) => ({
      repository: slug,
      models: models.map(m => m.entityRef),
      outcome,
      ...(message ? { message } : {}),
    });
    if (sources.length === 0) {
      return entry('no-source');
    }
    if (this.running.has(key)) {
      return entry('busy');
    }
    this.running.add(key);
    let stored = true;
    try {
      for (const source of sources) {
        await source.backfill(this.context(slug, models, source.id));
      }
      await store.increment('backfill.done');
      return entry('done');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof NotFoundError) {
        stored = false;
        await store.increment('backfill.notFound');
        logger.warn(`KPI backfill of ${slug}: ${message}`);
        return entry('not-found', message);
      }
      await store.increment('backfill.failed');
      logger.error(
        `KPI backfill of ${slug} failed (the next run resumes): ${message}`,
      );
      return entry('failed', message);
    } finally {
      this.running.delete(key);
      // Whatever was stored before a failure counts too; an unknown
      // repository stored nothing.
      if (stored) {
        await service.recomputeMany(models);
      }
    }
  }

  private context(
    slug: string,
    models: ResolvedModel[],
    sourceId: string,
  ): KpiBackfillContext {
    const { store, config, logger } = this.options;
    const now = (this.options.now ?? (() => new Date()))();
    const resourceKey = (resource: string) => `${sourceId}:${resource}`;
    return {
      repository: slug,
      now,
      settings: {
        productionEnvironments: config.productionEnvironments,
        windowDays: config.windowDays,
        lookbackDays: config.backfill.lookbackDays,
      },
      logger,
      loadState: resource => store.backfillState(slug, resourceKey(resource)),
      saveState: (resource, state) =>
        store.saveBackfillState(slug, resourceKey(resource), state),
      count: (counter, by) => store.increment(counter, by),
      store: async (items: KpiBackfillItem[]) => {
        const changes: Array<{ entityRef: string; change: RecordChange }> = [];
        let malformed = 0;
        let stored = 0;
        for (const item of items) {
          let change: RecordChange | undefined;
          if ('commits' in item) {
            change =
              item.commits.length > 0
                ? { kind: 'commits', commits: item.commits, exactParents: true }
                : undefined;
          } else {
            // The repository is always the one being backfilled; the source
            // only adds its default branch.
            const given = (item.payload ?? {}) as { repository?: object };
            const payload = {
              ...given,
              repository: { ...given.repository, full_name: slug },
            };
            const problem = describeMalformedPayload(item.event, payload);
            if (problem) {
              malformed += 1;
              logger.warn(`KPI backfill of ${slug}: skipped, ${problem}`);
              continue;
            }
            change = deliveryChange(item.event, payload, config);
          }
          if (change) {
            stored += 1;
            for (const m of models) {
              changes.push({ entityRef: m.entityRef, change });
            }
          }
        }
        await store.applyChanges(changes);
        if (malformed > 0) {
          await store.increment('backfill.malformed', malformed);
        }
        return { stored, malformed };
      },
      productionSuccesses: async () => {
        const records = await store.records(models[0].entityRef);
        const successes: KpiProductionSuccess[] = [];
        for (const d of records.deployments) {
          if (
            isProductionEnvironment(
              d.environment,
              config.productionEnvironments,
            )
          ) {
            const outcome = deploymentOutcome(d);
            if (outcome.kind === 'success') {
              successes.push({
                deploymentId: d.id,
                sha: d.sha,
                at: outcome.at,
              });
            }
          }
        }
        return successes.sort(
          (a, b) =>
            a.at.getTime() - b.at.getTime() ||
            a.deploymentId.localeCompare(b.deploymentId),
        );
      },
    };
  }
}
