import {
  AuthService,
  coreServices,
  createBackendModule,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { readDemoConfig } from './config';
import { DemoModel, demoModelsFrom } from './demoModels';
import { DemoPrometheus, startDemoPrometheus } from './demoPrometheus';
import { replayDeliveries } from './replay';
import { demoServingMetrics } from './servingMetrics';
import { demoWebhookHistory } from './webhookHistory';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>(resolve => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * The demo models once the catalog has finished listing them: the count of
 * ai-models with a repository slug is the same three polls in a row.
 */
export async function waitForDemoModels(options: {
  catalog: CatalogService;
  auth: AuthService;
  timeoutMs: number;
  pollMs?: number;
  signal: AbortSignal;
}): Promise<DemoModel[]> {
  const poll = options.pollMs ?? 3000;
  const deadline = Date.now() + options.timeoutMs;
  let previous = -1;
  let stable = 0;
  let models: DemoModel[] = [];
  while (!options.signal.aborted) {
    const { items } = await options.catalog.getEntities(
      { filter: { kind: 'Resource', 'spec.type': 'ai-model' } },
      { credentials: await options.auth.getOwnServiceCredentials() },
    );
    models = demoModelsFrom(items);
    stable = models.length > 0 && models.length === previous ? stable + 1 : 0;
    previous = models.length;
    if (stable >= 2 || Date.now() > deadline) {
      return models;
    }
    await sleep(poll, options.signal);
  }
  return models;
}

/** Waits until something answers HTTP at the URL (the backend is listening). */
async function waitForListening(url: string, signal: AbortSignal) {
  for (let i = 0; i < 120 && !signal.aborted; i++) {
    try {
      // GET is not the ingress (POST only): this publishes nothing.
      const res = await fetch(url, { signal });
      await res.arrayBuffer();
      return;
    } catch {
      await sleep(500, signal);
    }
  }
}

async function runDemo(options: {
  config: NonNullable<ReturnType<typeof readDemoConfig>>;
  secret: string | undefined;
  /** The webhook endpoint, asked once the catalog is ready. */
  eventsUrl: () => Promise<string>;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  signal: AbortSignal;
  onPrometheus: (p: DemoPrometheus) => void;
}) {
  const { config, logger, signal } = options;
  const models = await waitForDemoModels({
    catalog: options.catalog,
    auth: options.auth,
    timeoutMs: config.catalogWaitSeconds * 1000,
    signal,
  });
  if (signal.aborted) return;
  if (models.length === 0) {
    logger.warn(
      'Demo KPI data: the catalog lists no ai-model with a github.com/project-slug annotation; nothing to replay',
    );
    return;
  }
  const now = new Date();

  if (config.prometheus) {
    const { port, dataDir, binDir, days } = config.prometheus;
    try {
      const metrics = demoServingMetrics(models, {
        now,
        days,
        seed: config.seed,
      });
      const prometheus = await startDemoPrometheus({
        binDir,
        dataDir,
        port,
        openMetrics: metrics.openMetrics,
      });
      options.onPrometheus(prometheus);
      logger.info(
        `Demo KPI data: Prometheus (pid ${prometheus.pid}) serves ${days} days of serving metrics for ${metrics.models.length} model(s) at ${prometheus.baseUrl}`,
      );
    } catch (error) {
      logger.warn(
        `Demo KPI data: no demo Prometheus, serving facts will say Prometheus is not reachable: ${
          (error as Error).message
        }`,
      );
    }
  }

  if (config.replay) {
    if (!options.secret) {
      logger.warn(
        'Demo KPI data: mlGoldenPaths.github.webhookSecret is not set, so the webhook endpoint refuses deliveries; nothing replayed',
      );
      return;
    }
    const eventsUrl = await options.eventsUrl();
    await waitForListening(eventsUrl, signal);
    const histories = models.map(model =>
      demoWebhookHistory(model, { now, days: config.days, seed: config.seed }),
    );
    const started = Date.now();
    const result = await replayDeliveries({
      url: eventsUrl,
      secret: options.secret,
      histories,
      signal,
    });
    logger.info(
      `Demo KPI data: replayed ${result.sent} signed webhook deliveries (${config.days} days, ${models.length} models) through ${eventsUrl} in ${
        Date.now() - started
      } ms: ${result.accepted} accepted, ${result.refusedCount} refused`,
    );
    for (const refusal of result.refused) {
      logger.warn(
        `Demo KPI data: delivery ${refusal.deliveryId} refused with ${refusal.status}: ${refusal.reason}`,
      );
    }
  }
}

/**
 * Development and demo only, enabled by `mlGoldenPaths.kpi.demo` (set in
 * app-config.development.yaml): once the backend is up and the catalog lists
 * the demo models, it replays a seeded history of signed GitHub webhook
 * deliveries for them through the real endpoint
 * (`POST /api/events/http/github`), and, with `prometheus`, starts a
 * Prometheus on loopback serving generated serving metrics, stopped with
 * the backend. Without the config key it does nothing.
 *
 * @public
 */
export const mlKpiDemoModule = createBackendModule({
  pluginId: 'ml-kpi',
  moduleId: 'demo-data',
  register(reg) {
    reg.registerInit({
      deps: {
        rootConfig: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ rootConfig, logger, lifecycle, discovery, auth, catalog }) {
        const config = readDemoConfig(rootConfig);
        if (!config) {
          return;
        }
        const secret = rootConfig.getOptionalString(
          'mlGoldenPaths.github.webhookSecret',
        );
        const abort = new AbortController();
        let prometheus: DemoPrometheus | undefined;
        let running: Promise<void> | undefined;
        lifecycle.addStartupHook(async () => {
          const eventsUrl = async () =>
            `${await discovery.getBaseUrl('events')}/http/github`;
          // In the background: startup does not wait for the demo data.
          running = runDemo({
            config,
            secret,
            eventsUrl,
            catalog,
            auth,
            logger,
            signal: abort.signal,
            onPrometheus: p => {
              prometheus = p;
              if (abort.signal.aborted) void p.stop();
            },
          }).catch(error => {
            if (!abort.signal.aborted) {
              logger.warn(`Demo KPI data failed: ${error}`);
            }
          });
        });
        lifecycle.addShutdownHook(async () => {
          abort.abort();
          await running;
          await prometheus?.stop();
        });
      },
    });
  },
});
