import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Server } from 'node:http';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
} from '@backstage/errors';
import authPlugin from '@backstage/plugin-auth-backend';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import eventsPlugin from '@backstage/plugin-events-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import catalogModuleMlCatalog from '@ml-golden-paths/plugin-catalog-backend-module-ml-catalog';
import mlCatalogPlugin from '@ml-golden-paths/plugin-ml-catalog-backend';
import mlReadinessPlugin from '@ml-golden-paths/plugin-ml-readiness-backend';
import mlReadinessModuleCatalog from '@ml-golden-paths/plugin-ml-readiness-backend-module-catalog';
import mlKpiPlugin from '@ml-golden-paths/plugin-ml-kpi-backend';
import mlKpiModuleGithub from '@ml-golden-paths/plugin-ml-kpi-backend-module-github';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { githubWebhookIngressModule } from '@ml-golden-paths/plugin-ml-kpi-backend-module-github-events';
import { permissionPolicyModule } from '../../permissions/permissionPolicyModule';

/** The users of the test organisation. */
export const USERS = {
  /** A member of the admin group. */
  admin: 'user:default/quinn',
  /** A member of an ordinary team (risk-ml). */
  member: 'user:default/dana',
} as const;

/** The webhook secret the test backend is configured with. */
export const WEBHOOK_SECRET = 'access-matrix-webhook-secret';

/** Callers that get a model of their own to backfill (see writeCatalog). */
export const BACKFILL_CALLERS = ['member', 'admin', 'service'] as const;

/** Disposable entities per pool, for rows whose allowed cells delete one. */
const POOL_SIZE = 6;

const yamlDocs = (docs: object[]) =>
  docs.map(doc => JSON.stringify(doc)).join('\n---\n');

const template = (name: string, owner: string) => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name, title: `Template ${name}` },
  spec: {
    owner,
    type: 'service',
    parameters: [
      {
        title: 'Greeting',
        properties: { greeting: { type: 'string', title: 'Greeting' } },
      },
    ],
    steps: [
      {
        id: 'log',
        name: 'Log the greeting',
        action: 'debug:log',
        input: { message: '${{ parameters.greeting }}' },
      },
    ],
  },
});

const component = (name: string, owner: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name },
  spec: { type: 'service', lifecycle: 'production', owner },
});

/** The template users run in the matrix test. */
export const TEMPLATE = template('say-hello', 'group:default/platform-admins');

/**
 * A registered template whose step registers a location in the catalog with
 * the built-in `catalog:register` action, which acts with the credentials of
 * the user who started the task.
 */
export const REGISTER_TEMPLATE = {
  ...template('register-location', 'group:default/platform-admins'),
  spec: {
    ...template('register-location', 'group:default/platform-admins').spec,
    steps: [
      {
        id: 'register',
        name: 'Register in the catalog',
        action: 'catalog:register',
        input: {
          catalogInfoUrl:
            'https://git.example.com/acme/${{ parameters.greeting }}/blob/main/catalog-info.yaml',
        },
      },
    ],
  },
};

/**
 * Writes the test organisation, templates, components and a model (with its
 * model card, in a local checkout) to a temporary folder.
 */
function writeCatalog(root: string) {
  const checkout = path.join(root, 'checkouts', 'fraud-scoring');
  fs.mkdirSync(path.join(checkout, 'docs'), { recursive: true });
  fs.writeFileSync(
    path.join(checkout, 'docs', 'model-card.md'),
    '# Fraud scoring\n\nScores card transactions.\n',
  );
  fs.writeFileSync(
    path.join(checkout, 'catalog-info.yaml'),
    yamlDocs([
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'fraud-scoring',
          title: 'Fraud scoring',
          annotations: { 'github.com/project-slug': 'acme/fraud-scoring' },
        },
        spec: {
          type: 'ai-model',
          owner: 'group:default/risk-ml',
          mlops: {
            tier: 2,
            task: 'binary-classification',
            servingPattern: 'online',
            modelCard: 'docs/model-card.md',
          },
        },
      },
      // One model per kind of caller sharing the repository, for the KPI
      // backfill row: a model backfilled in the last minute answers 429.
      ...BACKFILL_CALLERS.map(caller => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: `fraud-scoring-${caller}`,
          annotations: { 'github.com/project-slug': 'acme/fraud-scoring' },
        },
        spec: {
          type: 'ai-model',
          owner: 'group:default/risk-ml',
          mlops: {
            tier: 3,
            task: 'binary-classification',
            servingPattern: 'batch',
          },
        },
      })),
    ]),
  );
  const pool = (make: (n: number) => object) =>
    Array.from({ length: POOL_SIZE }, (_, i) => make(i + 1));
  fs.writeFileSync(
    path.join(root, 'org.yaml'),
    yamlDocs([
      ...['platform-admins', 'risk-ml'].map(name => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name },
        spec: { type: 'team', children: [] },
      })),
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: 'quinn' },
        spec: { memberOf: ['platform-admins'] },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: 'dana' },
        spec: { memberOf: ['risk-ml'] },
      },
      TEMPLATE,
      REGISTER_TEMPLATE,
      component('platform-portal', 'group:default/platform-admins'),
      ...pool(n =>
        component(`risk-ml-component-${n}`, 'group:default/risk-ml'),
      ),
      ...pool(n =>
        component(`platform-component-${n}`, 'group:default/platform-admins'),
      ),
      ...pool(n => template(`risk-ml-template-${n}`, 'group:default/risk-ml')),
    ]),
  );
  return [
    path.join(root, 'org.yaml'),
    path.join(checkout, 'catalog-info.yaml'),
  ];
}

/** The header the test sign-in provider reads the user's name from. */
const TEST_USER_HEADER = 'x-access-test-user';

/**
 * A sign-in provider for tests: it trusts a header for who the user is, then
 * signs them in exactly as the portal's real providers do, through the
 * catalog (`signInWithCatalogUser`), so the token's ownership claims are the
 * user and the groups the catalog says they are a member of.
 */
const testSignInModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'access-test-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'access-test',
          factory: createProxyAuthProviderFactory({
            authenticator: createProxyAuthenticator({
              defaultProfileTransform: async () => ({ profile: {} }),
              initialize: () => undefined,
              async authenticate({ req }) {
                const name = req.header(TEST_USER_HEADER);
                if (!name) {
                  throw new AuthenticationError(`${TEST_USER_HEADER} missing`);
                }
                return { result: { name } };
              },
            }),
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: { name: result.name } }),
          }),
        });
      },
    });
  },
});

/**
 * A plugin that asks the real permissions service about a permission no
 * route of its own exposes yet, exactly as the plugin that checks it does:
 * `POST /api/access-probe/authorize/:name` answers 204 when allowed, 403 when
 * denied, 401 without credentials.
 */
function accessProbePlugin(permissions: BasicPermission[]) {
  return createBackendPlugin({
    pluginId: 'access-probe',
    register(reg) {
      reg.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          permissionsService: coreServices.permissions,
        },
        async init({ httpRouter, httpAuth, permissionsService }) {
          httpRouter.use(async (req, res, next) => {
            const match = /^\/authorize\/([^/]+)$/.exec(req.path);
            if (req.method !== 'POST' || !match) {
              next();
              return;
            }
            try {
              const permission = permissions.find(p => p.name === match[1]);
              if (!permission) {
                throw new InputError(`Unknown permission ${match[1]}`);
              }
              const credentials = await httpAuth.credentials(req);
              const [decision] = await permissionsService.authorize(
                [{ permission }],
                { credentials },
              );
              if (decision.result !== AuthorizeResult.ALLOW) {
                throw new NotAllowedError();
              }
              res.status(204).end();
            } catch (error) {
              next(error);
            }
          });
        },
      });
    },
  });
}

/** Who calls: no credentials, a user (by entity ref), or a service. */
export type Identity = 'anonymous' | 'service' | { user: string };

/** A running portal backend for access tests, and helpers to prepare cases. */
export type PortalTestBackend = {
  server: Server;
  /**
   * The Authorization header of an identity: none, a user's Backstage token
   * from signing in, or the static token of the `ci-pipeline` service.
   */
  headers(identity: Identity): Promise<Record<string, string>>;
  /** The uid of an entity, read with service credentials. */
  uid(ref: string): Promise<string>;
  /**
   * Starts a task as the given user (of {@link TEMPLATE} unless another
   * template is given), waits for it to finish and returns its id.
   */
  startTask(
    userRef: string,
    options?: { template?: Entity; greeting?: string },
  ): Promise<string>;
  /** Registers a fresh URL location with service credentials; returns its id. */
  createLocation(): Promise<string>;
  /** The next unused entity ref of a disposable pool. */
  takeFromPool(
    pool: 'risk-ml-component' | 'platform-component' | 'risk-ml-template',
  ): string;
  stop(): Promise<void>;
};

/**
 * GitHub's REST API for the model's repository, `acme/fraud-scoring`, as an
 * empty repository (response shapes as GitHub sends them, trimmed), so the
 * KPI backfill the matrix triggers runs for real without the network.
 */
function githubDouble() {
  const repo = 'https://api.github.com/repos/acme/fraud-scoring';
  return setupServer(
    http.get(repo, () =>
      HttpResponse.json({
        id: 1296269,
        name: 'fraud-scoring',
        full_name: 'acme/fraud-scoring',
        private: true,
        default_branch: 'main',
      }),
    ),
    ...['deployments', 'commits', 'issues'].map(list =>
      http.get(`${repo}/${list}`, () => HttpResponse.json([])),
    ),
    http.get(`${repo}/actions/runs`, () =>
      HttpResponse.json({ total_count: 0, workflow_runs: [] }),
    ),
  );
}

/** The static token of the `ci-pipeline` service (external access). */
const SERVICE_TOKEN = 'access-matrix-ci-pipeline-token';

/**
 * The static token of the `catalog-reader` service, restricted to reading the
 * catalog (`accessRestrictions`).
 */
export const READ_ONLY_SERVICE_TOKEN = 'access-matrix-catalog-reader-token';

/**
 * The static token of the `ci-readiness-gate` service, restricted to asking
 * the readiness gate (`ml-readiness.gate.evaluate`), as CI is configured.
 */
export const GATE_SERVICE_TOKEN = 'access-matrix-ci-readiness-gate-token';

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

/**
 * Starts the real auth (with a test sign-in provider resolving users through
 * the catalog), catalog (with our ML module and the template kind),
 * scaffolder, permission backend with the portal policy, events with the
 * GitHub webhook ingress, the KPI backend with its GitHub backfill (against
 * a GitHub API double), the ml-catalog backend and the readiness backend
 * with its catalog collector, with the real auth,
 * httpAuth, userInfo and permissions services, on a temporary catalog: users
 * quinn (admin group `platform-admins`) and dana (team `risk-ml`), the
 * template `say-hello`, the model `fraud-scoring` with its model card, and
 * pools of disposable components and templates. Resolves once the catalog has
 * processed all of it and the readiness backend has graded the model.
 */
export async function startPortalTestBackend(options: {
  probePermissions: BasicPermission[];
}): Promise<PortalTestBackend> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'access-matrix-'));
  const github = githubDouble();
  github.listen({ onUnhandledRequest: 'bypass' });
  const [orgFile, modelFile] = writeCatalog(root);
  const allKinds = ['User', 'Group', 'Template', 'Component', 'Resource'];
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          backend: {
            workingDirectory: root,
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: SERVICE_TOKEN, subject: 'ci-pipeline' },
                },
                {
                  type: 'static',
                  options: {
                    token: READ_ONLY_SERVICE_TOKEN,
                    subject: 'catalog-reader',
                  },
                  accessRestrictions: [
                    { plugin: 'catalog', permission: 'catalog.entity.read' },
                  ],
                },
                {
                  type: 'static',
                  options: {
                    token: GATE_SERVICE_TOKEN,
                    subject: 'ci-readiness-gate',
                  },
                  accessRestrictions: [
                    {
                      plugin: 'ml-readiness',
                      permission: 'ml-readiness.gate.evaluate',
                    },
                  ],
                },
              ],
            },
          },
          integrations: {
            github: [{ host: 'github.com', token: 'access-matrix-gh-token' }],
          },
          auth: { providers: { 'access-test': { enabled: true } } },
          permission: { enabled: true },
          catalog: {
            rules: [{ allow: ['Component', 'Resource', 'API'] }],
            locations: [orgFile, modelFile].map(target => ({
              type: 'file',
              target,
              rules: [{ allow: allKinds }],
            })),
          },
          mlGoldenPaths: {
            permissions: { adminGroups: ['group:default/platform-admins'] },
            localGit: { root },
            github: { webhookSecret: WEBHOOK_SECRET },
          },
        },
      }),
      authServiceFactory,
      httpAuthServiceFactory,
      userInfoServiceFactory,
      permissionsServiceFactory,
      permissionsRegistryServiceFactory,
      authPlugin,
      testSignInModule,
      permissionPlugin,
      permissionPolicyModule,
      catalogPlugin,
      catalogModuleScaffolderEntityModel,
      catalogModuleMlCatalog,
      scaffolderPlugin,
      eventsPlugin,
      githubWebhookIngressModule,
      mlKpiPlugin,
      mlKpiModuleGithub,
      mlCatalogPlugin,
      mlReadinessPlugin,
      mlReadinessModuleCatalog,
      accessProbePlugin(options.probePermissions),
    ],
  });
  const { server } = backend;
  const service = { authorization: `Bearer ${SERVICE_TOKEN}` };

  const tokens = new Map<string, string>();
  const headers = async (
    identity: Identity,
  ): Promise<Record<string, string>> => {
    if (identity === 'anonymous') {
      return {};
    }
    if (identity === 'service') {
      return service;
    }
    let token = tokens.get(identity.user);
    if (!token) {
      const name = identity.user.split('/')[1];
      const res = await request(server)
        .get('/api/auth/access-test/refresh')
        .set(TEST_USER_HEADER, name);
      token = res.body?.backstageIdentity?.token as string | undefined;
      if (res.status !== 200 || !token) {
        throw new Error(
          `Could not sign in ${identity.user}: ${res.status} ${res.text}`,
        );
      }
      tokens.set(identity.user, token);
    }
    return { authorization: `Bearer ${token}` };
  };

  const uids = new Map<string, string>();
  const uid = async (ref: string) => {
    const known = uids.get(ref);
    if (known) {
      return known;
    }
    const res = await request(server)
      .post('/api/catalog/entities/by-refs')
      .set(service)
      .send({ entityRefs: [ref] });
    const found = res.body.items?.[0]?.metadata?.uid;
    if (!found) {
      throw new Error(`No entity ${ref} in the test catalog`);
    }
    uids.set(ref, found);
    return found;
  };

  const expectedRefs = [
    USERS.admin,
    USERS.member,
    stringifyEntityRef(TEMPLATE),
    stringifyEntityRef(REGISTER_TEMPLATE),
    'resource:default/fraud-scoring',
    ...BACKFILL_CALLERS.map(c => `resource:default/fraud-scoring-${c}`),
    'component:default/platform-portal',
    ...Array.from({ length: POOL_SIZE }, (_, i) => [
      `component:default/risk-ml-component-${i + 1}`,
      `component:default/platform-component-${i + 1}`,
      `template:default/risk-ml-template-${i + 1}`,
    ]).flat(),
  ];
  await waitFor('the test catalog to be processed', async () => {
    const res = await request(server)
      .post('/api/catalog/entities/by-refs')
      .set(service)
      .send({ entityRefs: expectedRefs });
    const items = (res.body.items ?? []) as (Entity | null)[];
    const ready = items.every(
      item => item && (item.relations?.length ?? 0) > 0,
    );
    return res.status === 200 && ready ? true : undefined;
  });

  // Grade the model now (the refresh collects its facts), instead of waiting
  // for the scheduled collection.
  const graded = await request(server)
    .post('/api/ml-readiness/scorecards/default/fraud-scoring/refresh')
    .set(service);
  if (graded.status !== 200) {
    throw new Error(
      `Could not grade fraud-scoring: ${graded.status} ${graded.text}`,
    );
  }

  const used = new Set<string>();
  let locations = 0;

  return {
    server,
    headers,
    uid,
    async startTask(userRef, taskOptions) {
      const res = await request(server)
        .post('/api/scaffolder/v2/tasks')
        .set(await headers({ user: userRef }))
        .send({
          templateRef: stringifyEntityRef(taskOptions?.template ?? TEMPLATE),
          values: { greeting: taskOptions?.greeting ?? 'hello' },
        });
      if (res.status !== 201) {
        throw new Error(
          `Could not start a task as ${userRef}: ${res.status} ${res.text}`,
        );
      }
      const id = res.body.id as string;
      // Let the task finish, so that cases acting on it do not race the
      // task worker.
      await waitFor(`task ${id} to finish`, async () => {
        const task = await request(server)
          .get(`/api/scaffolder/v2/tasks/${id}`)
          .set(service);
        return ['completed', 'failed', 'cancelled'].includes(task.body.status)
          ? true
          : undefined;
      });
      return id;
    },
    async createLocation() {
      locations += 1;
      const res = await request(server)
        .post('/api/catalog/locations')
        .set(service)
        .send({
          type: 'url',
          target: `https://git.example.com/acme/fixture-${locations}/blob/main/catalog-info.yaml`,
        });
      if (res.status !== 201) {
        throw new Error(`Could not create a location: ${res.status}`);
      }
      return res.body.location.id as string;
    },
    takeFromPool(pool) {
      const kind = pool === 'risk-ml-template' ? 'template' : 'component';
      for (let n = 1; n <= POOL_SIZE; n += 1) {
        const ref = `${kind}:default/${pool}-${n}`;
        if (!used.has(ref)) {
          used.add(ref);
          return ref;
        }
      }
      throw new Error(`The ${pool} pool is empty; raise POOL_SIZE`);
    },
    async stop() {
      await backend.stop();
      github.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
