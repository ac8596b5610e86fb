import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  repositoryFactsSchema,
  repositorySettingsFactsSchema,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import {
  renderGoldenPath,
  templateVersion,
  goldenPathCapabilities,
} from '@ml-golden-paths/plugin-ml-readiness-repository-facts/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  API,
  CANARY_TOKEN,
  canaryIntegrations,
  fakeGithubRepository,
  FakeSettings,
  rateLimitedResponse,
} from './__testUtils__/fakeGithub';
import { GithubRepositoryCollector } from './GithubRepositoryCollector';

const model = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'fraud-scoring', namespace: 'default', annotations },
  spec: {
    type: 'ai-model',
    owner: 'group:default/risk-ml',
    mlops: {
      tier: 1,
      task: 'binary-classification',
      servingPattern: 'online',
      modelCard: 'docs/model-card.md',
    },
  },
});
const fraudScoring = model({ 'github.com/project-slug': 'acme/fraud-scoring' });

describe('GithubRepositoryCollector', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const logger = mockServices.logger.mock();
  let outDir: string;
  let repoDir: string;

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-collector-'));
    repoDir = await renderGoldenPath({
      template: 'online-inference',
      destination: 'github',
      outDir,
    });
  }, 180_000);
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  const collector = (integrations = canaryIntegrations()) =>
    GithubRepositoryCollector.create({
      integrations,
      logger,
      newestTemplateVersion: async template =>
        template === 'online-inference' ? templateVersion(template) : undefined,
    });
  const serve = (settings: FakeSettings, dir = repoDir) => {
    const fake = fakeGithubRepository({
      owner: 'acme',
      repo: 'fraud-scoring',
      dir,
      changedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      settings,
    });
    server.use(...fake.handlers);
    return fake;
  };
  const guardrails: FakeSettings = {
    protection: 'guardrails',
    production: 'guardrails',
  };

  it('applies to ai-model entities with a GitHub project slug only', () => {
    const c = collector();
    expect(c.appliesTo(fraudScoring)).toBe(true);
    expect(c.appliesTo(model({}))).toBe(false);
    expect(c.appliesTo(model({ 'github.com/project-slug': '../../etc' }))).toBe(
      false,
    );
    expect(c.appliesTo({ ...fraudScoring, kind: 'Component' })).toBe(false);
  });

  it('grades a repository created from the golden path with all-good facts', async () => {
    const fake = serve(guardrails);
    const results = await collector().collect(fraudScoring, { logger });
    expect(results.map(r => [r.type, r.factSet])).toEqual([
      ['facts', 'repository'],
      ['facts', 'repositorySettings'],
    ]);
    const [repository, settings] = results.map(r =>
      r.type === 'facts' ? r.values : undefined,
    );
    const facts = repositoryFactsSchema.parse(repository);
    expect(facts).toMatchObject({
      source: 'github',
      commit: fake.commitSha,
      ...goldenPathCapabilities('online-inference'),
      docs: {
        modelCardPresent: true,
        modelCardAgeDays: 3,
        rollbackRunbookPresent: true,
        rollbackRunbookAgeDays: 3,
      },
      codeowners: { present: true },
      reproducibility: {
        hasDataValidationConfig: true,
        hasEvaluationThresholds: true,
      },
      goldenPath: {
        answersPresent: true,
        template: 'online-inference',
        isCurrent: true,
      },
      security: { secretFindings: 0 },
      hasTests: true,
    });
    expect(repositorySettingsFactsSchema.parse(settings)).toEqual({
      defaultBranch: {
        protected: true,
        requiredStatusChecks: [
          'build',
          'data-validation',
          'dependency-scan',
          'evaluation-gate',
          'lint',
          'test',
        ],
        requiresCodeOwnerReviews: true,
        requiredApprovingReviews: 1,
      },
      productionEnvironment: {
        exists: true,
        requiredReviewers: 1,
        preventSelfReview: true,
      },
    });
    // The last change of a document is asked per path, one commit only.
    expect(fake.seen).toContain(
      '/repos/acme/fraud-scoring/commits?sha=main&path=docs%2Fmodel-card.md&per_page=1',
    );
  });

  it('reads each unchanged blob once across collections', async () => {
    const fake = serve(guardrails);
    const c = collector();
    await c.collect(fraudScoring, { logger });
    const blobsFirst = fake.seen.filter(p => p.includes('/git/blobs/')).length;
    expect(blobsFirst).toBeGreaterThan(20);
    fake.seen.length = 0;
    await c.collect(fraudScoring, { logger });
    expect(fake.seen.filter(p => p.includes('/git/blobs/'))).toEqual([]);
  });

  it('reports an unprotected branch, missing environment and rulesets as facts', async () => {
    serve({
      protection: 'none',
      production: 'none',
      rules: [
        {
          type: 'pull_request',
          ruleset_source_type: 'Organization',
          ruleset_source: 'acme',
          ruleset_id: 42,
          parameters: {
            dismiss_stale_reviews_on_push: true,
            require_code_owner_review: true,
            require_last_push_approval: false,
            required_approving_review_count: 2,
            required_review_thread_resolution: false,
          },
        },
        {
          type: 'required_status_checks',
          ruleset_source_type: 'Repository',
          ruleset_source: 'acme/fraud-scoring',
          ruleset_id: 43,
          parameters: {
            required_status_checks: [
              { context: 'test', integration_id: 15368 },
            ],
            strict_required_status_checks_policy: true,
          },
        },
      ],
    });
    const results = await collector().collect(fraudScoring, { logger });
    expect(results[1]).toEqual({
      type: 'facts',
      factSet: 'repositorySettings',
      values: {
        defaultBranch: {
          protected: true,
          requiredStatusChecks: ['test'],
          requiresCodeOwnerReviews: true,
          requiredApprovingReviews: 2,
        },
        productionEnvironment: {
          exists: false,
          requiredReviewers: 0,
          preventSelfReview: false,
        },
      },
    });
    serve({ protection: 'none', production: 'none' });
    const bare = await collector().collect(fraudScoring, { logger });
    expect((bare[1] as { values: any }).values.defaultBranch).toEqual({
      protected: false,
      requiredStatusChecks: [],
      requiresCodeOwnerReviews: false,
      requiredApprovingReviews: 0,
    });
  });

  it('says why when the repository is missing or the settings are not readable', async () => {
    server.use(
      http.get(`${API}/repos/acme/gone`, () =>
        HttpResponse.json(
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
    const gone = await collector().collect(
      model({ 'github.com/project-slug': 'acme/gone' }),
      { logger },
    );
    expect(gone).toEqual([
      {
        type: 'unavailable',
        factSet: 'repository',
        reason: expect.stringMatching(
          /github.com\/acme\/gone cannot be read .*404/,
        ),
      },
      {
        type: 'unavailable',
        factSet: 'repositorySettings',
        reason: expect.stringMatching(/acme\/gone/),
      },
    ]);

    serve(guardrails);
    server.use(
      http.get(`${API}/repos/acme/fraud-scoring/branches/main/protection`, () =>
        HttpResponse.json(
          {
            message: 'Resource not accessible by integration',
            documentation_url:
              'https://docs.github.com/rest/branches/branch-protection#get-branch-protection',
            status: '403',
          },
          { status: 403 },
        ),
      ),
    );
    const noAdmin = await collector().collect(fraudScoring, { logger });
    expect(noAdmin[0].type).toBe('facts');
    expect(noAdmin[1]).toEqual({
      type: 'unavailable',
      factSet: 'repositorySettings',
      reason: expect.stringContaining('needs Administration: read'),
    });
  });

  it('reports a host without integration or credentials as unavailable, naming the annotation', async () => {
    const results = await collector(
      ScmIntegrations.fromConfig(new ConfigReader({})),
    ).collect(fraudScoring, { logger });
    expect(results[0]).toEqual({
      type: 'unavailable',
      factSet: 'repository',
      reason: expect.stringMatching(
        /^github.com\/project-slug: no GitHub credentials/,
      ),
    });
  });

  it('waits out a primary rate limit and then collects', async () => {
    serve(guardrails);
    let limited = 0;
    server.use(
      http.get(`${API}/repos/acme/fraud-scoring/rules/branches/main`, () => {
        if (limited++ === 0) {
          return rateLimitedResponse(1);
        }
        return undefined;
      }),
    );
    const results = await collector().collect(fraudScoring, { logger });
    expect(limited).toBe(2);
    expect(results.map(r => r.type)).toEqual(['facts', 'facts']);
  }, 30_000);

  it('gives up on a long rate limit with an error that keeps the token out', async () => {
    serve(guardrails);
    server.use(
      http.get(`${API}/repos/acme/fraud-scoring/environments/production`, () =>
        rateLimitedResponse(3600),
      ),
    );
    const failure = collector().collect(fraudScoring, { logger });
    await expect(failure).rejects.toThrow(
      /Reading the settings of github.com\/acme\/fraud-scoring failed: API rate limit exceeded/,
    );
    const error = (await failure.catch(e => e)) as Error;
    expect(error.message).not.toContain(CANARY_TOKEN);
  });

  it('counts a committed token without logging it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-leak-'));
    try {
      fs.cpSync(repoDir, dir, { recursive: true });
      const token = `ghp_${'Q9w'.repeat(12)}`;
      fs.writeFileSync(path.join(dir, 'deploy/secret.env'), `TOKEN=${token}\n`);
      serve(guardrails, dir);
      const warn = jest.spyOn(logger, 'warn');
      const results = await collector().collect(fraudScoring, { logger });
      expect(
        (results[0] as { values: any }).values.security.secretFindings,
      ).toBe(1);
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining('deploy/secret.env line 1'),
      );
      expect(JSON.stringify(warn.mock.calls)).not.toContain(token);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
