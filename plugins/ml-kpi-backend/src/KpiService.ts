import { LoggerService } from '@backstage/backend-plugin-api';
import { EventParams } from '@backstage/plugin-events-node';
import {
  computeDeliveryKpis,
  describeMalformedPayload,
  isKpiGithubEvent,
} from '@ml-golden-paths/plugin-ml-kpi-common';
import { KpiConfig } from './config';
import { deliveryChange } from './deliveryChanges';
import { KpiStore, RecordChange } from './KpiStore';
import { ModelResolver, ResolvedModel } from './ModelResolver';

/**
 * Models whose records are loaded and recomputed together: few enough that
 * their rows die young (garbage collection took a third of the time with
 * 100), many enough that 1,000 models take 40 chunks × 4 queries.
 */
const RECOMPUTE_CHUNK = 25;

const header = (value: unknown) =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/** What became of one delivery. */
export type IngestOutcome =
  'stored' | 'unmatched' | 'ignored' | 'duplicate' | 'malformed';

/**
 * Turns GitHub deliveries into stored records and keeps each affected model's
 * KPIs (current and today's daily row) up to date: one delivery recomputes
 * only the models of its repository.
 */
export class KpiService {
  constructor(
    private readonly store: KpiStore,
    private readonly resolver: ModelResolver,
    private readonly config: KpiConfig,
    private readonly logger: LoggerService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Handles one event from the `github` topic. */
  async ingest(params: EventParams): Promise<IngestOutcome> {
    const metadata = params.metadata ?? {};
    const event = header(metadata['x-github-event']);
    const deliveryId = header(metadata['x-github-delivery']);
    const hookId = header(metadata['x-github-hook-id']) ?? '';
    if (!event || !deliveryId) {
      // The ingress refuses these; an event from elsewhere is not ours to store.
      await this.store.increment('malformed');
      return 'malformed';
    }
    const payload = params.eventPayload;
    const repository = (payload as { repository?: { full_name?: unknown } })
      ?.repository?.full_name;
    const slug = typeof repository === 'string' ? repository : undefined;

    let outcome: 'stored' | 'unmatched' | 'ignored' = 'ignored';
    const changes: Array<{ entityRef: string; change: RecordChange }> = [];
    const affected = new Map<string, string>();
    if (isKpiGithubEvent(event)) {
      const malformed = describeMalformedPayload(event, payload);
      if (malformed) {
        this.logger.warn(`Delivery ${deliveryId} not stored: ${malformed}`);
        await this.store.increment('malformed');
        return 'malformed';
      }
      const models = slug ? await this.resolver.modelsOf(slug) : [];
      if (models.length === 0) {
        outcome = 'unmatched';
      } else {
        const change = deliveryChange(event, payload, this.config);
        if (change) {
          outcome = 'stored';
          for (const model of models) {
            changes.push({ entityRef: model.entityRef, change });
            affected.set(model.entityRef, model.ownerRef);
          }
        }
      }
    }
    const fresh = await this.store.recordDelivery(
      { deliveryId, hookId, event, repository: slug, outcome },
      changes,
    );
    if (!fresh) {
      await this.store.increment('duplicate');
      return 'duplicate';
    }
    for (const [entityRef, ownerRef] of affected) {
      await this.recompute(entityRef, ownerRef);
    }
    return outcome;
  }

  /** Recomputes and stores one model's KPIs from its records. */
  async recompute(entityRef: string, ownerRef: string): Promise<void> {
    await this.recomputeMany([{ entityRef, ownerRef }]);
  }

  /**
   * Recomputes and stores several models' KPIs: records are read a chunk of
   * models at a time with one query per table, and the KPIs written with
   * multi-row statements — never a query per model (DevLake #8726).
   */
  async recomputeMany(models: readonly ResolvedModel[]): Promise<void> {
    const now = this.now();
    const options = {
      now,
      productionEnvironments: this.config.productionEnvironments,
      windowDays: this.config.windowDays,
      attributionDays: this.config.attributionDays,
      minDeployments: this.config.minDeployments,
      bands: this.config.bands,
    };
    for (let i = 0; i < models.length; i += RECOMPUTE_CHUNK) {
      const chunk = models.slice(i, i + RECOMPUTE_CHUNK);
      const records = await this.store.recordsOf(
        chunk.map(m => m.entityRef),
        {
          kpiWindowStart: new Date(
            now.getTime() - this.config.windowDays * 86_400_000,
          ),
        },
      );
      await this.store.saveManyKpis(
        chunk.map(m => ({
          entityRef: m.entityRef,
          ownerRef: m.ownerRef,
          kpis: computeDeliveryKpis(records.get(m.entityRef)!, options),
        })),
        now,
      );
    }
  }

  /**
   * Recomputes every model with records (the window slides even without new
   * events); models no longer in the catalog are skipped. The catalog is
   * asked once for all models.
   */
  async recomputeAll(): Promise<number> {
    const owners = new Map(
      (await this.resolver.allModels()).map(m => [m.entityRef, m.ownerRef]),
    );
    const models: ResolvedModel[] = [];
    for (const entityRef of await this.store.modelsWithRecords()) {
      const ownerRef = owners.get(entityRef);
      if (ownerRef) {
        models.push({ entityRef, ownerRef });
      }
    }
    await this.recomputeMany(models);
    return models.length;
  }
}
