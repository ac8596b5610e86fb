import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { GithubOctokitFactory } from '../github/GithubOctokitFactory';
import {
  API,
  CANARY_TOKEN,
  canaryIntegrations,
} from '../__testUtils__/githubFixtures';
import {
  createRepository,
  sampleStepOutputs,
} from './__testUtils__/createdRepository';
import { createTestReleases, TEST_RELEASE } from './__testUtils__/testReleases';
import { GoldenPathReleases } from './releases';
import { upgradeGithubRepository } from './upgradeGithubRepository';

jest.setTimeout(120_000);

const REPO = `${API}/repos/acme/fraud-scoring`;

describe('upgradeGithubRepository', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  let root: string;
  let releases: GoldenPathReleases;
  let tarball: Buffer;
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'gp-upgrade-github-'));
    releases = await createTestReleases(root);
    const created = await createRepository({
      releases,
      version: '1.0.0',
      dir: path.join(root, 'acme-fraud-scoring-0abc123'),
      scratchDir: await fs.mkdtemp(path.join(root, 'scratch-')),
      answers: {
        name: 'fraud-scoring',
        description: 'Scores card transactions for fraud risk.',
        owner: 'group:default/risk-ml',
        system: 'system:default/fraud-platform',
        tier: 1,
        dataset: 'resource:default/card-transactions',
        approvers: 'group:default/risk-ml-oncall',
        destination: 'github',
        repoUrl: 'github.com?owner=acme&repo=fraud-scoring',
        latencyP99Ms: 150,
        availability: 99.9,
      },
    });
    const rollback = path.join(created, 'docs/runbooks/rollback.md');
    await fs.writeFile(
      rollback,
      (await fs.readFile(rollback, 'utf8')).replace(
        TEST_RELEASE.runbookLine,
        'Roll back first; page #fraud-oncall.',
      ),
    );
    await fs.rm(path.join(created, 'ruff.toml'));
    const archive = path.join(root, 'repo.tar.gz');
    execFileSync('tar', ['-czf', archive, '-C', root, path.basename(created)]);
    tarball = await fs.readFile(archive);
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  function fakeGithub(openPulls: Array<{ number: number; ref: string }>) {
    const state = {
      blobs: new Map<string, string>(),
      trees: [] as any[],
      refs: new Map<string, string>([['heads/main', 'c0ffee']]),
      created: [] as any[],
      updated: [] as Array<{ number: number; body: any }>,
      comments: [] as Array<{ number: number; body: string }>,
      labels: [] as Array<{ number: number; labels: string[] }>,
      deleted: [] as string[],
      authorization: new Set<string>(),
    };
    const seen = (request: Request) =>
      state.authorization.add(request.headers.get('authorization') ?? '');
    const pull = (number: number, ref: string) => ({
      number,
      html_url: `https://github.com/acme/fraud-scoring/pull/${number}`,
      head: { ref, repo: { full_name: 'acme/fraud-scoring' } },
    });
    server.resetHandlers(
      http.get(REPO, ({ request }) => {
        seen(request);
        return HttpResponse.json({
          full_name: 'acme/fraud-scoring',
          default_branch: 'main',
        });
      }),
      http.get(`${REPO}/git/ref/*`, ({ params }) => {
        const ref = String(params[0]);
        const sha = state.refs.get(ref);
        return sha
          ? HttpResponse.json({ ref: `refs/${ref}`, object: { sha } })
          : HttpResponse.json({ message: 'Not Found' }, { status: 404 });
      }),
      http.get(`${REPO}/tarball/:ref`, ({ params }) => {
        expect(params.ref).toBe('c0ffee');
        return new HttpResponse(tarball, {
          headers: { 'content-type': 'application/x-gzip' },
        });
      }),
      http.get(`${REPO}/git/commits/c0ffee`, () =>
        HttpResponse.json({ sha: 'c0ffee', tree: { sha: 'tree0' } }),
      ),
      http.post(`${REPO}/git/blobs`, async ({ request }) => {
        const body = (await request.json()) as any;
        const sha = `blob${state.blobs.size}`;
        state.blobs.set(
          sha,
          Buffer.from(body.content, 'base64').toString('utf8'),
        );
        return HttpResponse.json({ sha }, { status: 201 });
      }),
      http.post(`${REPO}/git/trees`, async ({ request }) => {
        state.trees.push(await request.json());
        return HttpResponse.json({ sha: 'tree1' }, { status: 201 });
      }),
      http.post(`${REPO}/git/commits`, async ({ request }) => {
        const body = (await request.json()) as any;
        expect(body.parents).toEqual(['c0ffee']);
        return HttpResponse.json(
          { sha: 'c0mmit', message: body.message },
          { status: 201 },
        );
      }),
      http.post(`${REPO}/git/refs`, async ({ request }) => {
        const body = (await request.json()) as any;
        state.refs.set(body.ref.replace(/^refs\//, ''), body.sha);
        return HttpResponse.json({ ref: body.ref }, { status: 201 });
      }),
      http.delete(`${REPO}/git/refs/*`, ({ params }) => {
        state.deleted.push(String(params[0]));
        return new HttpResponse(null, { status: 204 });
      }),
      http.get(`${REPO}/pulls`, ({ request }) => {
        expect(new URL(request.url).searchParams.get('state')).toBe('open');
        return HttpResponse.json([
          ...openPulls.map(p => pull(p.number, p.ref)),
          pull(3, 'feature/unrelated'),
        ]);
      }),
      http.post(`${REPO}/pulls`, async ({ request }) => {
        const body = (await request.json()) as any;
        state.created.push(body);
        return HttpResponse.json(pull(42, body.head), { status: 201 });
      }),
      http.patch(`${REPO}/pulls/:number`, async ({ params, request }) => {
        state.updated.push({
          number: Number(params.number),
          body: await request.json(),
        });
        return HttpResponse.json(pull(Number(params.number), 'x'));
      }),
      http.put(`${REPO}/issues/:number/labels`, async ({ params, request }) => {
        state.labels.push({
          number: Number(params.number),
          labels: ((await request.json()) as any).labels,
        });
        return HttpResponse.json([]);
      }),
      http.post(
        `${REPO}/issues/:number/comments`,
        async ({ params, request }) => {
          state.comments.push({
            number: Number(params.number),
            body: ((await request.json()) as any).body,
          });
          return HttpResponse.json({ id: 1 }, { status: 201 });
        },
      ),
    );
    return state;
  }

  const upgrade = async (preview: boolean) => {
    const integrations = canaryIntegrations();
    return upgradeGithubRepository({
      releases,
      repoUrl: 'github.com?owner=acme&repo=fraud-scoring',
      integrations,
      octokitFactory: GithubOctokitFactory.create({
        integrations,
        logger: mockServices.logger.mock(),
      }),
      answers: { alertChannel: '#fraud-alerts' },
      stepOutputs: sampleStepOutputs,
      preview,
      workDir: await fs.mkdtemp(path.join(root, 'work-')),
    });
  };

  it('previews from the default branch without writing anything', async () => {
    const state = fakeGithub([]);
    const result = await upgrade(true);
    expect(result.plan!.conflicted).toEqual(['docs/runbooks/rollback.md']);
    expect(state.trees).toEqual([]);
    expect(state.created).toEqual([]);
  });

  it('opens one pull request marked as conflicted and closes the older upgrade with a comment', async () => {
    const state = fakeGithub([{ number: 7, ref: 'golden-path/upgrade-1.0.1' }]);
    const result = await upgrade(false);
    expect(result.pullRequestUrl).toBe(
      'https://github.com/acme/fraud-scoring/pull/42',
    );
    expect([...state.authorization]).toEqual([`token ${CANARY_TOKEN}`]);

    // The commit: template change, merged conflict, deletion kept.
    const entries = new Map(
      state.trees[0].tree.map((e: any) => [e.path, e] as const),
    );
    expect(state.trees[0].base_tree).toBe('tree0');
    const content = (file: string) =>
      state.blobs.get((entries.get(file) as any).sha);
    expect(content('.github/workflows/ci.yaml')).toContain(TEST_RELEASE.ciStep);
    expect(content('docs/runbooks/rollback.md')).toContain(
      '<<<<<<< your repository\nRoll back first; page #fraud-oncall.',
    );
    expect(entries.has('ruff.toml')).toBe(false);
    expect(content('.golden-path/answers.yaml')).toContain('version: 1.1.0');
    expect(state.refs.get('heads/golden-path/upgrade-1.1.0')).toBe('c0mmit');

    // The pull request says it has conflicts, twice.
    expect(state.created).toEqual([
      expect.objectContaining({
        head: 'golden-path/upgrade-1.1.0',
        base: 'main',
        title: expect.stringMatching(/^\[CONFLICTS\] Upgrade golden path/),
        body: expect.stringContaining('- docs/runbooks/rollback.md'),
      }),
    ]);
    expect(state.labels).toEqual([
      {
        number: 42,
        labels: ['golden-path-upgrade', 'golden-path-conflicts'],
      },
    ]);
    // The older upgrade: commented, closed, branch deleted; the unrelated PR left alone.
    expect(state.comments).toEqual([
      { number: 7, body: expect.stringMatching(/^Superseded by #42/) },
    ]);
    expect(state.updated).toEqual([{ number: 7, body: { state: 'closed' } }]);
    expect(state.deleted).toEqual(['heads/golden-path/upgrade-1.0.1']);
    expect(result.superseded).toEqual([
      'https://github.com/acme/fraud-scoring/pull/7',
    ]);
  });

  it('refuses a repository on a host without a GitHub integration', async () => {
    fakeGithub([]);
    const integrations = canaryIntegrations();
    await expect(
      upgradeGithubRepository({
        releases,
        repoUrl: 'evil.example.com?owner=acme&repo=fraud-scoring',
        integrations,
        octokitFactory: GithubOctokitFactory.create({
          integrations,
          logger: mockServices.logger.mock(),
        }),
        preview: true,
        workDir: root,
      }),
    ).rejects.toThrow(/^repoUrl: /);
  });
});
