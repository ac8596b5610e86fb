/*
 * mlgp:catalog:register-created-repository in real scaffolder tasks: the
 * action reads the task (its start, its owner and repoUrl answers) through
 * the real scaffolder API with the initiator's credentials, reads
 * catalog-info.yaml through the octokit factory (msw answers for GitHub) and
 * registers it with the scaffolder's own credentials in the real catalog,
 * which then reads the file through its GitHub URL reader. This backend
 * allows every permission, so a repository the task did not create goes
 * through under the override, and the task log says so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import yaml from 'yaml';
import {
  API,
  CANARY_TOKEN,
  contentsFileBody,
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

const OWNER = 'group:default/mlgp-selftest-approvers';

const PROBE_TEMPLATE: Entity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'mlgp-register-probe', namespace: 'default' },
  spec: {
    owner: 'group:default/ml-platform',
    type: 'test',
    parameters: [
      {
        required: ['repoUrl', 'owner'],
        properties: {
          repoUrl: { type: 'string' },
          owner: { type: 'string' },
        },
      },
    ],
    steps: [
      {
        id: 'register',
        name: 'Register',
        action: 'mlgp:catalog:register-created-repository',
        input: {
          repoContentsUrl:
            'https://github.com/acme/${{ (parameters.repoUrl | parseRepoUrl).repo }}/blob/main',
          catalogInfoPath: '/catalog-info.yaml',
        },
      },
    ],
    output: { entityRef: '${{ steps.register.output.entityRef }}' },
  },
};

/** The catalog-info.yaml of repository `repo`: one component owned by `owner`. */
function catalogInfo(repo: string, owner: string) {
  return yaml.stringify({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: repo },
    spec: { type: 'service', lifecycle: 'experimental', owner },
  });
}

describe('mlgp:catalog:register-created-repository in a real scaffolder task', () => {
  const github = setupServer();
  const recorded: RecordedRequest[] = [];
  let workDir: string;
  let backend: GoldenPathBackend;
  let owners: Record<string, string>;

  beforeAll(async () => {
    github.listen({ onUnhandledRequest: 'bypass' });
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlgp-register-'));
    backend = await startGoldenPathBackend(workDir, {
      extraEntities: [PROBE_TEMPLATE],
    });
    await waitForCatalogEntity(backend, {
      kind: 'template',
      name: 'mlgp-register-probe',
    });
  }, 120_000);

  beforeEach(() => {
    recorded.length = 0;
    owners = {};
    github.resetHandlers(
      // a repository somebody created long before any task
      http.get(`${API}/repos/acme/old-repo`, () =>
        HttpResponse.json(repoBody('acme', 'old-repo', '2024-03-14T09:26:53Z')),
      ),
      // the action asks for JSON, the catalog's URL reader for the raw file
      http.get(
        `${API}/repos/:owner/:repo/contents/catalog-info.yaml`,
        ({ request, params }) => {
          const repo = String(params.repo);
          const text = catalogInfo(repo, owners[repo] ?? OWNER);
          if (request.headers.get('accept')?.includes('raw')) {
            return new HttpResponse(text, {
              headers: { 'content-type': 'text/plain; charset=utf-8' },
            });
          }
          return HttpResponse.json(
            contentsFileBody('acme', repo, 'catalog-info.yaml', 'main', text),
          );
        },
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

  it('registers the repository created during the task; the catalog reads it', async () => {
    const task = await runTask(
      backend,
      'template:default/mlgp-register-probe',
      {
        repoUrl: 'github.com?owner=acme&repo=fresh-model',
        owner: OWNER,
      },
    );
    expect({ status: task.status, log: messages(task) }).toMatchObject({
      status: 'completed',
    });
    expect(messages(task)).toContain(
      'Registered https://github.com/acme/fresh-model/blob/main/catalog-info.yaml in the catalog (component:default/fresh-model)',
    );
    expect(messages(task)).not.toContain('guardrails.override');
    const entity = await waitForCatalogEntity(backend, {
      kind: 'component',
      name: 'fresh-model',
    });
    expect(entity.spec?.owner).toBe(OWNER);
    expect(JSON.stringify(task.events)).not.toContain(CANARY_TOKEN);
  });

  it("refuses entities owned by another group than the task's owner answer (here overridden, as this backend allows everything)", async () => {
    owners['other-owner'] = 'group:default/someone-else';
    const task = await runTask(
      backend,
      'template:default/mlgp-register-probe',
      {
        repoUrl: 'github.com?owner=acme&repo=other-owner',
        owner: OWNER,
      },
    );
    expect(task.status).toBe('completed');
    expect(messages(task)).toContain(
      "under 'ml-golden-paths.guardrails.override' despite: component:default/other-owner in catalog-info.yaml of acme/other-owner is owned by group:default/someone-else, not by the task's owner group:default/mlgp-selftest-approvers",
    );
  });

  it('needs the override permission for a repository older than the task', async () => {
    const task = await runTask(
      backend,
      'template:default/mlgp-register-probe',
      {
        repoUrl: 'github.com?owner=acme&repo=old-repo',
        owner: OWNER,
      },
    );
    expect(task.status).toBe('completed');
    expect(messages(task)).toMatch(
      /under 'ml-golden-paths\.guardrails\.override' despite: acme\/old-repo was created at 2024-03-14T09:26:53\.000Z, before this task started/,
    );
  });
});
