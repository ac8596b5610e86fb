/*
 * The portal backend: Backstage core plugins on the new backend system plus the
 * ML Golden Paths plugins. Configuration decides the database (embedded SQLite by
 * default, PostgreSQL with app-config.production.yaml).
 */
import { createBackend } from '@backstage/backend-defaults';
import { oidcAuthModule } from './auth';
import { permissionPolicyModule } from './permissions/permissionPolicyModule';

const backend = createBackend();

// Core: the app itself, sign-in, permissions.
backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(oidcAuthModule);
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionPolicyModule);

// Catalog, scaffolder, search.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// Events in (webhooks), notifications and signals out.
backend.add(import('@backstage/plugin-events-backend'));
backend.add(
  import('@ml-golden-paths/plugin-ml-kpi-backend-module-github-events'),
);
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// ML Golden Paths plugins.
backend.add(
  import('@ml-golden-paths/plugin-catalog-backend-module-ml-catalog'),
);
backend.add(
  import('@ml-golden-paths/plugin-scaffolder-backend-module-ml-golden-paths'),
);
backend.add(import('@ml-golden-paths/plugin-ml-catalog-backend'));
backend.add(import('@ml-golden-paths/plugin-ml-readiness-backend'));
backend.add(import('@ml-golden-paths/plugin-ml-kpi-backend'));
backend.add(import('@ml-golden-paths/plugin-ml-kpi-backend-module-github'));
backend.add(import('@ml-golden-paths/plugin-ml-kpi-backend-module-readiness'));
backend.add(import('@ml-golden-paths/plugin-ml-kpi-backend-module-prometheus'));
// Demo KPI data; inert unless mlGoldenPaths.kpi.demo is set (app-config.development.yaml).
backend.add(import('@ml-golden-paths/plugin-ml-kpi-backend-module-demo'));
backend.add(
  import('@ml-golden-paths/plugin-ml-readiness-backend-module-catalog'),
);
backend.add(
  import('@ml-golden-paths/plugin-ml-readiness-backend-module-github'),
);
backend.add(
  import('@ml-golden-paths/plugin-ml-readiness-backend-module-local-git'),
);

backend.start();
