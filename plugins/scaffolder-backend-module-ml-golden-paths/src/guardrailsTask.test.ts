/*
 * The guardrails' "did this task create the repository?" check in real
 * scaffolder tasks: the action reads the task's start through the real
 * scaffolder API with the initiator's credentials and compares it with
 * GitHub's created_at (msw answers for GitHub). This backend allows every
 * permission, so a foreign repository goes through under the override
 * permission, and the task log says so; a repository created during the task
 * needs no override.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  API,
  CANARY_TOKEN,
  githubHandlers,
  RecordedRequest,
  repoBody,
} from './__testUtils__/githubFixtures';
import {
  GoldenPathBackend,
  runTask,
  startGoldenPathBackend,
  waitForCatalogEntity,
} from './__testUtils__/goldenPathBackend';

jest.setTimeout(120_000);

const PROBE_TEMPLATE: Entity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'mlgp-guardrails-probe', namespace: 'default' },
  spec: {
    owner: 'group:default/ml-platform',
    type: 'test',
    parameters: [
      {
        required: ['repoUrl'],
        properties: { repoUrl: { type: 'string' } },
      },
    ],
    steps: [
      {
        id: 'guardrails',
        name: 'Guardrails',
        action: 'mlgp:github:guardrails',
        input: {
          repoUrl: '${{ parameters.repoUrl }}',
          requiredChecks: ['test'],
          productionReviewers: 'group:default/risk-ml-oncall',
        },
      },
    ],
  },
};

describe('guardrails in a real scaffolder task', () => {
  const github = setupServer();
  const recorded: RecordedRequest[] = [];
  let workDir: string;
  let backend: GoldenPathBackend;

  beforeAll(async () => {
    github.listen({ onUnhandledRequest: 'bypass' });
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlgp-guardrails-'));
    backend = await startGoldenPathBackend(workDir, {
      extraEntities: [PROBE_TEMPLATE],
    });
    await waitForCatalogEntity(backend, {
      kind: 'template',
      name: 'mlgp-guardrails-probe',
    });
    await waitForCatalogEntity(backend, {
      kind: 'group',
      name: 'risk-ml-oncall',
    });
  }, 120_000);

  beforeEach(() => {
    recorded.length = 0;
    github.resetHandlers(
      // a repository somebody created long before any task
      http.get(`${API}/repos/acme/old-repo`, () =>
        HttpResponse.json(repoBody('acme', 'old-repo', '2024-03-14T09:26:53Z')),
      ),
      ...githubHandlers(recorded),
    );
  });

  afterAll(async () => {
    github.close();
    await backend?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  function messages(task: { events: Array<{ body: any }> }): string {
    return task.events
      .map(event => event.body?.message ?? event.body?.error?.message ?? '')
      .join('\n');
  }

  it('applies the guardrails to a repository created during the task without any override', async () => {
    const task = await runTask(
      backend,
      'template:default/mlgp-guardrails-probe',
      { repoUrl: 'github.com?owner=acme&repo=fresh-repo' },
    );
    expect({ status: task.status, log: messages(task) }).toMatchObject({
      status: 'completed',
    });
    expect(messages(task)).not.toContain('guardrails.override');
    expect(
      recorded.some(
        r =>
          r.method === 'PUT' &&
          r.path === '/repos/acme/fresh-repo/branches/main/protection',
      ),
    ).toBe(true);
    expect(JSON.stringify(task.events)).not.toContain(CANARY_TOKEN);
  });

  it('needs the override permission for a repository older than the task', async () => {
    const task = await runTask(
      backend,
      'template:default/mlgp-guardrails-probe',
      { repoUrl: 'github.com?owner=acme&repo=old-repo' },
    );
    expect(task.status).toBe('completed');
    expect(messages(task)).toMatch(
      /under 'ml-golden-paths\.guardrails\.override' despite: acme\/old-repo was created at 2024-03-14T09:26:53\.000Z, before this task started \(\d{4}-\d\d-\d\dT/,
    );
  });
});
