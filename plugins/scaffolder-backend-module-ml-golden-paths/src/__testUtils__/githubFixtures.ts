import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { http, HttpResponse } from 'msw';

/** A token planted in config that must never surface anywhere. */
export const CANARY_TOKEN = 'ghp_CanaryTokenMustNeverLeak0123456789abcd';

/** The GitHub REST API root the fixtures answer on. */
export const API = 'https://api.github.com';

/** Integration registry with the canary token. */
export function canaryIntegrations() {
  return ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        github: [{ host: 'github.com', token: CANARY_TOKEN }],
      },
    }),
  );
}

/** A group whose two members carry GitHub logins, one without. */
export const catalogEntities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'risk-ml', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [
      { type: 'hasMember', targetRef: 'user:default/dana' },
      { type: 'hasMember', targetRef: 'user:default/omar' },
      { type: 'hasMember', targetRef: 'user:default/no-login' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'platform',
      namespace: 'default',
      annotations: { 'github.com/team-slug': 'acme/ml-platform' },
    },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'nobody-on-github', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: 'user:default/no-login' }],
  },
  ...[
    ['dana', 'dana-gh'],
    ['omar', 'omar-gh'],
    ['no-login', undefined],
  ].map(([name, login]): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name: name!,
      namespace: 'default',
      annotations: login ? { 'github.com/user-login': login } : {},
    },
    spec: { memberOf: ['risk-ml'] },
  })),
];

const rateHeaders = {
  'x-ratelimit-limit': '5000',
  'x-ratelimit-remaining': '4999',
  'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
  'x-ratelimit-resource': 'core',
  'x-github-api-version-selected': '2022-11-28',
};

/** GET /repos/{owner}/{repo}, trimmed to the fields of a real answer. */
export function repoBody(owner: string, repo: string, createdAt?: string) {
  const created = createdAt ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    id: 812345678,
    node_id: 'R_kgDOMGx1Tg',
    name: repo,
    full_name: `${owner}/${repo}`,
    private: true,
    owner: {
      login: owner,
      id: 90123456,
      node_id: 'O_kgDOBV9Z0A',
      type: 'Organization',
      site_admin: false,
    },
    html_url: `https://github.com/${owner}/${repo}`,
    url: `${API}/repos/${owner}/${repo}`,
    visibility: 'private',
    default_branch: 'main',
    created_at: created,
    updated_at: created,
    pushed_at: created,
    permissions: {
      admin: true,
      maintain: true,
      push: true,
      triage: true,
      pull: true,
    },
  };
}

function environmentBody(owner: string, repo: string, name: string) {
  return {
    id: 4829181,
    node_id: 'EN_kwDOMGx1Ts4ASa3d',
    name,
    url: `${API}/repos/${owner}/${repo}/environments/${name}`,
    html_url: `https://github.com/${owner}/${repo}/deployments/activity_log?environments_filter=${name}`,
    created_at: '2026-11-28T08:00:00Z',
    updated_at: '2026-11-28T08:00:00Z',
    can_admins_bypass: true,
    protection_rules: [],
    deployment_branch_policy: null,
  };
}

/** GitHub's 404 for `GET .../branches/{branch}/protection` on an unprotected branch. */
export function branchNotProtectedResponse() {
  return HttpResponse.json(
    {
      message: 'Branch not protected',
      documentation_url:
        'https://docs.github.com/rest/branches/branch-protection#get-branch-protection',
      status: '404',
    },
    { status: 404, headers: rateHeaders },
  );
}

/** GitHub's 404 for `GET .../environments/{name}` when there is none. */
export function environmentNotFoundResponse() {
  return HttpResponse.json(
    {
      message: 'Not Found',
      documentation_url:
        'https://docs.github.com/rest/deployments/environments#get-an-environment',
      status: '404',
    },
    { status: 404, headers: rateHeaders },
  );
}

/**
 * `GET .../branches/{branch}/protection` of a branch someone protected by
 * hand: two reviews, last-push approval, checks `ci/build` and
 * `security/snyk`, linear history.
 */
export function existingBranchProtectionBody(
  owner: string,
  repo: string,
  branch: string,
) {
  const base = `${API}/repos/${owner}/${repo}/branches/${branch}/protection`;
  return {
    url: base,
    required_status_checks: {
      url: `${base}/required_status_checks`,
      strict: true,
      contexts: ['ci/build', 'security/snyk'],
      contexts_url: `${base}/required_status_checks/contexts`,
      checks: [
        { context: 'ci/build', app_id: 15368 },
        { context: 'security/snyk', app_id: null },
      ],
    },
    required_pull_request_reviews: {
      url: `${base}/required_pull_request_reviews`,
      dismiss_stale_reviews: true,
      require_code_owner_reviews: true,
      require_last_push_approval: true,
      required_approving_review_count: 2,
    },
    required_signatures: {
      url: `${base}/required_signatures`,
      enabled: false,
    },
    enforce_admins: { url: `${base}/enforce_admins`, enabled: true },
    required_linear_history: { enabled: true },
    allow_force_pushes: { enabled: false },
    allow_deletions: { enabled: false },
    block_creations: { enabled: false },
    required_conversation_resolution: { enabled: false },
    lock_branch: { enabled: false },
    allow_fork_syncing: { enabled: false },
  };
}

/**
 * `GET .../environments/production` of an environment configured by hand:
 * user 9001 must approve, with a 30-minute wait timer.
 */
export function existingProductionEnvironmentBody(owner: string, repo: string) {
  return {
    ...environmentBody(owner, repo, 'production'),
    can_admins_bypass: false,
    protection_rules: [
      {
        id: 3736,
        node_id: 'GA_kwDOMGx1Ts4AAA6Y',
        type: 'wait_timer',
        wait_timer: 30,
      },
      {
        id: 3755,
        node_id: 'GA_kwDOMGx1Ts4AAA6r',
        prevent_self_review: false,
        type: 'required_reviewers',
        reviewers: [
          {
            type: 'User',
            reviewer: {
              login: 'release-manager',
              id: 9001,
              node_id: 'U_kgDOAAAjKQ',
              type: 'User',
              site_admin: false,
              html_url: 'https://github.com/release-manager',
            },
          },
        ],
      },
      { id: 3756, node_id: 'GA_kwDOMGx1Ts4AAA6s', type: 'branch_policy' },
    ],
    deployment_branch_policy: {
      protected_branches: false,
      custom_branch_policies: true,
    },
  };
}

/** Every request the handlers saw, with its parsed JSON body. */
export type RecordedRequest = { method: string; path: string; body: unknown };

/** How the recorded repository looks before the guardrails run. */
export type GithubRepositoryState = {
  /** GitHub's `created_at` of the repository (default: now). */
  createdAt?: string;
};

/**
 * Handlers answering like GitHub for one repository, recording what was
 * asked. ETags are sent for GETs so conditional requests can be checked.
 * The default branch starts unprotected and there are no environments.
 */
export function githubHandlers(
  recorded: RecordedRequest[],
  state: GithubRepositoryState = {},
) {
  const record = async (request: Request) => {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    recorded.push({
      method: request.method,
      path: url.pathname,
      body: text ? JSON.parse(text) : undefined,
    });
  };
  return [
    http.get(`${API}/repos/:owner/:repo`, async ({ request, params }) => {
      await record(request);
      // A repository in another state has another ETag.
      const etag = state.createdAt
        ? `W/"${Buffer.from(state.createdAt).toString('hex').slice(-12)}"`
        : 'W/"5c1d0a8f3e7b"';
      if (request.headers.get('if-none-match') === etag) {
        return new HttpResponse(null, {
          status: 304,
          headers: { ...rateHeaders, etag },
        });
      }
      return HttpResponse.json(
        repoBody(String(params.owner), String(params.repo), state.createdAt),
        { headers: { ...rateHeaders, etag } },
      );
    }),
    http.get(
      `${API}/repos/:owner/:repo/branches/:branch/protection`,
      async ({ request }) => {
        await record(request);
        return branchNotProtectedResponse();
      },
    ),
    http.get(
      `${API}/repos/:owner/:repo/environments/:name`,
      async ({ request }) => {
        await record(request);
        return environmentNotFoundResponse();
      },
    ),
    http.put(
      `${API}/repos/:owner/:repo/branches/:branch/protection`,
      async ({ request, params }) => {
        await record(request);
        const base = `${API}/repos/${params.owner}/${params.repo}/branches/${params.branch}/protection`;
        const body = recorded[recorded.length - 1].body as {
          required_status_checks: { contexts: string[]; strict: boolean };
        };
        return HttpResponse.json(
          {
            url: base,
            required_status_checks: {
              url: `${base}/required_status_checks`,
              strict: body.required_status_checks.strict,
              contexts: body.required_status_checks.contexts,
              contexts_url: `${base}/required_status_checks/contexts`,
              checks: body.required_status_checks.contexts.map(context => ({
                context,
                app_id: null,
              })),
            },
            required_pull_request_reviews: {
              url: `${base}/required_pull_request_reviews`,
              dismiss_stale_reviews: true,
              require_code_owner_reviews: true,
              require_last_push_approval: false,
              required_approving_review_count: 1,
            },
            enforce_admins: { url: `${base}/enforce_admins`, enabled: true },
            required_linear_history: { enabled: false },
            allow_force_pushes: { enabled: false },
            allow_deletions: { enabled: false },
          },
          { headers: rateHeaders },
        );
      },
    ),
    http.put(
      `${API}/repos/:owner/:repo/environments/:name`,
      async ({ request, params }) => {
        await record(request);
        const body = (recorded[recorded.length - 1].body ?? {}) as {
          reviewers?: Array<{ type: string; id: number }>;
          prevent_self_review?: boolean;
          deployment_branch_policy?: unknown;
        };
        return HttpResponse.json(
          {
            ...environmentBody(
              String(params.owner),
              String(params.repo),
              String(params.name),
            ),
            protection_rules: body.reviewers?.length
              ? [
                  {
                    id: 3755,
                    node_id: 'GA_kwDOMGx1Ts4AAA6r',
                    prevent_self_review: body.prevent_self_review ?? false,
                    type: 'required_reviewers',
                    reviewers: body.reviewers.map(reviewer => ({
                      type: reviewer.type,
                      reviewer: { id: reviewer.id },
                    })),
                  },
                ]
              : [],
            deployment_branch_policy: body.deployment_branch_policy ?? null,
          },
          { headers: rateHeaders },
        );
      },
    ),
    http.put(
      `${API}/repos/:owner/:repo/vulnerability-alerts`,
      async ({ request }) => {
        await record(request);
        return new HttpResponse(null, { status: 204, headers: rateHeaders });
      },
    ),
    http.get(`${API}/users/:login`, async ({ request, params }) => {
      await record(request);
      const ids: Record<string, number> = { 'dana-gh': 5001, 'omar-gh': 5002 };
      const login = String(params.login);
      if (!ids[login]) {
        return HttpResponse.json(
          {
            message: 'Not Found',
            documentation_url:
              'https://docs.github.com/rest/users/users#get-a-user',
            status: '404',
          },
          { status: 404, headers: rateHeaders },
        );
      }
      return HttpResponse.json(
        {
          login,
          id: ids[login],
          node_id: `U_kgDO${ids[login]}`,
          type: 'User',
          site_admin: false,
          html_url: `https://github.com/${login}`,
        },
        { headers: { ...rateHeaders, etag: `W/"user-${login}"` } },
      );
    }),
    http.get(`${API}/orgs/:org/teams/:slug`, async ({ request, params }) => {
      await record(request);
      return HttpResponse.json(
        {
          id: 7001,
          node_id: 'T_kwDOBV9Z0M4AG1kx',
          name: 'ML Platform',
          slug: params.slug,
          privacy: 'closed',
          permission: 'pull',
          html_url: `https://github.com/orgs/${params.org}/teams/${params.slug}`,
        },
        { headers: rateHeaders },
      );
    }),
  ];
}

/** A secondary-rate-limit 403, as GitHub sends it, asking to wait `seconds`. */
export function secondaryRateLimitResponse(seconds: number) {
  return HttpResponse.json(
    {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 8C1E:2D3F:4A5B6C:7D8E9F:6747A1B2.',
      documentation_url:
        'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: '403',
    },
    {
      status: 403,
      headers: { ...rateHeaders, 'retry-after': String(seconds) },
    },
  );
}

/**
 * `GET /repos/{owner}/{repo}/contents/{path}?ref={branch}` of a file: the
 * content base64-encoded with a newline every 60 characters, as GitHub sends it.
 */
export function contentsFileBody(
  owner: string,
  repo: string,
  filePath: string,
  branch: string,
  text: string,
) {
  const sha = Buffer.from(`${owner}/${repo}/${filePath}/${text.length}`)
    .toString('hex')
    .padEnd(40, '0')
    .slice(0, 40);
  const self = `${API}/repos/${owner}/${repo}/contents/${filePath}?ref=${branch}`;
  const html = `https://github.com/${owner}/${repo}/blob/${branch}/${filePath}`;
  const git = `${API}/repos/${owner}/${repo}/git/blobs/${sha}`;
  return {
    name: filePath.split('/').pop(),
    path: filePath,
    sha,
    size: Buffer.byteLength(text),
    url: self,
    html_url: html,
    git_url: git,
    download_url: `https://raw.githubusercontent.com/${owner}/${repo}/${branch}/${filePath}`,
    type: 'file',
    content: `${Buffer.from(text)
      .toString('base64')
      .replace(/.{60}/g, '$&\n')}\n`,
    encoding: 'base64',
    _links: { self, git, html },
  };
}

/** GitHub's 404 for `GET .../contents/{path}` when there is no such file. */
export function contentNotFoundResponse() {
  return HttpResponse.json(
    {
      message: 'Not Found',
      documentation_url:
        'https://docs.github.com/rest/repos/contents#get-repository-content',
      status: '404',
    },
    { status: 404, headers: rateHeaders },
  );
}
