import { createApp } from '@backstage/frontend-defaults';
import apiDocsPlugin from '@backstage/plugin-api-docs/alpha';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import mlCatalogPlugin from '@ml-golden-paths/plugin-ml-catalog';
import mlKpiPlugin from '@ml-golden-paths/plugin-ml-kpi';
import mlReadinessPlugin from '@ml-golden-paths/plugin-ml-readiness';
import { navModule } from './modules/navModule';
import { signInModule } from './modules/signIn';

/**
 * The portal: Backstage's catalog, scaffolder, search, org, settings and
 * notifications, plus the ML Golden Paths plugins.
 */
const app = createApp({
  features: [
    catalogPlugin,
    scaffolderPlugin,
    searchPlugin,
    orgPlugin,
    apiDocsPlugin,
    userSettingsPlugin,
    notificationsPlugin,
    signalsPlugin,
    navModule,
    signInModule,
    // ML Golden Paths plugins.
    mlCatalogPlugin,
    mlReadinessPlugin,
    mlKpiPlugin,
  ],
});

export default app;
