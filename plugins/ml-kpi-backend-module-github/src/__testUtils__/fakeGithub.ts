import { createHash } from 'node:crypto';
import { http, HttpResponse } from 'msw';

/** GitHub's REST API base URL the fake answers on. */
export const API = 'https://api.github.com';
/** A token planted in config that must never surface in errors or logs. */
export const TOKEN = 'ghp_KpiBackfillCanaryToken0123456789abcdef';

/** A commit of the fake repository. */
export type FakeCommit = { sha: string; parents: string[]; at: string };
/** A deployment with its statuses, oldest status first. */
export type FakeDeployment = {
  id: number;
  sha: string;
  environment: string;
  createdAt: string;
  statuses: Array<{ id: number; state: string; at: string }>;
};
/** An issue (incident when labelled so). */
export type FakeIssue = {
  id: number;
  number: number;
  labels: string[];
  body?: string;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
};
/** A completed workflow run. */
export type FakeRun = {
  id: number;
  branch: string;
  conclusion: string;
  createdAt: string;
  updatedAt: string;
};

/** The fake repository's history. */
export type FakeRepository = {
  owner: string;
  repo: string;
  defaultBranch: string;
  commits: FakeCommit[];
  deployments: FakeDeployment[];
  issues: FakeIssue[];
  runs: FakeRun[];
};

/** A status answer injected in front of the normal one. */
export type Fault = {
  /** Matched against `METHOD pathname?search`. */
  match: RegExp;
  /** How many matching requests get it. */
  times: number;
  response: () => Response;
};

const rateHeaders = (remaining = 4870) => ({
  'x-ratelimit-limit': '5000',
  'x-ratelimit-remaining': String(remaining),
  'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
  'x-ratelimit-used': String(5000 - remaining),
  'x-ratelimit-resource': 'core',
  'x-github-api-version-selected': '2022-11-28',
  'x-github-request-id': '8C1E:2D3F:4A5B6C:7D8E9F:6747A1B2',
});

const user = {
  login: 'octocat',
  id: 583231,
  node_id: 'MDQ6VXNlcjU4MzIzMQ==',
  type: 'User',
  site_admin: false,
};

/** 403 primary rate limit, as GitHub sends it (reset in `seconds`). */
export function primaryRateLimit(seconds: number) {
  return HttpResponse.json(
    {
      message:
        'API rate limit exceeded for installation ID 41234567. If you reach out to GitHub Support for help, please include the request ID 8C1E:2D3F:4A5B6C:7D8E9F:6747A1B2.',
      documentation_url:
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      status: '403',
    },
    {
      status: 403,
      headers: {
        ...rateHeaders(0),
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + seconds),
      },
    },
  );
}

/** 429 secondary rate limit with `retry-after`. */
export function secondaryRateLimit(seconds: number) {
  return HttpResponse.json(
    {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 8C1E:2D3F:4A5B6C:7D8E9F:6747A1B3.',
      documentation_url:
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: '429',
    },
    {
      status: 429,
      headers: { ...rateHeaders(), 'retry-after': String(seconds) },
    },
  );
}

/** 500 as GitHub sends it when something broke on its side. */
export function serverError() {
  return HttpResponse.json(
    { message: 'Server Error', status: '500' },
    { status: 500, headers: rateHeaders() },
  );
}

const notFound = () =>
  HttpResponse.json(
    {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404',
    },
    { status: 404, headers: rateHeaders() },
  );

/**
 * msw handlers answering like GitHub's REST API (recorded response shapes,
 * trimmed) for the given repositories; every other repository is a 404.
 * Lists are paged `pageSize` items at a time with `Link` headers, answer 304
 * to a matching `If-None-Match`, and `faults` are served first. `seen` lists
 * every request as `METHOD path?query` with its status.
 */
export function fakeGithub(options: {
  repositories: FakeRepository[];
  pageSize?: number;
  faults?: Fault[];
}) {
  const pageSize = options.pageSize ?? 2;
  const faults = options.faults ?? [];
  const seen: Array<{ request: string; status: number }> = [];
  const byName = new Map(
    options.repositories.map(r => [`${r.owner}/${r.repo}`.toLowerCase(), r]),
  );

  const etagOf = (body: unknown) =>
    `W/"${createHash('sha256').update(JSON.stringify(body)).digest('hex')}"`;

  const answer = (
    request: Request,
    _url: URL,
    body: unknown,
    link?: string,
  ): Response => {
    const etag = etagOf(body);
    const headers: Record<string, string> = {
      ...rateHeaders(),
      etag,
      'cache-control': 'private, max-age=60, s-maxage=60',
      vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
    };
    if (link) {
      headers.link = link;
    }
    if (request.headers.get('if-none-match') === etag) {
      return new HttpResponse(null, { status: 304, headers });
    }
    return HttpResponse.json(body as any, { headers });
  };

  const paged = (request: Request, url: URL, items: unknown[]) => {
    const page = Number(url.searchParams.get('page') ?? '1');
    const slice = items.slice((page - 1) * pageSize, page * pageSize);
    const last = Math.max(1, Math.ceil(items.length / pageSize));
    const link = (p: number, rel: string) => {
      const u = new URL(url);
      u.searchParams.set('page', String(p));
      return `<${u}>; rel="${rel}"`;
    };
    const links = [
      ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
      ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : []),
    ];
    return answer(request, url, slice, links.join(', ') || undefined);
  };

  const commitJson = (r: FakeRepository, c: FakeCommit) => ({
    sha: c.sha,
    node_id: `C_${c.sha.slice(0, 12)}`,
    commit: {
      author: { name: 'Ada', email: 'ada@example.com', date: c.at },
      committer: { name: 'GitHub', email: 'noreply@github.com', date: c.at },
      message: `change ${c.sha.slice(0, 7)}`,
      tree: { sha: c.sha.split('').reverse().join(''), url: '' },
      comment_count: 0,
      verification: { verified: false, reason: 'unsigned' },
    },
    url: `${API}/repos/${r.owner}/${r.repo}/commits/${c.sha}`,
    html_url: `https://github.com/${r.owner}/${r.repo}/commit/${c.sha}`,
    author: user,
    committer: user,
    parents: c.parents.map(p => ({
      sha: p,
      url: `${API}/repos/${r.owner}/${r.repo}/commits/${p}`,
    })),
  });

  const deploymentJson = (r: FakeRepository, d: FakeDeployment) => ({
    url: `${API}/repos/${r.owner}/${r.repo}/deployments/${d.id}`,
    id: d.id,
    node_id: `DE_${d.id}`,
    sha: d.sha,
    ref: 'main',
    task: 'deploy',
    payload: {},
    original_environment: d.environment,
    environment: d.environment,
    description: null,
    creator: user,
    created_at: d.createdAt,
    updated_at: d.statuses.at(-1)?.at ?? d.createdAt,
    statuses_url: `${API}/repos/${r.owner}/${r.repo}/deployments/${d.id}/statuses`,
    repository_url: `${API}/repos/${r.owner}/${r.repo}`,
    transient_environment: false,
    production_environment: true,
  });

  /** Commits reachable from `sha` through parents. */
  const ancestors = (r: FakeRepository, sha: string) => {
    const bySha = new Map(r.commits.map(c => [c.sha, c]));
    const found = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (!found.has(s) && bySha.has(s)) {
        found.add(s);
        stack.push(...bySha.get(s)!.parents);
      }
    }
    return found;
  };

  const serve = (request: Request, url: URL): Response => {
    const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const r = m ? byName.get(`${m[1]}/${m[2]}`.toLowerCase()) : undefined;
    if (!m || !r) {
      return notFound();
    }
    const rest = m[3] ?? '';
    const q = url.searchParams;
    if (rest === '') {
      return answer(request, url, {
        id: 1296269,
        node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
        name: r.repo,
        full_name: `${r.owner}/${r.repo}`,
        private: true,
        owner: { ...user, login: r.owner },
        default_branch: r.defaultBranch,
        visibility: 'private',
      });
    }
    if (rest === '/deployments') {
      const env = q.get('environment');
      const list = r.deployments
        .filter(d => !env || d.environment === env)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id)
        .map(d => deploymentJson(r, d));
      return paged(request, url, list);
    }
    const statuses = /^\/deployments\/(\d+)\/statuses$/.exec(rest);
    if (statuses) {
      const d = r.deployments.find(x => x.id === Number(statuses[1]));
      if (!d) {
        return notFound();
      }
      return paged(
        request,
        url,
        [...d.statuses].reverse().map(s => ({
          url: `${API}/repos/${r.owner}/${r.repo}/deployments/${d.id}/statuses/${s.id}`,
          id: s.id,
          node_id: `DES_${s.id}`,
          state: s.state,
          creator: user,
          description: `Deployment ${s.state}`,
          environment: d.environment,
          target_url: '',
          created_at: s.at,
          updated_at: s.at,
          deployment_url: `${API}/repos/${r.owner}/${r.repo}/deployments/${d.id}`,
          repository_url: `${API}/repos/${r.owner}/${r.repo}`,
          environment_url: '',
          log_url: '',
        })),
      );
    }
    if (rest === '/commits') {
      const since = q.get('since');
      const head =
        r.commits.find(c => c.sha === q.get('sha')) ?? r.commits.at(-1);
      const reachable = head ? ancestors(r, head.sha) : new Set<string>();
      const list = r.commits
        .filter(c => reachable.has(c.sha) && (!since || c.at >= since))
        .sort((a, b) => b.at.localeCompare(a.at))
        .map(c => commitJson(r, c));
      return paged(request, url, list);
    }
    const compare = /^\/compare\/([0-9a-f]+)\.\.\.([0-9a-f]+)$/.exec(rest);
    if (compare) {
      const [, base, head] = compare;
      if (
        !r.commits.some(c => c.sha === base) ||
        !r.commits.some(c => c.sha === head)
      ) {
        return notFound();
      }
      const fromBase = ancestors(r, base);
      const ahead = r.commits
        .filter(c => ancestors(r, head).has(c.sha) && !fromBase.has(c.sha))
        .sort((a, b) => a.at.localeCompare(b.at));
      return answer(request, url, {
        url: `${API}/repos/${r.owner}/${r.repo}/compare/${base}...${head}`,
        status: ahead.length > 0 ? 'ahead' : 'identical',
        ahead_by: ahead.length,
        behind_by: 0,
        total_commits: ahead.length,
        base_commit: commitJson(
          r,
          r.commits.find(c => c.sha === base)!,
        ),
        merge_base_commit: commitJson(
          r,
          r.commits.find(c => c.sha === base)!,
        ),
        commits: ahead.map(c => commitJson(r, c)),
        files: [],
      });
    }
    if (rest === '/actions/runs') {
      const branch = q.get('branch');
      const created = /^>=(.+)$/.exec(q.get('created') ?? '');
      const list = r.runs
        .filter(
          run =>
            (!branch || run.branch === branch) &&
            (!created || run.createdAt >= created[1]),
        )
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map(run => ({
          id: run.id,
          name: 'train-and-deploy',
          node_id: `WFR_${run.id}`,
          head_branch: run.branch,
          head_sha: r.commits.at(-1)?.sha,
          path: '.github/workflows/deploy.yml',
          run_number: run.id % 1000,
          run_attempt: 1,
          event: 'push',
          status: 'completed',
          conclusion: run.conclusion,
          workflow_id: 161335,
          created_at: run.createdAt,
          updated_at: run.updatedAt,
          run_started_at: run.createdAt,
        }));
      const page = Number(q.get('page') ?? '1');
      const slice = list.slice((page - 1) * pageSize, page * pageSize);
      const u = new URL(url);
      u.searchParams.set('page', String(page + 1));
      return answer(
        request,
        url,
        { total_count: list.length, workflow_runs: slice },
        page * pageSize < list.length ? `<${u}>; rel="next"` : undefined,
      );
    }
    if (rest === '/issues') {
      const since = q.get('since');
      const list = r.issues
        .filter(i => !since || i.updatedAt >= since)
        .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
        .map(i => ({
          url: `${API}/repos/${r.owner}/${r.repo}/issues/${i.number}`,
          id: i.id,
          node_id: `I_${i.id}`,
          number: i.number,
          title: `Issue ${i.number}`,
          user,
          labels: i.labels.map((name, n) => ({
            id: 1000 + n,
            node_id: `LA_${n}`,
            name,
            color: 'd73a4a',
            default: false,
            description: null,
          })),
          state: i.closedAt ? 'closed' : 'open',
          locked: false,
          comments: 0,
          created_at: i.createdAt,
          updated_at: i.updatedAt,
          closed_at: i.closedAt ?? null,
          author_association: 'MEMBER',
          body: i.body ?? null,
        }));
      return paged(request, url, list);
    }
    return notFound();
  };

  const route = (request: Request): Response => {
    const url = new URL(request.url);
    const key = `${request.method} ${url.pathname}${url.search}`;
    const fault = faults.find(f => f.times > 0 && f.match.test(key));
    if (fault) {
      fault.times -= 1;
      const response = fault.response();
      seen.push({ request: key, status: response.status });
      return response;
    }
    const response = serve(request, url);
    seen.push({ request: key, status: response.status });
    return response;
  };

  return {
    seen,
    handlers: [http.get(`${API}/*`, ({ request }) => route(request))],
  };
}
