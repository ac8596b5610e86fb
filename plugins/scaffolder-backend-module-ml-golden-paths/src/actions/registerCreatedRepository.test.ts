import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ScaffolderService } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import yaml from 'yaml';
import {
  API,
  CANARY_TOKEN,
  canaryIntegrations,
  contentNotFoundResponse,
  contentsFileBody,
  githubHandlers,
  RecordedRequest,
  repoBody,
} from '../__testUtils__/githubFixtures';
import { GithubOctokitFactory } from '../github/GithubOctokitFactory';
import { guardrailsOverridePermission } from '../permissions';
import { createRegisterCreatedRepositoryAction } from './registerCreatedRepository';

/** The only user the test policy grants the override to. */
const ADMIN = 'user:default/platform-admin';
const TASK_ID = '8d0c6a3e-4b1f-4c2a-9e7d-1f2a3b4c5d6e';
/** The running task started 20 seconds ago. */
const TASK_STARTED_AT = new Date(Date.now() - 20_000).toISOString();
const OWNER = 'group:default/risk-ml';
const CONTENTS_URL = 'https://github.com/acme/fraud-scoring/blob/main';
const REGISTERED = `${CONTENTS_URL}/catalog-info.yaml`;

jest.setTimeout(30_000);

/** A catalog-info.yaml like the golden paths render, owned by `owner`. */
function catalogInfo(owner: string = OWNER, extra: object[] = []) {
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'fraud-scoring' },
      spec: { type: 'ai-model', owner, system: 'system:default/payments' },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'fraud-scoring-server' },
      spec: { type: 'model-server', lifecycle: 'experimental', owner },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'fraud-scoring-api' },
      // the shorthand form of the same group
      spec: { type: 'openapi', owner: owner.replace(/^group:default\//, '') },
    },
    ...extra,
  ]
    .map(entity => yaml.stringify(entity))
    .join('---\n');
}

describe('mlgp:catalog:register-created-repository', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let recorded: RecordedRequest[];
  let taskParameters: JsonObject;
  const logger = mockServices.logger.mock();
  const integrations = canaryIntegrations();
  const octokitFactory = GithubOctokitFactory.create({ integrations, logger });
  const auth = mockServices.auth({ pluginId: 'scaffolder' });
  const getTask = jest.fn<
    ReturnType<ScaffolderService['getTask']>,
    Parameters<ScaffolderService['getTask']>
  >(async ({ taskId }) => {
    if (taskId !== TASK_ID) {
      throw new Error(`NotFoundError: Task with id ${taskId} does not exist`);
    }
    return {
      id: taskId,
      spec: { parameters: taskParameters } as any,
      status: 'processing',
      createdAt: TASK_STARTED_AT,
    };
  });
  // A policy like the portal's: only the admin may override.
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, options) =>
      requests.map(() => ({
        result:
          (options.credentials as BackstageCredentials<BackstageUserPrincipal>)
            .principal.userEntityRef === ADMIN
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
  });
  const catalog = catalogServiceMock.mock();
  const action = createRegisterCreatedRepositoryAction({
    integrations,
    catalog,
    auth,
    octokitFactory,
    permissions,
    tasks: { getTask },
  });

  /** An action context of the running task, started by `user`. */
  function taskContext(
    values: { repoContentsUrl: string; catalogInfoPath?: string },
    user = 'user:default/dana',
    taskId = TASK_ID,
  ) {
    const credentials = mockCredentials.user(user);
    return {
      ...createMockActionContext({
        input: values,
        task: { id: taskId },
        logger: mockServices.logger.mock(),
      }),
      getInitiatorCredentials: async () => credentials,
    };
  }

  /** Answers `GET .../contents/{path}` with `text` (recording the query). */
  function contents(text: string) {
    return http.get(
      `${API}/repos/:owner/:repo/contents/:path`,
      ({ request, params }) => {
        const url = new URL(request.url);
        recorded.push({
          method: 'GET',
          path: `${url.pathname}${url.search}`,
          body: undefined,
        });
        return HttpResponse.json(
          contentsFileBody(
            String(params.owner),
            String(params.repo),
            String(params.path),
            url.searchParams.get('ref') ?? 'main',
            text,
          ),
        );
      },
    );
  }

  beforeEach(() => {
    recorded = [];
    jest.clearAllMocks();
    taskParameters = {
      name: 'fraud-scoring',
      owner: OWNER,
      destination: 'github',
      repoUrl: 'github.com?owner=acme&repo=fraud-scoring',
    };
    catalog.addLocation.mockImplementation(async location => ({
      location: {
        id: 'f3b0e6c2',
        type: location.type ?? 'url',
        target: location.target,
        entityRef: 'location:default/generated-0c4a1f',
      },
      entities: [],
    }));
    server.use(...githubHandlers(recorded), contents(catalogInfo()));
  });

  const requests = () => recorded.map(r => `${r.method} ${r.path}`);

  function allText(ctx: { output: unknown; logger: unknown }, error?: unknown) {
    const ctxLogger = ctx.logger as ReturnType<typeof mockServices.logger.mock>;
    return JSON.stringify([
      logger.info.mock.calls,
      logger.warn.mock.calls,
      ctxLogger.info.mock.calls,
      ctxLogger.warn.mock.calls,
      (ctx.output as jest.Mock).mock.calls,
      error ? String(error) : '',
      recorded,
    ]);
  }

  async function failure(ctx: ReturnType<typeof taskContext>) {
    const error = await action.handler(ctx).then(
      () => undefined,
      e => e as Error,
    );
    if (!error) {
      throw new Error('expected the action to fail');
    }
    return error;
  }

  it("registers the root catalog-info.yaml of the task's repository with the scaffolder's own credentials", async () => {
    const ctx = taskContext({ repoContentsUrl: CONTENTS_URL });
    await action.handler(ctx);

    expect(requests()).toEqual([
      'GET /repos/acme/fraud-scoring',
      'GET /repos/acme/fraud-scoring/contents/catalog-info.yaml?ref=main',
    ]);
    expect(catalog.addLocation).toHaveBeenCalledTimes(1);
    expect(catalog.addLocation).toHaveBeenCalledWith(
      { type: 'url', target: REGISTERED },
      { credentials: mockCredentials.service('plugin:scaffolder') },
    );
    expect(ctx.output).toHaveBeenCalledWith('catalogInfoUrl', REGISTERED);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/fraud-scoring',
    );
    // The task was read with the initiator's own credentials.
    expect(getTask).toHaveBeenCalledWith(
      { taskId: TASK_ID },
      { credentials: await ctx.getInitiatorCredentials() },
    );
    expect(permissions.authorize).not.toHaveBeenCalled();
    expect(allText(ctx)).not.toContain(CANARY_TOKEN);
  });

  it("accepts catalog:register's catalogInfoPath form and a re-run that finds the location registered", async () => {
    catalog.addLocation.mockRejectedValueOnce(
      new ConflictError(`Location url:${REGISTERED} already exists`),
    );
    const ctx = taskContext({
      repoContentsUrl: CONTENTS_URL,
      catalogInfoPath: '/catalog-info.yaml',
    });
    await action.handler(ctx);
    expect(catalog.addLocation).toHaveBeenCalledWith(
      { type: 'url', target: REGISTERED },
      expect.anything(),
    );
    expect(ctx.logger.info).toHaveBeenCalledWith(
      `${REGISTERED} was already registered`,
    );
  });

  it('fails on other catalog errors', async () => {
    catalog.addLocation.mockRejectedValueOnce(new Error('catalog is down'));
    const error = await failure(taskContext({ repoContentsUrl: CONTENTS_URL }));
    expect(error.message).toBe('catalog is down');
  });

  describe('abuse: refuses any other file, without asking GitHub', () => {
    it.each([
      '../catalog-info.yaml',
      '/../catalog-info.yaml',
      './catalog-info.yaml',
      'docs/catalog-info.yaml',
      '/docs/../catalog-info.yaml',
      '%2e%2e/catalog-info.yaml',
      '..%2Fcatalog-info.yaml',
      '\\catalog-info.yaml',
      '..\\..\\catalog-info.yaml',
      'catalog-info.yaml/',
      'catalog-info.yml',
      'template.yaml',
      'catalog-info.yaml\n',
      'catalog-info.yaml?ref=evil',
      '//evil.example.com/catalog-info.yaml',
      'https://github.com/acme/other/blob/main/catalog-info.yaml',
      '',
    ])('catalogInfoPath %j', async catalogInfoPath => {
      const error = await failure(
        taskContext({ repoContentsUrl: CONTENTS_URL, catalogInfoPath }),
      );
      expect(error.name).toBe('InputError');
      expect(error.message).toMatch(
        /^catalogInfoPath: only catalog-info.yaml at the root of the repository may be registered/,
      );
      expect(recorded).toEqual([]);
      expect(catalog.addLocation).not.toHaveBeenCalled();
    });
  });

  describe('abuse: refuses other hosts, repositories and paths, without asking GitHub', () => {
    it.each([
      ['another host', 'https://gitlab.com/acme/fraud-scoring/blob/main'],
      [
        'an unconfigured host',
        'https://evil.example.com/acme/fraud-scoring/blob/main',
      ],
      [
        'the host on another port',
        'https://github.com:8443/acme/fraud-scoring/blob/main',
      ],
      ['plain http', 'http://github.com/acme/fraud-scoring/blob/main'],
      ['a file URL', 'file:///etc/passwd'],
      ['user info', 'https://ghp_x@github.com/acme/fraud-scoring/blob/main'],
      [
        'a backslash host trick',
        'https://github.com\\@evil.example.com/acme/fraud-scoring/blob/main',
      ],
      [
        'dot segments into another repository',
        'https://github.com/acme/fraud-scoring/blob/main/../../../other/blob/main',
      ],
      ['a dot segment', 'https://github.com/acme/fraud-scoring/blob/main/.'],
      ['a dot-dot repository', 'https://github.com/acme/../blob/main'],
      [
        'percent-encoded dot segments',
        'https://github.com/acme/fraud-scoring/blob/%2e%2e/%2e%2e/other/blob/main',
      ],
      [
        'a percent-encoded slash',
        'https://github.com/acme/fraud-scoring/blob/main%2F..%2Fother',
      ],
      ['a query', 'https://github.com/acme/fraud-scoring/blob/main?ref=evil'],
      ['a fragment', 'https://github.com/acme/fraud-scoring/blob/main#x'],
      ['a tree URL', 'https://github.com/acme/fraud-scoring/tree/main'],
      ['no branch', 'https://github.com/acme/fraud-scoring'],
      ['a trailing slash', 'https://github.com/acme/fraud-scoring/blob/main/'],
      ['an upper-case host', 'https://GitHub.com/acme/fraud-scoring/blob/main'],
      ['a scaffolder repoUrl', 'github.com?owner=acme&repo=fraud-scoring'],
      ['nothing', ''],
    ])('%s: %s', async (_case, repoContentsUrl) => {
      const error = await failure(taskContext({ repoContentsUrl }));
      expect(error.name).toBe('InputError');
      expect(error.message).toMatch(/^repoContentsUrl: /);
      expect(recorded).toEqual([]);
      expect(catalog.addLocation).not.toHaveBeenCalled();
    });
  });

  describe('abuse: refuses what is not the root of the default branch', () => {
    it.each([
      ['another branch', `https://github.com/acme/fraud-scoring/blob/develop`],
      ['a sub-folder', `${CONTENTS_URL}/docs`],
      ['the file itself', `${CONTENTS_URL}/catalog-info.yaml`],
    ])('%s', async (_case, repoContentsUrl) => {
      const error = await failure(
        taskContext({ repoContentsUrl }, ADMIN /* not even for an admin */),
      );
      expect(error.name).toBe('InputError');
      expect(error.message).toMatch(
        /^repoContentsUrl: .* must be the root of the default branch 'main' of acme\/fraud-scoring/,
      );
      expect(requests()).toEqual(['GET /repos/acme/fraud-scoring']);
      expect(catalog.addLocation).not.toHaveBeenCalled();
    });

    it('a repository GitHub answers under another name (renamed or moved)', async () => {
      server.use(
        http.get(`${API}/repos/:owner/:repo`, () =>
          HttpResponse.json(repoBody('acme', 'someone-elses-model')),
        ),
      );
      const error = await failure(
        taskContext({ repoContentsUrl: CONTENTS_URL }, ADMIN),
      );
      expect(error.name).toBe('InputError');
      expect(error.message).toContain(
        'acme/fraud-scoring is now acme/someone-elses-model on GitHub',
      );
      expect(catalog.addLocation).not.toHaveBeenCalled();
    });

    it('a directory named catalog-info.yaml', async () => {
      server.use(
        http.get(`${API}/repos/:owner/:repo/contents/:path`, ({ params }) =>
          HttpResponse.json([
            contentsFileBody(
              String(params.owner),
              String(params.repo),
              'catalog-info.yaml/x.yaml',
              'main',
              catalogInfo(),
            ),
          ]),
        ),
      );
      const error = await failure(
        taskContext({ repoContentsUrl: CONTENTS_URL }, ADMIN),
      );
      expect(error.message).toBe(
        'repoContentsUrl: catalog-info.yaml at the root of acme/fraud-scoring is not a regular file',
      );
      expect(catalog.addLocation).not.toHaveBeenCalled();
    });

    it('a repository without catalog-info.yaml', async () => {
      server.use(
        http.get(`${API}/repos/:owner/:repo/contents/:path`, () =>
          contentNotFoundResponse(),
        ),
      );
      const ctx = taskContext({ repoContentsUrl: CONTENTS_URL }, ADMIN);
      const error = await failure(ctx);
      expect(error.message).toContain(
        'read catalog-info.yaml from acme/fraud-scoring',
      );
      expect(allText(ctx, error)).not.toContain(CANARY_TOKEN);
      expect(catalog.addLocation).not.toHaveBeenCalled();
    });
  });

  describe('abuse: refuses what this task did not create, unless an admin overrides', () => {
    const refusedFor = async (user = 'user:default/dana', taskId = TASK_ID) => {
      const error = await failure(
        taskContext({ repoContentsUrl: CONTENTS_URL }, user, taskId),
      );
      expect(error.name).toBe('NotAllowedError');
      expect(error.message).toMatch(
        /^Refusing to register https:\/\/github\.com\/acme\/fraud-scoring\/blob\/main\/catalog-info\.yaml: /,
      );
      expect(error.message).toContain(
        "Only someone allowed 'ml-golden-paths.guardrails.override' (portal admins) may register this repository.",
      );
      expect(permissions.authorize).toHaveBeenCalledWith(
        [{ permission: guardrailsOverridePermission }],
        { credentials: mockCredentials.user(user) },
      );
      expect(catalog.addLocation).not.toHaveBeenCalled();
      return error.message;
    };
    const oldRepository = () =>
      server.use(
        ...githubHandlers(recorded, { createdAt: '2024-03-14T09:26:53Z' }),
      );

    it('an existing repository (created before the task started)', async () => {
      oldRepository();
      expect(await refusedFor()).toContain(
        'acme/fraud-scoring was created at 2024-03-14T09:26:53.000Z, before this task started',
      );
    });

    it('a task the initiator cannot read', async () => {
      expect(
        await refusedFor('user:default/dana', 'someone-elses-task'),
      ).toContain('cannot tell whether this task created acme/fraud-scoring');
    });

    it("a repository the task's repoUrl answer does not name", async () => {
      taskParameters.repoUrl = 'github.com?owner=acme&repo=another-model';
      expect(await refusedFor()).toContain(
        "the task's repoUrl answer names github.com/acme/another-model, not github.com/acme/fraud-scoring",
      );
    });

    it('a task without a repoUrl answer', async () => {
      delete taskParameters.repoUrl;
      expect(await refusedFor()).toContain(
        "the task's repoUrl answer names no GitHub repository",
      );
    });

    it("entities owned by someone other than the task's owner answer", async () => {
      server.use(contents(catalogInfo('group:default/payments-team')));
      const message = await refusedFor();
      expect(message).toContain(
        "resource:default/fraud-scoring in catalog-info.yaml of acme/fraud-scoring is owned by group:default/payments-team, not by the task's owner group:default/risk-ml",
      );
      expect(message).toContain('api:default/fraud-scoring-api');
    });

    it('an entity smuggled in without an owner (a Group, a Location)', async () => {
      server.use(
        contents(
          catalogInfo(OWNER, [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Location',
              metadata: { name: 'everything' },
              spec: {
                targets: ['https://github.com/acme/secrets/blob/main/x.yaml'],
              },
            },
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'platform-admins' },
              spec: { type: 'team', children: [], members: ['dana'] },
            },
          ]),
        ),
      );
      const message = await refusedFor();
      expect(message).toContain(
        'location:default/everything in catalog-info.yaml of acme/fraud-scoring names no valid spec.owner',
      );
      expect(message).toContain('group:default/platform-admins');
    });

    it('a task without an owner answer', async () => {
      delete taskParameters.owner;
      expect(await refusedFor()).toContain(
        "the task has no valid 'owner' answer",
      );
    });

    it('an admin may register an existing repository; the log says what was overridden', async () => {
      oldRepository();
      const ctx = taskContext({ repoContentsUrl: CONTENTS_URL }, ADMIN);
      await action.handler(ctx);
      expect(catalog.addLocation).toHaveBeenCalledWith(
        { type: 'url', target: REGISTERED },
        { credentials: mockCredentials.service('plugin:scaffolder') },
      );
      expect(ctx.logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /^Registering .* under 'ml-golden-paths\.guardrails\.override' despite: acme\/fraud-scoring was created at 2024-03-14/,
        ),
      );
    });
  });

  it('refuses a catalog-info.yaml that is not YAML or not entities', async () => {
    server.use(contents('kind: Resource\nmetadata: {name: x\n'));
    const error = await failure(
      taskContext({ repoContentsUrl: CONTENTS_URL }, ADMIN),
    );
    expect(error.name).toBe('InputError');
    expect(error.message).toMatch(
      /^catalog-info.yaml of acme\/fraud-scoring: document 1 is not valid YAML/,
    );
    server.use(contents('just a string'));
    const second = await failure(
      taskContext({ repoContentsUrl: CONTENTS_URL }, ADMIN),
    );
    expect(second.message).toBe(
      'catalog-info.yaml of acme/fraud-scoring: document 1 is not an entity with kind and metadata.name',
    );
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });
});
