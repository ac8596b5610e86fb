import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import {
  API,
  CANARY_TOKEN,
  canaryIntegrations,
  catalogEntities,
  githubHandlers,
  RecordedRequest,
  secondaryRateLimitResponse,
} from '../__testUtils__/githubFixtures';
import { GithubOctokitFactory } from '../github/GithubOctokitFactory';
import { createGithubGuardrailsAction } from './githubGuardrails';

jest.setTimeout(30_000);

describe('mlgp:github:guardrails', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let recorded: RecordedRequest[];
  const logger = mockServices.logger.mock();
  const integrations = canaryIntegrations();
  const octokitFactory = GithubOctokitFactory.create({ integrations, logger });
  const action = createGithubGuardrailsAction({
    integrations,
    catalog: catalogServiceMock({ entities: catalogEntities }),
    octokitFactory,
  });

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

  it('protects the default branch, creates both environments and enables alerts', async () => {
    const ctx = createMockActionContext({ input });
    await action.handler(ctx);

    expect(recorded.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/acme/fraud-scoring',
      'PUT /repos/acme/fraud-scoring/branches/main/protection',
      'PUT /repos/acme/fraud-scoring/environments/staging',
      'GET /users/dana-gh',
      'GET /users/omar-gh',
      'PUT /repos/acme/fraud-scoring/environments/production',
      'PUT /repos/acme/fraud-scoring/vulnerability-alerts',
    ]);
    expect(recorded[1].body).toMatchObject({
      required_status_checks: {
        strict: true,
        contexts: ['test', 'evaluation-gate'],
      },
      required_pull_request_reviews: { required_approving_review_count: 1 },
    });
    expect(recorded[5].body).toEqual({
      reviewers: [
        { type: 'User', id: 5001 },
        { type: 'User', id: 5002 },
      ],
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
    expect(allText(ctx)).not.toContain(CANARY_TOKEN);
  });

  it('uses the team from the group annotation and is safe to re-run with conditional reads', async () => {
    const teamInput = {
      ...input,
      productionReviewers: 'group:default/platform',
    };
    await action.handler(createMockActionContext({ input: teamInput }));
    await action.handler(createMockActionContext({ input: teamInput }));

    const production = recorded.filter(r =>
      r.path.endsWith('/environments/production'),
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
      ...createMockActionContext({ input }),
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
    await action.handler(createMockActionContext({ input }));
    expect(limited).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(
      recorded.filter(r => r.path.endsWith('/branches/main/protection')),
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
    await action.handler(createMockActionContext({ input }));
    expect(limited).toBe(1);
    expect(
      recorded.filter(r => r.path.endsWith('/environments/staging')),
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
    const ctx = createMockActionContext({
      input: { ...input, repoUrl: 'github.com?owner=acme&repo=missing' },
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
    const error = await action
      .handler(createMockActionContext({ input }))
      .catch(e => e);
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
    const error = await action
      .handler(createMockActionContext({ input }))
      .catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain("'requiredChecks'");
    expect(error.message).toContain('contexts must not contain empty names');
  });

  it('explains when no reviewer resolves from the group', async () => {
    const error = await action
      .handler(
        createMockActionContext({
          input: {
            ...input,
            productionReviewers: 'group:default/nobody-on-github',
          },
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
        createMockActionContext({
          input: { ...input, productionReviewers: 'group:default/ghosts' },
        }),
      ),
    ).rejects.toThrow(/productionReviewers: group 'group:default\/ghosts'/);
    await expect(
      action.handler(
        createMockActionContext({
          input: { ...input, repoUrl: 'github.com?repo=fraud-scoring' },
        }),
      ),
    ).rejects.toThrow(/repoUrl/);
    expect(recorded).toEqual([]);
  });
});
