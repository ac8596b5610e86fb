import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ScaffolderService } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  API,
  CANARY_TOKEN,
  canaryIntegrations,
  catalogEntities,
  existingBranchProtectionBody,
  existingProductionEnvironmentBody,
  githubHandlers,
  RecordedRequest,
  secondaryRateLimitResponse,
} from '../__testUtils__/githubFixtures';
import { GithubOctokitFactory } from '../github/GithubOctokitFactory';
import { guardrailsOverridePermission } from '../permissions';
import { createGithubGuardrailsAction } from './githubGuardrails';

/** The only user the test policy grants the override to. */
const ADMIN = 'user:default/platform-admin';
const TASK_ID = '5b8e2f6a-0c1d-4e7f-9a3b-2c4d6e8f0a1b';
/** The running task started 20 seconds ago. */
const TASK_STARTED_AT = new Date(Date.now() - 20_000).toISOString();

jest.setTimeout(30_000);

describe('mlgp:github:guardrails', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let recorded: RecordedRequest[];
  const logger = mockServices.logger.mock();
  const integrations = canaryIntegrations();
  const octokitFactory = GithubOctokitFactory.create({ integrations, logger });
  const getTask = jest.fn<
    ReturnType<ScaffolderService['getTask']>,
    Parameters<ScaffolderService['getTask']>
  >(async ({ taskId }) => {
    if (taskId !== TASK_ID) {
      throw new Error(`NotFoundError: Task with id ${taskId} does not exist`);
    }
    return {
      id: taskId,
      spec: {} as any,
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
  const action = createGithubGuardrailsAction({
    integrations,
    catalog: catalogServiceMock({ entities: catalogEntities }),
    octokitFactory,
    permissions,
    tasks: { getTask },
  });

  /** An action context of the running task, started by `user`. */
  function taskContext(
    values: Record<string, unknown>,
    user = 'user:default/dana',
  ) {
    const credentials = mockCredentials.user(user);
    return {
      ...createMockActionContext({
        input: values as typeof input,
        task: { id: TASK_ID },
      }),
      getInitiatorCredentials: async () => credentials,
    };
  }

  const input = {
    repoUrl: 'github.com?owner=acme&repo=fraud-scoring',
    requiredChecks: ['test', 'evaluation-gate'],
    productionReviewers: 'group:default/risk-ml',
  };

  beforeEach(() => {
    recorded = [];
    jest.clearAllMocks();
    server.use(...githubHandlers(recorded));
  });

  const writes = () =>
    recorded.filter(r => r.method !== 'GET').map(r => `${r.method} ${r.path}`);

  function allText(ctx: { output: unknown }, error?: unknown) {
    return JSON.stringify([
      logger.info.mock.calls,
      logger.warn.mock.calls,
      logger.error.mock.calls,
      (ctx.output as jest.Mock).mock.calls,
      error ? String(error) : '',
      recorded,
    ]);
  }

  it('protects the default branch with code-owner reviews, creates both environments (no self-review in production) and enables alerts', async () => {
    const ctx = taskContext(input);
    await action.handler(ctx);

    expect(recorded.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/acme/fraud-scoring',
      'GET /repos/acme/fraud-scoring/branches/main/protection',
      'GET /repos/acme/fraud-scoring/environments/staging',
      'GET /repos/acme/fraud-scoring/environments/production',
      'GET /users/dana-gh',
      'GET /users/omar-gh',
      'PUT /repos/acme/fraud-scoring/branches/main/protection',
      'PUT /repos/acme/fraud-scoring/environments/staging',
      'PUT /repos/acme/fraud-scoring/environments/production',
      'PUT /repos/acme/fraud-scoring/vulnerability-alerts',
    ]);
    expect(recorded[6].body).toEqual({
      required_status_checks: {
        strict: true,
        contexts: ['test', 'evaluation-gate'],
      },
      enforce_admins: true,
      required_pull_request_reviews: {
        required_approving_review_count: 1,
        dismiss_stale_reviews: true,
        require_code_owner_reviews: true,
      },
      restrictions: null,
    });
    expect(recorded[8].body).toEqual({
      reviewers: [
        { type: 'User', id: 5001 },
        { type: 'User', id: 5002 },
      ],
      prevent_self_review: true,
      deployment_branch_policy: {
        protected_branches: true,
        custom_branch_policies: false,
      },
    });
    expect(ctx.output).toHaveBeenCalledWith('defaultBranch', 'main');
    expect(ctx.output).toHaveBeenCalledWith('productionReviewers', [
      'dana-gh',
      'omar-gh',
    ]);
    // The task was read with the initiator's own credentials.
    expect(getTask).toHaveBeenCalledWith(
      { taskId: TASK_ID },
      { credentials: await ctx.getInitiatorCredentials() },
    );
    expect(permissions.authorize).not.toHaveBeenCalled();
    expect(allText(ctx)).not.toContain(CANARY_TOKEN);
  });

  describe('refuses what the task did not create or would weaken', () => {
    const foreign = () =>
      server.use(
        ...githubHandlers(recorded, { createdAt: '2024-03-14T09:26:53Z' }),
      );
    const protectedByHand = () =>
      server.use(
        http.get(
          `${API}/repos/:owner/:repo/branches/:branch/protection`,
          ({ params }) =>
            HttpResponse.json(
              existingBranchProtectionBody(
                String(params.owner),
                String(params.repo),
                String(params.branch),
              ),
            ),
        ),
        http.get(
          `${API}/repos/:owner/:repo/environments/production`,
          ({ params }) =>
            HttpResponse.json(
              existingProductionEnvironmentBody(
                String(params.owner),
                String(params.repo),
              ),
            ),
        ),
      );

    it('refuses a repository created before the task started, changing nothing', async () => {
      foreign();
      const ctx = taskContext(input);
      const error = await action.handler(ctx).catch(e => e);
      expect(error.name).toBe('NotAllowedError');
      expect(error.message).toContain(
        'acme/fraud-scoring was created at 2024-03-14T09:26:53.000Z, before this task started',
      );
      expect(error.message).toContain(guardrailsOverridePermission.name);
      expect(writes()).toEqual([]);
      expect(permissions.authorize).toHaveBeenCalledWith(
        [{ permission: guardrailsOverridePermission }],
        { credentials: await ctx.getInitiatorCredentials() },
      );
    });

    it('refuses when it cannot read the task (fails closed)', async () => {
      const ctx = {
        ...taskContext(input),
        task: { id: 'another-users-task' },
      };
      const error = await action.handler(ctx).catch(e => e);
      expect(error.name).toBe('NotAllowedError');
      expect(error.message).toContain(
        'cannot tell whether this task created acme/fraud-scoring',
      );
      expect(writes()).toEqual([]);
    });

    it('refuses to weaken protection that is already there, naming each weakening', async () => {
      protectedByHand();
      const error = await action.handler(taskContext(input)).catch(e => e);
      expect(error.name).toBe('NotAllowedError');
      for (const weakening of [
        "required status checks 'ci/build', 'security/snyk' would no longer be required",
        '2 approving reviews are required today',
        'approval of the most recent push would no longer be required',
        'linear history would be switched off',
        'required reviewers user release-manager would be removed',
        'the 30-minute wait timer would be removed',
        'custom deployment branch rules would be replaced',
      ]) {
        expect(error.message).toContain(weakening);
      }
      expect(error.message).not.toContain('before this task started');
      expect(writes()).toEqual([]);
    });

    it('lets a task re-apply its own guardrails (nothing weakened)', async () => {
      server.use(
        http.get(
          `${API}/repos/:owner/:repo/branches/:branch/protection`,
          ({ params }) => {
            const body = existingBranchProtectionBody(
              String(params.owner),
              String(params.repo),
              String(params.branch),
            );
            return HttpResponse.json({
              ...body,
              required_status_checks: {
                ...body.required_status_checks,
                contexts: ['test'],
                checks: [{ context: 'test', app_id: null }],
              },
              required_pull_request_reviews: {
                ...body.required_pull_request_reviews,
                require_last_push_approval: false,
                required_approving_review_count: 1,
              },
              required_linear_history: { enabled: false },
            });
          },
        ),
      );
      await action.handler(taskContext(input));
      expect(permissions.authorize).not.toHaveBeenCalled();
      expect(writes()).toContain(
        'PUT /repos/acme/fraud-scoring/branches/main/protection',
      );
    });

    it('applies to a foreign, hand-protected repository when the initiator may override, and says so', async () => {
      foreign();
      protectedByHand();
      const taskLogger = mockServices.logger.mock();
      const ctx = { ...taskContext(input, ADMIN), logger: taskLogger };
      await action.handler(ctx);
      expect(permissions.authorize).toHaveBeenCalledWith(
        [{ permission: guardrailsOverridePermission }],
        { credentials: mockCredentials.user(ADMIN) },
      );
      expect(writes()).toEqual([
        'PUT /repos/acme/fraud-scoring/branches/main/protection',
        'PUT /repos/acme/fraud-scoring/environments/staging',
        'PUT /repos/acme/fraud-scoring/environments/production',
        'PUT /repos/acme/fraud-scoring/vulnerability-alerts',
      ]);
      // The stricter admin setting of the existing environment is kept.
      expect(
        recorded.find(
          r =>
            r.path.endsWith('/environments/production') && r.method === 'PUT',
        )?.body,
      ).toMatchObject({ can_admins_bypass: false, prevent_self_review: true });
      expect(taskLogger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          `under '${guardrailsOverridePermission.name}' despite: acme/fraud-scoring was created at 2024-03-14T09:26:53.000Z`,
        ),
      );
    });

    it('leaves an existing staging environment alone', async () => {
      server.use(
        http.get(
          `${API}/repos/:owner/:repo/environments/staging`,
          async ({ request }) => {
            recorded.push({
              method: 'GET',
              path: new URL(request.url).pathname,
              body: undefined,
            });
            return HttpResponse.json({
              ...existingProductionEnvironmentBody('acme', 'fraud-scoring'),
              name: 'staging',
            });
          },
        ),
      );
      await action.handler(taskContext(input));
      expect(writes()).not.toContain(
        'PUT /repos/acme/fraud-scoring/environments/staging',
      );
    });
  });

  it('uses the team from the group annotation and is safe to re-run with conditional reads', async () => {
    const teamInput = {
      ...input,
      productionReviewers: 'group:default/platform',
    };
    await action.handler(taskContext(teamInput));
    await action.handler(taskContext(teamInput));

    const production = recorded.filter(
      r => r.method === 'PUT' && r.path.endsWith('/environments/production'),
    );
    expect(production).toHaveLength(2);
    expect(production[1].body).toMatchObject({
      reviewers: [{ type: 'Team', id: 7001 }],
    });
    expect(
      recorded.filter(r => r.path === '/orgs/acme/teams/ml-platform'),
    ).toHaveLength(2);
    // the second read of the repository was answered 304 from the ETag cache
    const repoReads = recorded.filter(
      r => r.path === '/repos/acme/fraud-scoring',
    );
    expect(repoReads).toHaveLength(2);
  });

  it('changes nothing on GitHub in a dry run', async () => {
    const ctx = {
      ...taskContext(input),
      isDryRun: true,
    };
    await action.handler(ctx);
    expect(recorded).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith('productionReviewers', [
      'dana-gh',
      'omar-gh',
    ]);
  });

  it('retries a rate-limited 403 after the time GitHub asks for', async () => {
    let limited = 0;
    server.use(
      http.put(
        `${API}/repos/acme/fraud-scoring/branches/main/protection`,
        () => {
          if (limited === 0) {
            limited += 1;
            return secondaryRateLimitResponse(1);
          }
          return undefined;
        },
      ),
    );
    const started = Date.now();
    await action.handler(taskContext(input));
    expect(limited).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(
      recorded.filter(
        r => r.method === 'PUT' && r.path.endsWith('/branches/main/protection'),
      ),
    ).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('retrying in 1s'),
    );
  });

  it('waits for x-ratelimit-reset when the primary rate limit is used up', async () => {
    let limited = 0;
    server.use(
      http.put(`${API}/repos/acme/fraud-scoring/environments/staging`, () => {
        if (limited === 0) {
          limited += 1;
          return Response.json(
            {
              message:
                'API rate limit exceeded for installation ID 4242. If you reach out to GitHub Support for help, please include the request ID 8C1E:2D3F.',
              documentation_url:
                'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
              status: '403',
            },
            {
              status: 403,
              headers: {
                'x-ratelimit-limit': '5000',
                'x-ratelimit-remaining': '0',
                'x-ratelimit-used': '5000',
                'x-ratelimit-resource': 'core',
                'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1),
              },
            },
          );
        }
        return undefined;
      }),
    );
    await action.handler(taskContext(input));
    expect(limited).toBe(1);
    expect(
      recorded.filter(
        r => r.method === 'PUT' && r.path.endsWith('/environments/staging'),
      ),
    ).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/GitHub rate limit hit .* retrying in \d+s/),
    );
  });

  it('names the repository and the permission on a 404', async () => {
    server.use(
      http.get(`${API}/repos/acme/missing`, () =>
        Response.json(
          {
            message: 'Not Found',
            documentation_url:
              'https://docs.github.com/rest/repos/repos#get-a-repository',
            status: '404',
          },
          { status: 404 },
        ),
      ),
    );
    const ctx = taskContext({
      ...input,
      repoUrl: 'github.com?owner=acme&repo=missing',
    });
    const error = await action.handler(ctx).catch(e => e);
    expect(error.name).toBe('NotFoundError');
    expect(error.message).toContain('acme/missing');
    expect(error.message).toContain('Metadata: read');
    expect(allText(ctx, error)).not.toContain(CANARY_TOKEN);
  });

  it('names the permission GitHub asks for on a 403', async () => {
    server.use(
      http.put(`${API}/repos/acme/fraud-scoring/vulnerability-alerts`, () =>
        Response.json(
          {
            message: 'Resource not accessible by integration',
            documentation_url:
              'https://docs.github.com/rest/repos/repos#enable-vulnerability-alerts',
            status: '403',
          },
          {
            status: 403,
            headers: {
              'x-accepted-github-permissions': 'administration=write',
            },
          },
        ),
      ),
    );
    const error = await action.handler(taskContext(input)).catch(e => e);
    expect(error.name).toBe('NotAllowedError');
    expect(error.message).toContain('administration=write');
    expect(error.message).toContain('vulnerability alerts');
  });

  it('names the input GitHub rejects on a 422', async () => {
    server.use(
      http.put(`${API}/repos/acme/fraud-scoring/branches/main/protection`, () =>
        Response.json(
          {
            message: 'Validation Failed',
            errors: [
              {
                resource: 'ProtectedBranch',
                code: 'invalid',
                field: 'required_status_checks',
                message: 'contexts must not contain empty names',
              },
            ],
            documentation_url:
              'https://docs.github.com/rest/branches/branch-protection#update-branch-protection',
            status: '422',
          },
          { status: 422 },
        ),
      ),
    );
    const error = await action.handler(taskContext(input)).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain("'requiredChecks'");
    expect(error.message).toContain('contexts must not contain empty names');
  });

  it('explains when no reviewer resolves from the group', async () => {
    const error = await action
      .handler(
        taskContext({
          ...input,
          productionReviewers: 'group:default/nobody-on-github',
        }),
      )
      .catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toMatch(
      /productionReviewers: .*github\.com\/team-slug.*github\.com\/user-login/,
    );
    expect(recorded).toEqual([]);
  });

  it('rejects an unknown group and a repoUrl without owner before calling GitHub', async () => {
    await expect(
      action.handler(
        taskContext({ ...input, productionReviewers: 'group:default/ghosts' }),
      ),
    ).rejects.toThrow(/productionReviewers: group 'group:default\/ghosts'/);
    await expect(
      action.handler(
        taskContext({ ...input, repoUrl: 'github.com?repo=fraud-scoring' }),
      ),
    ).rejects.toThrow(/repoUrl/);
    expect(recorded).toEqual([]);
  });
});
