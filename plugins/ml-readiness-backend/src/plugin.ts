import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  buildPolicy,
  builtInFactSets,
  CheckDefinition,
  CheckFunction,
  defaultPolicy,
  FactSetDefinition,
  readinessPermissions,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import {
  FactCollector,
  readinessCheckFunctionsExtensionPoint,
  readinessChecksExtensionPoint,
  readinessCollectorsExtensionPoint,
} from '@ml-golden-paths/plugin-ml-readiness-node';
import { registerReadinessActions } from './actions/registerReadinessActions';
import { readReadinessConfig } from './config';
import { ReadinessStore } from './database/ReadinessStore';
import { ReadinessEngine } from './engine/ReadinessEngine';
import { scheduleReadinessTasks } from './engine/scheduleReadinessTasks';
import { ReadinessNotifier } from './notifications/ReadinessNotifier';
import { createRouter } from './service/createRouter';
import { createPlatformModelsRouter } from './service/platformModelsRouter';
import { ReadinessService } from './service/ReadinessService';

/**
 * The readiness scorecards backend plugin (`ml-readiness`).
 *
 * @public
 */
export const mlReadinessPlugin = createBackendPlugin({
  pluginId: 'ml-readiness',
  register(env) {
    const collectors: FactCollector[] = [];
    const functions: CheckFunction[] = [];
    const addedChecks: CheckDefinition[] = [];
    env.registerExtensionPoint(readinessCollectorsExtensionPoint, {
      addCollector(...added) {
        for (const collector of added) {
          if (collectors.some(c => c.id === collector.id)) {
            throw new Error(
              `Readiness collector '${collector.id}' is registered twice`,
            );
          }
          collectors.push(collector);
        }
      },
    });
    env.registerExtensionPoint(readinessCheckFunctionsExtensionPoint, {
      addCheckFunction(...added) {
        functions.push(...added);
      },
    });
    env.registerExtensionPoint(readinessChecksExtensionPoint, {
      addChecks(...added) {
        addedChecks.push(...added);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const config = readReadinessConfig(deps.config);
        const factSets = new Map<string, FactSetDefinition>(
          builtInFactSets.map(f => [f.id, f]),
        );
        for (const collector of collectors) {
          for (const factSet of collector.factSets) {
            const known = factSets.get(factSet.id);
            if (
              known &&
              known !== factSet &&
              known.version !== factSet.version
            ) {
              throw new Error(
                `Collector ${collector.id} declares fact set '${factSet.id}' v${factSet.version}, but v${known.version} is already defined`,
              );
            }
            factSets.set(factSet.id, known ?? factSet);
          }
        }
        // A bad policy throws here, naming the check and position: the backend does not start.
        const policy = buildPolicy({
          documents: config.policyDocuments,
          factSets: [...factSets.values()],
          functions,
          // Checks modules add (e.g. KPI checks) are part of the defaults.
          defaults: [...defaultPolicy, ...addedChecks],
        });
        deps.logger.info(
          `Readiness policy: ${policy.checks.length} checks; collectors: ${
            collectors.map(c => c.id).join(', ') || 'none'
          }`,
        );
        deps.permissionsRegistry.addPermissions(readinessPermissions);

        const store = await ReadinessStore.create({ database: deps.database });
        const appBaseUrl = deps.config.getOptionalString('app.baseUrl') ?? '';
        const notifier = new ReadinessNotifier({
          store,
          notifications: deps.notifications,
          logger: deps.logger,
          linkFor: ref => {
            const [kindNs, name] = ref.split('/');
            const namespace = kindNs.split(':')[1] ?? 'default';
            return `${appBaseUrl}/catalog/${namespace}/resource/${name}`;
          },
        });
        const engine = new ReadinessEngine({
          store,
          policy,
          collectors,
          catalog: deps.catalog,
          auth: deps.auth,
          logger: deps.logger,
          notifier,
          concurrency: config.concurrency,
        });
        const service = new ReadinessService({
          engine,
          store,
          catalog: deps.catalog,
          permissions: deps.permissions,
          auth: deps.auth,
        });

        await scheduleReadinessTasks({
          engine,
          store,
          notifier,
          scheduler: deps.scheduler,
          logger: deps.logger,
          config,
        });

        registerReadinessActions({
          actionsRegistry: deps.actionsRegistry,
          service,
        });

        deps.httpRouter.use(
          await createRouter({
            service,
            httpAuth: deps.httpAuth,
            policyView: () => ({
              checks: policy.checks.map(
                ({ run: _run, freshnessMs: _ms, ...check }) => check,
              ),
              tierLevels: policy.tierLevels,
            }),
          }),
        );
        deps.httpRouter.use(
          createPlatformModelsRouter({
            service,
            store,
            policy,
            httpAuth: deps.httpAuth,
          }),
        );
      },
    });
  },
});
