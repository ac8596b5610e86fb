import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { makeAiModelFixture } from '@ml-golden-paths/plugin-ml-catalog-common';
import request from 'supertest';
import mlCatalogPlugin from './index';

const MODEL_CARD = '# Fraud scoring model card\n\nScores transactions.\n';
const RUNBOOK = '# Rollback\n\n1. Promote the previous version.\n';

let tmp: string;
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
): Entity {
  const base = makeAiModelFixture();
  return {
    ...base,
    metadata: { name, namespace: 'default', annotations },
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

beforeAll(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mlcb-')));
  root = path.join(tmp, 'local-git', 'checkouts');
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

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const entities = () => [
  model(
    'local-model',
    { modelCard: 'docs/model-card.md', runbook: 'docs/runbooks/rollback.md' },
    fileLocation(checkout),
  ),
  model('no-docs', {}, fileLocation(checkout)),
  model(
    'dotdot',
    { modelCard: '../outside/secret.md' },
    fileLocation(checkout),
  ),
  model('absolute', { modelCard: '/etc/passwd' }, fileLocation(checkout)),
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
  model(
    'github-model',
    {
      modelCard: 'docs/model-card.md',
      runbook: 'https://runbooks.example.com/fraud',
    },
    {
      'backstage.io/source-location':
        'url:https://github.com/acme/fraud-scoring/tree/main/',
    },
  ),
  model('no-location', { modelCard: 'docs/model-card.md' }, {}),
  model(
    'github-root',
    { modelCard: './docs/model-card.md' },
    {
      'backstage.io/source-location':
        'url:https://github.com/acme/fraud-scoring',
    },
  ),
  { ...model('not-a-model', {}, {}), spec: { type: 'database', owner: 'x' } },
];

async function startBackend(options: {
  readUrl?: jest.Mock;
  maxBytes?: number;
  signedIn?: boolean;
}) {
  const all = entities();
  const catalog = catalogServiceMock.mock({
    getEntityByRef: jest.fn(async ref =>
      all.find(
        e =>
          stringifyEntityRef(e) ===
          stringifyEntityRef(ref as Parameters<typeof stringifyEntityRef>[0]),
      ),
    ),
  });
  const urlReader = mockServices.urlReader.mock({
    readUrl: options.readUrl ?? jest.fn(),
  });
  const { server } = await startTestBackend({
    features: [
      mlCatalogPlugin,
      catalog.factory,
      urlReader.factory,
      mockServices.rootConfig.factory({
        data: {
          mlCatalog: {
            documents: { fileRoots: [root], maxBytes: options.maxBytes ?? 100 },
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
  return { server, catalog, urlReader };
}

const url = (name: string, document: string = 'model-card') =>
  `/api/ml-catalog/v1/entities/default/resource/${name}/documents/${document}`;

describe('GET /v1/entities/:namespace/:kind/:name/documents/:document', () => {
  it('reads a relative model card from a checkout inside the allowed root', async () => {
    const { server, catalog } = await startBackend({});
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
  });

  it('reads a relative runbook', async () => {
    const { server } = await startBackend({});
    const res = await request(server).get(url('local-model', 'runbook'));
    expect(res.status).toBe(200);
    expect(res.body.content).toBe(RUNBOOK);
  });

  it.each([
    ['dotdot', /spec\.mlops\.modelCard must be a relative path without "\.\."/],
    ['absolute', /spec\.mlops\.modelCard must be a relative path/],
    ['symlink', /"docs\/linked\.md" points outside the repository/],
    ['outside-root', /outside mlCatalog\.documents\.fileRoots/],
    ['linked-checkout', /outside mlCatalog\.documents\.fileRoots/],
    ['no-location', /neither a url: backstage\.io\/source-location/],
    ['binary', /is not a text document/],
  ])('refuses %s with 422 and no server path', async (name, message) => {
    const { server } = await startBackend({});
    const res = await request(server).get(url(name));
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(message);
    expect(JSON.stringify(res.body)).not.toContain(tmp);
    expect(JSON.stringify(res.body)).not.toContain('TOP SECRET');
  });

  it('answers 413 naming the limit for a document over maxBytes', async () => {
    const { server } = await startBackend({ maxBytes: 100 });
    const res = await request(server).get(url('big'));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe(
      'spec.mlops.modelCard "docs/big.md" is larger than the 100 byte limit',
    );
  });

  it('answers 404 when the entity has no such field', async () => {
    const { server } = await startBackend({});
    const res = await request(server).get(url('no-docs', 'runbook'));
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('The entity has no spec.mlops.runbook');
  });

  it('answers 404 when the file is missing from the checkout', async () => {
    const { server } = await startBackend({});
    const res = await request(server).get(url('missing-file'));
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'spec.mlops.modelCard "docs/nope.md" was not found in the repository',
    );
  });

  it('answers 404 for unknown entities and entities that are not models', async () => {
    const { server } = await startBackend({});
    expect((await request(server).get(url('ghost'))).status).toBe(404);
    const res = await request(server).get(url('not-a-model'));
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/not an ai-model entity/);
  });

  it('reads a relative path against a url: source location through the UrlReader', async () => {
    const readUrl = jest.fn(async () => ({
      buffer: async () => Buffer.from(MODEL_CARD),
    }));
    const { server } = await startBackend({ readUrl, maxBytes: 1000 });
    const res = await request(server).get(url('github-model'));
    expect(res.status).toBe(200);
    expect(readUrl).toHaveBeenCalledWith(
      'https://github.com/acme/fraud-scoring/tree/main/docs/model-card.md',
    );
    expect(res.body).toEqual({
      format: 'markdown',
      content: MODEL_CARD,
      path: 'docs/model-card.md',
      sourceUrl:
        'https://github.com/acme/fraud-scoring/tree/main/docs/model-card.md',
    });
  });

  it('reads a GitHub repository root source location at the default branch', async () => {
    const readUrl = jest.fn(async () => ({
      buffer: async () => Buffer.from(MODEL_CARD),
    }));
    const { server } = await startBackend({ readUrl, maxBytes: 1000 });
    const res = await request(server).get(url('github-root'));
    expect(res.status).toBe(200);
    expect(readUrl).toHaveBeenCalledWith(
      'https://github.com/acme/fraud-scoring/tree/HEAD/docs/model-card.md',
    );
  });

  it('caps streamed URL documents', async () => {
    const readUrl = jest.fn(async () => ({
      buffer: async () => Buffer.alloc(0),
      stream: () => Readable.from([Buffer.alloc(60), Buffer.alloc(60)]),
    }));
    const { server } = await startBackend({ readUrl, maxBytes: 100 });
    const res = await request(server).get(url('github-model'));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/larger than the 100 byte limit/);
  });

  it('answers 422 when the UrlReader does not support the host', async () => {
    const readUrl = jest.fn(async () => {
      throw new NotAllowedError(
        'Reading from https://secret-token@x is not allowed',
      );
    });
    const { server } = await startBackend({ readUrl });
    const res = await request(server).get(url('github-model', 'runbook'));
    expect(res.status).toBe(422);
    expect(readUrl).toHaveBeenCalledWith('https://runbooks.example.com/fraud');
    expect(res.body.error.message).toBe(
      'spec.mlops.runbook (https://runbooks.example.com/fraud) is on a host the backend may not read; configure it under integrations or backend.reading.allow',
    );
  });

  it('answers 404 when the UrlReader finds nothing and 502 without the reader message otherwise', async () => {
    const readUrl = jest
      .fn()
      .mockRejectedValueOnce(new NotFoundError('gone'))
      .mockRejectedValueOnce(new Error('token ghp_secret rejected'));
    const { server } = await startBackend({ readUrl });
    expect((await request(server).get(url('github-model'))).status).toBe(404);
    const res = await request(server).get(url('github-model'));
    expect(res.status).toBe(502);
    expect(res.body.error.message).toBe(
      'spec.mlops.modelCard (https://github.com/acme/fraud-scoring/tree/main/docs/model-card.md) could not be read (Error)',
    );
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
    const { server } = await startBackend({});
    const res = await request(server).get(path_);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      new RegExp(`^Invalid path parameter ${param}: `),
    );
  });
});
