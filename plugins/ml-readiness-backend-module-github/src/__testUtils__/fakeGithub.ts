import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { http, HttpResponse } from 'msw';
import { listFilesRecursively } from '@ml-golden-paths/plugin-ml-readiness-repository-facts/testUtils';

/** A token planted in config that must never surface anywhere. */
export const CANARY_TOKEN = 'ghp_CanaryTokenMustNeverLeak0123456789abcd';
export const API = 'https://api.github.com';

export function canaryIntegrations() {
  return ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: { github: [{ host: 'github.com', token: CANARY_TOKEN }] },
    }),
  );
}

const rateHeaders = () => ({
  'x-ratelimit-limit': '5000',
  'x-ratelimit-remaining': '4870',
  'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
  'x-ratelimit-used': '130',
  'x-ratelimit-resource': 'core',
  'x-github-api-version-selected': '2022-11-28',
});

const notFound = (documentation: string, message = 'Not Found') =>
  HttpResponse.json(
    {
      message,
      documentation_url: `https://docs.github.com/rest/${documentation}`,
      status: '404',
    },
    { status: 404, headers: rateHeaders() },
  );

const gitSha = (kind: string, content: Buffer) =>
  createHash('sha1')
    .update(`${kind} ${content.length}\0`)
    .update(content)
    .digest('hex');

/** What the fake repository's settings look like. */
export type FakeSettings = {
  /** Classic protection as GitHub returns it after the guardrails action; undefined = 404. */
  protection?: 'guardrails' | 'none';
  rules?: unknown[];
  /** The production environment; undefined = 404. */
  production?: 'guardrails' | 'none';
};

/**
 * Handlers answering like GitHub's REST API (recorded response shapes,
 * trimmed) for one repository whose default branch holds the files of
 * `dir`. `changedAt` is the date of the newest commit of every path.
 * Returns the handlers and the list of request paths seen.
 */
export function fakeGithubRepository(options: {
  owner: string;
  repo: string;
  dir: string;
  changedAt: string;
  settings: FakeSettings;
}) {
  const { owner, repo, dir, changedAt, settings } = options;
  const base = `${API}/repos/${owner}/${repo}`;
  const seen: string[] = [];
  const files = listFilesRecursively(dir).map(file => {
    const content = fs.readFileSync(path.join(dir, file));
    return { path: file, content, sha: gitSha('blob', content) };
  });
  const blobs = new Map(files.map(file => [file.sha, file]));
  const treeSha = gitSha('tree', Buffer.from(files.map(f => f.sha).join('')));
  const commitSha = gitSha('commit', Buffer.from(treeSha));
  const folders = new Set<string>();
  for (const file of files) {
    const parts = file.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      folders.add(parts.slice(0, i).join('/'));
    }
  }
  const person = { name: 'Dana', email: 'dana@example.com', date: changedAt };
  const commitBody = {
    sha: commitSha,
    node_id: 'C_kwDOMGx1TtoAKDNmMmMxZTA',
    commit: {
      author: person,
      committer: { ...person, name: 'GitHub', email: 'noreply@github.com' },
      message: 'Create fraud-scoring from the online-inference golden path',
      tree: { sha: treeSha, url: `${base}/git/trees/${treeSha}` },
      url: `${base}/git/commits/${commitSha}`,
      comment_count: 0,
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    },
    url: `${base}/commits/${commitSha}`,
    html_url: `https://github.com/${owner}/${repo}/commit/${commitSha}`,
    comments_url: `${base}/commits/${commitSha}/comments`,
    author: { login: 'dana-gh', id: 5001, type: 'User', site_admin: false },
    committer: {
      login: 'web-flow',
      id: 19864447,
      type: 'User',
      site_admin: false,
    },
    parents: [],
  };
  const record = (request: Request) => {
    const url = new URL(request.url);
    seen.push(`${url.pathname}${url.search}`);
  };
  const protectionUrl = `${base}/branches/main/protection`;

  const handlers = [
    http.get(base, ({ request }) => {
      record(request);
      const etag = 'W/"a1e2c5b0f7d1"';
      if (request.headers.get('if-none-match') === etag) {
        return new HttpResponse(null, {
          status: 304,
          headers: { ...rateHeaders(), etag },
        });
      }
      return HttpResponse.json(
        {
          id: 812345678,
          node_id: 'R_kgDOMGx1Tg',
          name: repo,
          full_name: `${owner}/${repo}`,
          private: true,
          owner: {
            login: owner,
            id: 90123456,
            type: 'Organization',
            site_admin: false,
          },
          html_url: `https://github.com/${owner}/${repo}`,
          url: base,
          visibility: 'private',
          default_branch: 'main',
          archived: false,
          permissions: {
            admin: true,
            maintain: true,
            push: true,
            triage: true,
            pull: true,
          },
        },
        { headers: { ...rateHeaders(), etag } },
      );
    }),
    http.get(`${base}/branches/main`, ({ request }) => {
      record(request);
      return HttpResponse.json(
        {
          name: 'main',
          commit: commitBody,
          _links: {
            self: `${base}/branches/main`,
            html: `https://github.com/${owner}/${repo}/tree/main`,
          },
          protected: settings.protection === 'guardrails',
          protection: {
            enabled: settings.protection === 'guardrails',
            required_status_checks: {
              enforcement_level: 'non_admins',
              contexts: [],
              checks: [],
            },
          },
          protection_url: protectionUrl,
        },
        { headers: rateHeaders() },
      );
    }),
    http.get(`${base}/git/trees/:sha`, ({ request, params }) => {
      record(request);
      if (params.sha !== treeSha) {
        return notFound('git/trees#get-a-tree');
      }
      return HttpResponse.json(
        {
          sha: treeSha,
          url: `${base}/git/trees/${treeSha}`,
          tree: [
            ...[...folders].map(folder => ({
              path: folder,
              mode: '040000',
              type: 'tree',
              sha: gitSha('tree', Buffer.from(folder)),
              url: `${base}/git/trees/${gitSha('tree', Buffer.from(folder))}`,
            })),
            ...files.map(file => ({
              path: file.path,
              mode: '100644',
              type: 'blob',
              sha: file.sha,
              size: file.content.length,
              url: `${base}/git/blobs/${file.sha}`,
            })),
          ].sort((a, b) => a.path.localeCompare(b.path)),
          truncated: false,
        },
        { headers: rateHeaders() },
      );
    }),
    http.get(`${base}/git/blobs/:sha`, ({ request, params }) => {
      record(request);
      const blob = blobs.get(String(params.sha));
      if (!blob) {
        return notFound('git/blobs#get-a-blob');
      }
      return HttpResponse.json(
        {
          sha: blob.sha,
          node_id: `B_kwDOMGx1Tto${blob.sha.slice(0, 12)}`,
          size: blob.content.length,
          url: `${base}/git/blobs/${blob.sha}`,
          content: (
            blob.content.toString('base64').match(/.{1,60}/g) ?? []
          ).join('\n'),
          encoding: 'base64',
        },
        { headers: rateHeaders() },
      );
    }),
    http.get(`${base}/commits`, ({ request }) => {
      record(request);
      const filePath = new URL(request.url).searchParams.get('path');
      const exists = files.some(file => file.path === filePath);
      return HttpResponse.json(exists ? [commitBody] : [], {
        headers: rateHeaders(),
      });
    }),
    http.get(protectionUrl, ({ request }) => {
      record(request);
      if (settings.protection !== 'guardrails') {
        return notFound(
          'branches/branch-protection#get-branch-protection',
          'Branch not protected',
        );
      }
      const checks = [
        'lint',
        'test',
        'data-validation',
        'evaluation-gate',
        'dependency-scan',
        'build',
      ];
      return HttpResponse.json(
        {
          url: protectionUrl,
          required_status_checks: {
            url: `${protectionUrl}/required_status_checks`,
            strict: true,
            contexts: checks,
            contexts_url: `${protectionUrl}/required_status_checks/contexts`,
            checks: checks.map(context => ({ context, app_id: null })),
          },
          required_pull_request_reviews: {
            url: `${protectionUrl}/required_pull_request_reviews`,
            dismiss_stale_reviews: true,
            require_code_owner_reviews: true,
            require_last_push_approval: false,
            required_approving_review_count: 1,
          },
          required_signatures: {
            url: `${protectionUrl}/required_signatures`,
            enabled: false,
          },
          enforce_admins: {
            url: `${protectionUrl}/enforce_admins`,
            enabled: true,
          },
          required_linear_history: { enabled: false },
          allow_force_pushes: { enabled: false },
          allow_deletions: { enabled: false },
          block_creations: { enabled: false },
          required_conversation_resolution: { enabled: false },
          lock_branch: { enabled: false },
          allow_fork_syncing: { enabled: false },
        },
        { headers: rateHeaders() },
      );
    }),
    http.get(`${base}/rules/branches/main`, ({ request }) => {
      record(request);
      return HttpResponse.json(settings.rules ?? [], {
        headers: rateHeaders(),
      });
    }),
    http.get(`${base}/environments/production`, ({ request }) => {
      record(request);
      if (settings.production !== 'guardrails') {
        return notFound('deployments/environments#get-an-environment');
      }
      return HttpResponse.json(
        {
          id: 4829182,
          node_id: 'EN_kwDOMGx1Ts4ASa3e',
          name: 'production',
          url: `${base}/environments/production`,
          html_url: `https://github.com/${owner}/${repo}/deployments/activity_log?environments_filter=production`,
          created_at: '2026-11-28T08:00:00Z',
          updated_at: '2026-11-28T08:00:01Z',
          can_admins_bypass: true,
          protection_rules: [
            {
              id: 3736,
              node_id: 'GA_kwDOMGx1Ts4AAA6Y',
              type: 'required_reviewers',
              prevent_self_review: true,
              reviewers: [
                {
                  type: 'Team',
                  reviewer: {
                    id: 7001,
                    node_id: 'T_kwDOBV9Z0M4AG1kx',
                    slug: 'risk-ml-oncall',
                    name: 'Risk ML on-call',
                    privacy: 'closed',
                  },
                },
              ],
            },
            { id: 3755, node_id: 'GA_kwDOMGx1Ts4AAA6r', type: 'branch_policy' },
          ],
          deployment_branch_policy: {
            protected_branches: true,
            custom_branch_policies: false,
          },
        },
        { headers: rateHeaders() },
      );
    }),
  ];
  return { handlers, seen, commitSha };
}

/** A primary rate limit 403 as GitHub sends it, reset `seconds` from now. */
export function rateLimitedResponse(seconds: number) {
  return HttpResponse.json(
    {
      message:
        'API rate limit exceeded for installation ID 41234567. If you reach out to GitHub Support for help, please include the request ID 8C1E:2D3F:4A5B6C:7D8E9F:6747A1B2 and timestamp 2026-11-29 11:02:13 UTC.',
      documentation_url:
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      status: '403',
    },
    {
      status: 403,
      headers: {
        ...rateHeaders(),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-used': '5000',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + seconds),
      },
    },
  );
}
