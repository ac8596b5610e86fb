import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { makeAiModelFixture } from '@ml-golden-paths/plugin-ml-catalog-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import mlCatalogPlugin from './index';

const MODEL_CARD = '# Fraud scoring model card\n\nScores transactions.\n';
const RUNBOOK = '# Rollback\n\n1. Promote the previous version.\n';
const GITHUB_TOKEN = 'ghp_documentsTestToken000000000000000000';

let tmp: string;
let localGitRoot: string;
let root: string;
let checkout: string;

function writeFile(file: string, content: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function model(
  name: string,
  mlops: Record<string, unknown>,
  annotations: Record<string, string>,
  etag = 'etag-1',
): Entity {
  const base = makeAiModelFixture();
  return {
    ...base,
    metadata: { name, namespace: 'default', annotations, etag },
    spec: {
      ...base.spec,
      mlops: {
        ...(base.spec!.mlops as object),
        modelCard: undefined,
        runbook: undefined,
        ...mlops,
      },
    },
  };
}

const fileLocation = (dir: string) => ({
  'backstage.io/managed-by-location': `file:${path.join(
    dir,
    'catalog-info.yaml',
  )}`,
});

/** As the catalog annotates an entity read from GitHub. */
const githubLocation = (source?: string) => ({
  'backstage.io/managed-by-location':
    'url:https://github.com/acme/fraud-scoring/blob/main/catalog-info.yaml',
  'backstage.io/source-location':
    source ?? 'url:https://github.com/acme/fraud-scoring/tree/main/',
});

// GitHub's contents API, as the GitHub UrlReader calls it with a token.
const github = {
  requests: [] as Request[],
  files: new Map<string, string>([
    ['acme/fraud-scoring/main/docs/model-card.md', MODEL_CARD],
    ['acme/fraud-scoring/HEAD/docs/model-card.md', MODEL_CARD],
    ['acme/fraud-scoring/main/docs/runbooks/rollback.md', RUNBOOK],
    ['acme/fraud-scoring/main/docs/big.md', 'x'.repeat(5000)],
    ['acme/payroll/main/salaries.md', 'SALARIES'],
  ]),
};
const mswServer = setupServer(
  http.get(
    'https://api.github.com/repos/:owner/:repo/contents/*',
    ({ request: req, params }) => {
      github.requests.push(req);
      const url = new URL(req.url);
      const file = decodeURIComponent(
        url.pathname.split('/contents/')[1] ?? '',
      );
      // GitHub compares owner and repository names case-insensitively.
      const key = `${String(params.owner).toLowerCase()}/${String(
        params.repo,
      ).toLowerCase()}/${url.searchParams.get('ref')}/${file}`;
      const content = github.files.get(key);
      if (req.headers.get('authorization') !== `Bearer ${GITHUB_TOKEN}`) {
        return HttpResponse.json(
          { message: 'Bad credentials' },
          { status: 401 },
        );
      }
      if (content === undefined) {
        return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
      }
      const etag = `"${Buffer.from(key).toString('base64')}"`;
      if (req.headers.get('if-none-match') === etag) {
        return new HttpResponse(null, { status: 304, headers: { ETag: etag } });
      }
      return new HttpResponse(content, { headers: { ETag: etag } });
    },
  ),
);

beforeAll(() => {
  mswServer.listen({
    onUnhandledRequest(req, print) {
      // supertest talks to the backend on loopback; everything else must be
      // one of the handlers above, so no test reaches a real host.
      if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(req.url)) {
        print.error();
      }
    },
  });
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mlcb-')));
  localGitRoot = path.join(tmp, 'local-git');
  root = path.join(localGitRoot, 'checkouts');
  checkout = path.join(root, 'fraud-scoring');
  writeFile(path.join(checkout, 'catalog-info.yaml'), 'kind: Resource\n');
  writeFile(path.join(checkout, 'docs', 'model-card.md'), MODEL_CARD);
  writeFile(path.join(checkout, 'docs', 'runbooks', 'rollback.md'), RUNBOOK);
  writeFile(path.join(checkout, 'docs', 'big.md'), 'x'.repeat(200));
  writeFile(path.join(checkout, 'docs', 'binary.md'), 'a\u0000b');
  writeFile(path.join(tmp, 'outside', 'secret.md'), 'TOP SECRET');
  writeFile(path.join(tmp, 'outside', 'repo', 'docs', 'model-card.md'), 'x');
  fs.symlinkSync(
    path.join(tmp, 'outside', 'secret.md'),
    path.join(checkout, 'docs', 'linked.md'),
  );
  fs.symlinkSync(path.join(tmp, 'outside', 'repo'), path.join(root, 'linked'));
});

afterEach(() => {
  mswServer.resetHandlers();
  github.requests = [];
});

afterAll(() => {
  mswServer.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const TRAVERSALS: Array<[string, RegExp]> = [
  ['../outside/secret.md', /must not contain a "\.\." segment/],
  ['%2e%2e/outside/secret.md', /must not contain a "\.\." segment/],
  ['docs/%2E./%2e%2E/outside/secret.md', /must not contain a "\.\." segment/],
  ['docs/.%2e/.%2E/outside/secret.md', /must not contain a "\.\." segment/],
  ['docs/%252e%252e/%252e%252e/x.md', /must not contain a "\.\." segment/],
  ['docs/%25252e%25252e/x.md', /must not contain a "\.\." segment/],
  ['docs%2F..%2F..%2Fx.md', /must not contain a "\.\." segment/],
  ['docs\\..\\..\\x.md', /must not contain a backslash/],
  ['docs/%5c..%5cx.md', /must not contain a backslash/],
  ['docs/model-card.md%00.png', /must not contain a control character/],
  ['docs/model-card.md\u0000', /must not contain a control character/],
  ['/etc/passwd', /must be a path relative to the repository/],
  ['%2Fetc%2Fpasswd', /must be a relative path inside the repository/],
  ['docs/%zz.md', /malformed or deeply nested percent-encoding/],
];

const SSRF_URLS: Array<[string, string, RegExp]> = [
  [
    'another repository',
    'https://github.com/acme/payroll/blob/main/salaries.md',
    /outside the entity's repository github\.com\/acme\/fraud-scoring/,
  ],
  [
    'a repository sharing the prefix',
    'https://github.com/acme/fraud-scoring-private/blob/main/docs/model-card.md',
    /outside the entity's repository/,
  ],
  [
    'another host',
    'https://evil.example.com/acme/fraud-scoring/blob/main/docs/model-card.md',
    /outside the entity's repository/,
  ],
  [
    'an internal address',
    'http://169.254.169.254/latest/meta-data/iam',
    /outside the entity's repository/,
  ],
  [
    'a loopback address',
    'http://127.0.0.1:7007/api/catalog/entities',
    /outside the entity's repository/,
  ],
  [
    'encoded dot segments escaping the repository',
    'https://github.com/acme/fraud-scoring/blob/main/%2e%2e/%2e%2e/payroll/blob/main/salaries.md',
    /must not contain a "\.\." segment/,
  ],
  [
    'double-encoded dot segments',
    'https://github.com/acme/fraud-scoring/blob/main/%252e%252e/x.md',
    /must not contain a "\.\." segment/,
  ],
  [
    'a backslash',
    'https://github.com/acme/fraud-scoring\\..\\payroll/blob/main/salaries.md',
    /must not contain a backslash/,
  ],
  [
    'credentials pointing at another host',
    'https://github.com@evil.example.com/acme/fraud-scoring/blob/main/x.md',
    /must not contain credentials/,
  ],
];

const entities = (etag = 'etag-1') => [
  model(
    'local-model',
    { modelCard: 'docs/model-card.md', runbook: 'docs/runbooks/rollback.md' },
    fileLocation(checkout),
  ),
  model('no-docs', {}, fileLocation(checkout)),
  model('symlink', { modelCard: 'docs/linked.md' }, fileLocation(checkout)),
  model('missing-file', { modelCard: 'docs/nope.md' }, fileLocation(checkout)),
  model('big', { modelCard: 'docs/big.md' }, fileLocation(checkout)),
  model('binary', { modelCard: 'docs/binary.md' }, fileLocation(checkout)),
  model(
    'outside-root',
    { modelCard: 'docs/model-card.md' },
    fileLocation(path.join(tmp, 'outside', 'repo')),
  ),
  model(
    'linked-checkout',
    { modelCard: 'docs/model-card.md' },
    fileLocation(path.join(root, 'linked')),
  ),
  ...TRAVERSALS.map(([value], i) =>
    model(`traversal-${i}`, { modelCard: value }, fileLocation(checkout)),
  ),
  ...TRAVERSALS.map(([value], i) =>
    model(`traversal-url-${i}`, { modelCard: value }, githubLocation()),
  ),
  ...SSRF_URLS.map(([, value], i) =>
    model(`ssrf-${i}`, { modelCard: value }, githubLocation()),
  ),
  model(
    'github-model',
    {
      modelCard: 'docs/model-card.md',
      runbook:
        'https://GitHub.com/ACME/Fraud-Scoring/blob/main/docs/runbooks/rollback.md',
    },
    githubLocation(),
    etag,
  ),
  model(
    'github-root',
    { modelCard: './docs/model-card.md' },
    githubLocation('url:https://github.com/acme/fraud-scoring'),
  ),
  model('github-missing', { modelCard: 'docs/nope.md' }, githubLocation()),
  model('github-big', { modelCard: 'docs/big.md' }, githubLocation()),
  model(
    'foreign-source',
    { modelCard: 'salaries.md' },
    githubLocation('url:https://github.com/acme/payroll/tree/main/'),
  ),
  model(
    'file-with-github-source',
    { modelCard: 'docs/model-card.md' },
    {
      ...fileLocation(checkout),
      'backstage.io/source-location':
        'url:https://github.com/acme/fraud-scoring/tree/main/',
    },
  ),
  model(
    'file-with-unconfigured-host',
    { modelCard: 'docs/model-card.md' },
    {
      ...fileLocation(checkout),
      'backstage.io/source-location':
        'url:https://git.internal.example.com/acme/fraud-scoring/',
    },
  ),
  model(
    'file-with-url',
    { modelCard: 'https://github.com/acme/fraud-scoring/blob/main/x.md' },
    fileLocation(checkout),
  ),
  model('no-location', { modelCard: 'docs/model-card.md' }, {}),
  model('hidden', { modelCard: 'docs/model-card.md' }, githubLocation()),
  model('forbidden', { modelCard: 'docs/model-card.md' }, githubLocation()),
  { ...model('not-a-model', {}, {}), spec: { type: 'database', owner: 'x' } },
];

async function startBackend(
  options: {
    maxBytes?: number;
    cacheSeconds?: number;
    signedIn?: boolean;
    etag?: () => string;
    /** Leave mlGoldenPaths.localGit.root unset (the default root). */
    defaultLocalGitRoot?: boolean;
    extraEntities?: Entity[];
  } = {},
) {
  const catalog = catalogServiceMock.mock({
    getEntityByRef: jest.fn(async (ref, opts) => {
      const wanted = stringifyEntityRef(
        ref as Parameters<typeof stringifyEntityRef>[0],
      );
      // The catalog answers with the caller's view: `hidden` is not visible
      // to the caller, `forbidden` is refused by the permission framework.
      if (wanted === 'resource:default/hidden') return undefined;
      if (wanted === 'resource:default/forbidden') {
        throw new NotAllowedError('catalog.entity.read denied');
      }
      expect(opts).toEqual({ credentials: mockCredentials.user() });
      return [
        ...entities(options.etag?.()),
        ...(options.extraEntities ?? []),
      ].find(e => stringifyEntityRef(e) === wanted);
    }),
  });
  const { server } = await startTestBackend({
    features: [
      mlCatalogPlugin,
      catalog.factory,
      mockServices.rootConfig.factory({
        data: {
          // No mlCatalog.documents.fileRoots: the documents backend reads the
          // checkouts under the root the local git destination uses.
          ...(options.defaultLocalGitRoot
            ? {}
            : { mlGoldenPaths: { localGit: { root: localGitRoot } } }),
          mlCatalog: {
            documents: {
              maxBytes: options.maxBytes ?? 100,
              cacheSeconds: options.cacheSeconds ?? 60,
            },
          },
          integrations: {
            github: [{ host: 'github.com', token: GITHUB_TOKEN }],
          },
        },
      }),
      mockServices.httpAuth.factory(
        options.signedIn === false
          ? { defaultCredentials: mockCredentials.none() }
          : {},
      ),
    ],
  });
  return { server, catalog };
}

const url = (name: string, document: string = 'model-card') =>
  `/api/ml-catalog/v1/entities/default/resource/${name}/documents/${document}`;

describe('GET /v1/entities/:namespace/:kind/:name/documents/:document', () => {
  it('reads a relative model card from a checkout under mlGoldenPaths.localGit.root', async () => {
    const { server, catalog } = await startBackend();
    const res = await request(server).get(url('local-model'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      format: 'markdown',
      content: MODEL_CARD,
      path: 'docs/model-card.md',
    });
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      { kind: 'resource', namespace: 'default', name: 'local-model' },
      { credentials: mockCredentials.user() },
    );
    const runbook = await request(server).get(url('local-model', 'runbook'));
    expect(runbook.status).toBe(200);
    expect(runbook.body.content).toBe(RUNBOOK);
  });

  it('reads a model the local git destination created with default config (root .local-git under the working directory)', async () => {
    const created = path.join(tmp, '.local-git', 'checkouts', 'created-model');
    writeFile(path.join(created, 'catalog-info.yaml'), 'kind: Resource\n');
    writeFile(path.join(created, 'docs', 'model-card.md'), MODEL_CARD);
    const cwd = process.cwd();
    process.chdir(tmp);
    try {
      const { server } = await startBackend({
        defaultLocalGitRoot: true,
        extraEntities: [
          model(
            'created-model',
            { modelCard: 'docs/model-card.md' },
            fileLocation(created),
          ),
        ],
      });
      const res = await request(server).get(url('created-model'));
      expect(res.status).toBe(200);
      expect(res.body.content).toBe(MODEL_CARD);
      // The root the other tests configure is not allowed by default.
      expect((await request(server).get(url('local-model'))).status).toBe(422);
    } finally {
      process.chdir(cwd);
    }
  });

  it.each(
    TRAVERSALS.map(([value, message], i) => [value, i, message] as const),
  )(
    'refuses the relative path %j with 400 naming the field, locally and on GitHub',
    async (_value, i, message) => {
      const { server } = await startBackend();
      for (const name of [`traversal-${i}`, `traversal-url-${i}`]) {
        const res = await request(server).get(url(name));
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/^spec\.mlops\.modelCard /);
        expect(res.body.error.message).toMatch(message);
        expect(JSON.stringify(res.body)).not.toContain(tmp);
        expect(JSON.stringify(res.body)).not.toContain('TOP SECRET');
      }
      expect(github.requests).toHaveLength(0);
    },
  );

  it.each(SSRF_URLS.map(([what, , message], i) => [what, i, message] as const))(
    'refuses a URL to %s with 400 naming the field and never calls GitHub',
    async (_what, i, message) => {
      const { server } = await startBackend();
      const res = await request(server).get(url(`ssrf-${i}`));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^spec\.mlops\.modelCard /);
      expect(res.body.error.message).toMatch(message);
      expect(JSON.stringify(res.body)).not.toContain(GITHUB_TOKEN);
      expect(github.requests).toHaveLength(0);
    },
  );

  it('refuses a source location in another repository than the entity was registered from', async () => {
    const { server } = await startBackend();
    const res = await request(server).get(url('foreign-source'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      "spec.mlops.modelCard (https://github.com/acme/payroll/tree/main/salaries.md) is outside the entity's repository github.com/acme/fraud-scoring (the repository it was registered from); only documents in that repository are read",
    );
    expect(github.requests).toHaveLength(0);
  });

  it('reads no URL for an entity registered from a file location without a url: source location', async () => {
    const { server } = await startBackend();
    const res = await request(server).get(url('file-with-url'));
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(
      /is a URL, but the entity was not registered from a repository location/,
    );
    expect(github.requests).toHaveLength(0);
  });

  it.each([
    ['symlink', /"docs\/linked\.md" points outside the repository/],
    ['outside-root', /outside mlCatalog\.documents\.fileRoots/],
    ['linked-checkout', /outside mlCatalog\.documents\.fileRoots/],
    ['no-location', /neither a url: backstage\.io\/source-location/],
    ['binary', /is not a text document/],
    ['file-with-unconfigured-host', /is on a host the backend may not read/],
  ])('refuses %s with 422 and no server path', async (name, message) => {
    const { server } = await startBackend();
    const res = await request(server).get(url(name));
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(message);
    expect(JSON.stringify(res.body)).not.toContain(tmp);
    expect(JSON.stringify(res.body)).not.toContain('TOP SECRET');
  });

  it('reads documents in the entity repository from GitHub with the integration token, whatever the URL spelling', async () => {
    const { server } = await startBackend({ maxBytes: 1000 });
    const card = await request(server).get(url('github-model'));
    expect(card.status).toBe(200);
    expect(card.body).toEqual({
      format: 'markdown',
      content: MODEL_CARD,
      path: 'docs/model-card.md',
      sourceUrl:
        'https://github.com/acme/fraud-scoring/tree/main/docs/model-card.md',
    });
    const runbook = await request(server).get(url('github-model', 'runbook'));
    expect(runbook.status).toBe(200);
    expect(runbook.body.content).toBe(RUNBOOK);
    expect(github.requests.map(r => new URL(r.url).pathname)).toEqual([
      '/repos/acme/fraud-scoring/contents/docs/model-card.md',
      '/repos/ACME/Fraud-Scoring/contents/docs/runbooks/rollback.md',
    ]);
  });

  it('reads a GitHub repository root source location at the default branch', async () => {
    const { server } = await startBackend({ maxBytes: 1000 });
    const res = await request(server).get(url('github-root'));
    expect(res.status).toBe(200);
    expect(new URL(github.requests[0].url).searchParams.get('ref')).toBe(
      'HEAD',
    );
  });

  it('reads a file-location entity through its url: source location (the demo catalog)', async () => {
    const { server } = await startBackend({ maxBytes: 1000 });
    const res = await request(server).get(url('file-with-github-source'));
    expect(res.status).toBe(200);
    expect(res.body.content).toBe(MODEL_CARD);
    expect(github.requests).toHaveLength(1);
  });

  it('serves repeated page views from the cache: one GitHub request for ten reads', async () => {
    const { server } = await startBackend({ maxBytes: 1000 });
    for (let i = 0; i < 10; i++) {
      const res = await request(server).get(url('github-model'));
      expect(res.status).toBe(200);
      expect(res.body.content).toBe(MODEL_CARD);
    }
    expect(github.requests).toHaveLength(1);
    // "Not found" is cached as well, so a broken link cannot drain the limit.
    for (let i = 0; i < 5; i++) {
      expect((await request(server).get(url('github-missing'))).status).toBe(
        404,
      );
    }
    expect(github.requests).toHaveLength(2);
  });

  it('asks GitHub again when caching is off', async () => {
    const { server } = await startBackend({ maxBytes: 1000, cacheSeconds: 0 });
    await request(server).get(url('github-model'));
    await request(server).get(url('github-model'));
    expect(github.requests).toHaveLength(2);
  });

  it('reads again when the entity changes (new etag)', async () => {
    let etag = 'etag-1';
    const { server } = await startBackend({ maxBytes: 1000, etag: () => etag });
    await request(server).get(url('github-model'));
    await request(server).get(url('github-model'));
    etag = 'etag-2';
    await request(server).get(url('github-model'));
    expect(github.requests).toHaveLength(2);
  });

  it('revalidates a stale entry with a conditional request after the fresh period', async () => {
    const { server } = await startBackend({ maxBytes: 1000 });
    expect((await request(server).get(url('github-model'))).status).toBe(200);
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    try {
      const res = await request(server).get(url('github-model'));
      expect(res.status).toBe(200);
      expect(res.body.content).toBe(MODEL_CARD);
    } finally {
      clock.mockRestore();
    }
    expect(github.requests).toHaveLength(2);
    expect(github.requests[0].headers.get('if-none-match')).toBeNull();
    expect(github.requests[1].headers.get('if-none-match')).toMatch(/^"/);
  });

  it('answers 413 naming the limit, for checkouts and for GitHub', async () => {
    const { server } = await startBackend({ maxBytes: 100 });
    const res = await request(server).get(url('big'));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe(
      'spec.mlops.modelCard "docs/big.md" is larger than the 100 byte limit',
    );
    const remote = await request(server).get(url('github-big'));
    expect(remote.status).toBe(413);
    expect(remote.body.error.message).toMatch(/larger than the 100 byte limit/);
  });

  it('answers 404 when the entity has no such field or the file is missing', async () => {
    const { server } = await startBackend();
    const res = await request(server).get(url('no-docs', 'runbook'));
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('The entity has no spec.mlops.runbook');
    const missing = await request(server).get(url('missing-file'));
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      'spec.mlops.modelCard "docs/nope.md" was not found in the repository',
    );
  });

  it('answers 404 for unknown, invisible and non-model entities and 403 when the catalog refuses, without reading anything', async () => {
    const { server } = await startBackend();
    expect((await request(server).get(url('ghost'))).status).toBe(404);
    expect((await request(server).get(url('hidden'))).status).toBe(404);
    expect((await request(server).get(url('forbidden'))).status).toBe(403);
    const res = await request(server).get(url('not-a-model'));
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/not an ai-model entity/);
    expect(github.requests).toHaveLength(0);
  });

  it('answers 502 without the reader message when GitHub fails', async () => {
    mswServer.use(
      http.get('https://api.github.com/repos/:owner/:repo/contents/*', () =>
        HttpResponse.json(
          { message: `token ${GITHUB_TOKEN} is broken` },
          { status: 500 },
        ),
      ),
    );
    const { server } = await startBackend();
    const res = await request(server).get(url('github-model'));
    expect(res.status).toBe(502);
    expect(res.body.error.message).toMatch(
      /^spec\.mlops\.modelCard \(https:\/\/github\.com\/acme\/fraud-scoring\/tree\/main\/docs\/model-card\.md\) could not be read \(\w+\)$/,
    );
    expect(JSON.stringify(res.body)).not.toContain(GITHUB_TOKEN);
  });

  it('answers 401 without credentials', async () => {
    const { server } = await startBackend({ signedIn: false });
    const res = await request(server).get(url('local-model'));
    expect(res.status).toBe(401);
  });

  it.each([
    ['document', url('local-model', 'secrets')],
    [
      'kind',
      '/api/ml-catalog/v1/entities/default/re$ource/x/documents/runbook',
    ],
    [
      'name',
      '/api/ml-catalog/v1/entities/default/resource/..%2F..%2Fetc/documents/runbook',
    ],
  ])('answers 400 naming a bad %s parameter', async (param, path_) => {
    const { server } = await startBackend();
    const res = await request(server).get(path_);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      new RegExp(`^Invalid path parameter ${param}: `),
    );
  });
});
