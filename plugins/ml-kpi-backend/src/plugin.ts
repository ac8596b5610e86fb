import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  kpiBackfillExtensionPoint,
  KpiBackfillSource,
} from '@ml-golden-paths/plugin-ml-kpi-node';
import { parseKpiTargets } from '@ml-golden-paths/plugin-ml-readiness-common';
import { createBackfillRouter } from './backfill/backfillRouter';
import { KpiBackfill } from './backfill/KpiBackfill';
import { readKpiConfig } from './config';
import { createRouter } from './createRouter';
import { KpiService } from './KpiService';
import { KpiStore } from './KpiStore';
import { ModelResolver } from './ModelResolver';
import { CatalogView } from './platform/CatalogView';
import { KpiReadStore } from './platform/KpiReadStore';
import { ReadinessInputs } from './platform/ReadinessInputs';

/** The `github` topic the webhook ingress publishes deliveries on. */
const GITHUB_TOPIC = 'github';
/** The topic the ingress reports refused deliveries on. */
const GITHUB_REJECTED_TOPIC = 'github.rejected';

/**
 * The ML KPI backend plugin (`ml-kpi`): stores GitHub deliveries once per
 * delivery id + hook id, keeps each model's delivery KPIs current and daily,
 * and serves them per model and per team.
 *
 * @public
 */
export const mlKpiPlugin = createBackendPlugin({
  pluginId: 'ml-kpi',
  register(env) {
    const sources: KpiBackfillSource[] = [];
    env.registerExtensionPoint(kpiBackfillExtensionPoint, {
      addSource(source) {
        if (sources.some(s => s.id === source.id)) {
          throw new Error(`KPI backfill source '${source.id}' added twice`);
        }
        sources.push(source);
      },
    });
    env.registerInit({
      deps: {
        rootConfig: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init(deps) {
        const config = readKpiConfig(deps.rootConfig);
        const store = await KpiStore.create(deps.database);
        const resolver = new ModelResolver(
          deps.catalog,
          deps.auth,
          config.catalogCacheSeconds * 1000,
        );
        const service = new KpiService(store, resolver, config, deps.logger);

        await deps.events.subscribe({
          id: 'delivery-kpis',
          topics: [GITHUB_TOPIC],
          onEvent: async params => {
            await service.ingest(params);
          },
        });
        await deps.events.subscribe({
          id: 'refused-deliveries',
          topics: [GITHUB_REJECTED_TOPIC],
          onEvent: async () => {
            await store.increment('rejected');
          },
        });

        await deps.scheduler.scheduleTask({
          id: 'ml-kpi-recompute',
          frequency: { hours: 6 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 1 },
          scope: 'global',
          fn: async () => {
            const count = await service.recomputeAll();
            deps.logger.info(`Recomputed the KPIs of ${count} model(s)`);
          },
        });

        deps.httpRouter.use(
          createRouter({
            store,
            readStore: new KpiReadStore(await deps.database.getClient()),
            config,
            catalog: new CatalogView(deps.catalog, deps.auth),
            readiness: new ReadinessInputs(deps.discovery, deps.auth),
            httpAuth: deps.httpAuth,
            targets: parseKpiTargets(
              deps.rootConfig.getOptional('mlGoldenPaths.kpi.targets'),
            ),
          }),
        );

        if (sources.length > 0) {
          const backfill = new KpiBackfill({
            store,
            service,
            resolver,
            config,
            logger: deps.logger,
            sources,
          });
          await deps.scheduler.scheduleTask({
            id: 'ml-kpi-backfill',
            frequency: config.backfill.schedule.frequency,
            timeout: config.backfill.schedule.timeout,
            initialDelay: { seconds: 30 },
            scope: 'global',
            fn: async () => {
              const { repositories } = await backfill.runAll();
              const outcomes = new Map<string, number>();
              for (const r of repositories) {
                outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
              }
              deps.logger.info(
                `KPI backfill of ${repositories.length} repositories: ${
                  [...outcomes].map(([o, n]) => `${n} ${o}`).join(', ') ||
                  'no annotated model'
                }`,
              );
            },
          });
          deps.httpRouter.use(
            createBackfillRouter({
              backfill,
              catalog: deps.catalog,
              httpAuth: deps.httpAuth,
            }),
          );
        }
      },
    });
  },
});
