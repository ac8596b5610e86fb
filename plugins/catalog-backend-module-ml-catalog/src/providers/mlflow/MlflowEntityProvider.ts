import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { stringifyError } from '@backstage/errors';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { Entity } from '@backstage/catalog-model';
import { MlflowClient } from './MlflowClient';
import { mapMlflowModelToEntity } from './mapMlflowModelToEntity';
import {
  MlflowProviderConfig,
  readMlflowProviderConfig,
} from './readMlflowProviderConfig';

const VERSION_FETCH_CONCURRENCY = 4;

/**
 * Outcome of one synchronisation with the registry.
 *
 * @public
 */
export type MlflowRefreshResult =
  { ok: true; entities: number } | { ok: false; error: string };

async function mapWithConcurrency<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

/**
 * Ingests an MLflow Model Registry as `Resource`/`ai-model` entities.
 *
 * On every scheduled run (scope `global`, so once per cadence across
 * replicas) it reads all registered models and their versions and applies a
 * full mutation, so models deleted in MLflow disappear from the catalog. When
 * the registry cannot be read, no mutation is applied (the previous entities
 * stay) and the failure is logged once for that run. The token is never
 * logged.
 *
 * @public
 */
export class MlflowEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  private constructor(
    private readonly config: MlflowProviderConfig,
    private readonly client: MlflowClient,
    private readonly logger: LoggerService,
    private readonly scheduler: SchedulerService | undefined,
  ) {}

  /**
   * Creates the provider from `catalog.providers.mlflow`, or returns
   * `undefined` when that block is absent. Throws an `InputError` naming the
   * bad key when the block is invalid.
   */
  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      scheduler?: SchedulerService;
      fetch?: typeof fetch;
    },
  ): MlflowEntityProvider | undefined {
    const providerConfig = readMlflowProviderConfig(config);
    if (!providerConfig) {
      return undefined;
    }
    const client = MlflowClient.create({
      baseUrl: providerConfig.baseUrl,
      token: providerConfig.token,
      pageSize: providerConfig.pageSize,
      fetch: options.fetch,
    });
    return new MlflowEntityProvider(
      providerConfig,
      client,
      options.logger.child({ provider: 'mlflow' }),
      options.scheduler,
    );
  }

  getProviderName(): string {
    return 'MlflowEntityProvider';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    if (this.scheduler) {
      await this.scheduler.scheduleTask({
        id: `${this.getProviderName()}:refresh`,
        ...this.config.schedule,
        scope: 'global',
        fn: async () => {
          await this.refresh();
        },
      });
    }
  }

  /**
   * Runs one synchronisation now. Never throws: a failure is logged once and
   * reported in the result, and the catalog keeps the previous entities.
   */
  async refresh(): Promise<MlflowRefreshResult> {
    if (!this.connection) {
      return { ok: false, error: 'provider is not connected to the catalog' };
    }
    let entities: Entity[];
    try {
      entities = await this.readRegistry();
    } catch (error) {
      const message = this.redact(stringifyError(error));
      this.logger.error(
        `Could not read the MLflow registry at ${this.config.baseUrl}; keeping the previous models. ${message}`,
      );
      return { ok: false, error: message };
    }
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: `mlflow-provider:${this.config.baseUrl}`,
      })),
    });
    this.logger.info(
      `Read ${entities.length} models from the MLflow registry at ${this.config.baseUrl}`,
    );
    return { ok: true, entities: entities.length };
  }

  private async readRegistry(): Promise<Entity[]> {
    const models = await this.client.listRegisteredModels();
    const entities = await mapWithConcurrency(
      models,
      VERSION_FETCH_CONCURRENCY,
      async model =>
        mapMlflowModelToEntity(
          model,
          await this.client.listModelVersions(model.name),
          this.config,
        ),
    );
    const byName = new Map<string, Entity>();
    for (const entity of entities) {
      const name = entity.metadata.name;
      if (byName.has(name)) {
        this.logger.warn(
          `Two MLflow models map to the catalog name "${name}"; keeping the first`,
        );
        continue;
      }
      byName.set(name, entity);
    }
    return [...byName.values()];
  }

  private redact(text: string): string {
    const { token } = this.config;
    return token ? text.split(token).join('***') : text;
  }
}
