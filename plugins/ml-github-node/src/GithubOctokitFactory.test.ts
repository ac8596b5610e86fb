import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { GithubOctokitFactory } from './GithubOctokitFactory';

const API = 'https://api.github.com';
/** A token planted in config that must never surface anywhere. */
const CANARY_TOKEN = 'ghp_CanaryTokenMustNeverLeak0123456789abcd';

function canaryIntegrations() {
  return ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: { github: [{ host: 'github.com', token: CANARY_TOKEN }] },
    }),
  );
}

/** GET /repos/{owner}/{repo}, trimmed to the fields of a real answer. */
function repoBody(owner: string, repo: string) {
  return {
    id: 812345678,
    node_id: 'R_kgDOMGx1Tg',
    name: repo,
    full_name: `${owner}/${repo}`,
    private: true,
    owner: { login: owner, id: 90123456, type: 'Organization' },
    html_url: `https://github.com/${owner}/${repo}`,
    url: `${API}/repos/${owner}/${repo}`,
    visibility: 'private',
    default_branch: 'main',
  };
}

describe('GithubOctokitFactory', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const logger = mockServices.logger.mock();
  const target = { host: 'github.com', owner: 'acme', repo: 'fraud-scoring' };

  it('authenticates from the integration config and revalidates GETs with their ETag', async () => {
    const seen: Array<{ auth: string | null; ifNoneMatch: string | null }> = [];
    server.use(
      http.get(`${API}/repos/acme/fraud-scoring`, ({ request }) => {
        seen.push({
          auth: request.headers.get('authorization'),
          ifNoneMatch: request.headers.get('if-none-match'),
        });
        if (request.headers.get('if-none-match') === '"v1"') {
          return new HttpResponse(null, {
            status: 304,
            headers: { etag: '"v1"' },
          });
        }
        return HttpResponse.json(repoBody('acme', 'fraud-scoring'), {
          headers: { etag: '"v1"' },
        });
      }),
    );
    const factory = GithubOctokitFactory.create({
      integrations: canaryIntegrations(),
      logger,
    });
    const first = await (
      await factory.forRepository(target)
    ).octokit.rest.repos.get({ owner: 'acme', repo: 'fraud-scoring' });
    const second = await (
      await factory.forRepository(target)
    ).octokit.rest.repos.get({ owner: 'acme', repo: 'fraud-scoring' });
    expect(second.data.default_branch).toBe('main');
    expect(second.data).toEqual(first.data);
    expect(seen).toEqual([
      { auth: `token ${CANARY_TOKEN}`, ifNoneMatch: null },
      { auth: `token ${CANARY_TOKEN}`, ifNoneMatch: '"v1"' },
    ]);
  });

  it('does not remember immutable git objects', async () => {
    const seen: Array<string | null> = [];
    server.use(
      http.get(
        `${API}/repos/acme/fraud-scoring/git/blobs/:sha`,
        ({ request, params }) => {
          seen.push(request.headers.get('if-none-match'));
          return HttpResponse.json(
            { sha: params.sha, size: 2, content: 'aGk=', encoding: 'base64' },
            { headers: { etag: '"blob"' } },
          );
        },
      ),
    );
    const factory = GithubOctokitFactory.create({
      integrations: canaryIntegrations(),
      logger,
    });
    const { octokit } = await factory.forRepository(target);
    for (let i = 0; i < 2; i++) {
      const { data } = await octokit.rest.git.getBlob({
        owner: 'acme',
        repo: 'fraud-scoring',
        file_sha: 'b'.repeat(40),
      });
      expect(data.content).toBe('aGk=');
    }
    expect(seen).toEqual([null, null]);
  });

  it('names repoUrl when the host has no integration or no credentials', async () => {
    const factory = GithubOctokitFactory.create({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: { github: [{ host: 'github.com' }] },
        }),
      ),
      logger,
    });
    await expect(
      factory.forRepository({ ...target, host: 'ghe.example.com' }),
    ).rejects.toThrow(
      /repoUrl: no GitHub integration is configured for host 'ghe.example.com'/,
    );
    await expect(factory.forRepository(target)).rejects.toThrow(
      /repoUrl: no GitHub credentials for github.com\/acme\/fraud-scoring/,
    );
  });

  it('blames the input the caller names', async () => {
    const factory = GithubOctokitFactory.create({
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
      logger,
      inputName: 'github.com/project-slug',
    });
    await expect(
      factory.forRepository({ ...target, host: 'ghe.example.com' }),
    ).rejects.toThrow(
      /^github.com\/project-slug: no GitHub integration is configured for host 'ghe.example.com'/,
    );
  });
});
