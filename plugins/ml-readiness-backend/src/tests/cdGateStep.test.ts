/*
 * The readiness gate step that the golden paths generate into their CD
 * workflow, run with bash against a running readiness backend: the step is
 * taken from a freshly rendered repository (templates/scripts/render.cjs, the
 * scaffolder's own fetch:template), never copied into this test.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { httpRouterServiceFactory } from '@backstage/backend-defaults/httpRouter';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { readinessCollectorsExtensionPoint } from '@ml-golden-paths/plugin-ml-readiness-node';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { mlReadinessPlugin } from '../plugin';
import { createFixtureCollector } from '../__testUtils__/fixtureCollector';

jest.setTimeout(120_000);

const execFileAsync = promisify(execFile);

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const TEMPLATE = 'online-inference';
/** The static token CI holds: may ask the gate and nothing else. */
const GATE_TOKEN = 'ci-gate-token-for-the-readiness-tests-0123456789';
/** An unrestricted static token the test itself uses to trigger a refresh. */
const ADMIN_TOKEN = 'test-admin-token-for-the-readiness-tests-0123456789';

type Step = { name?: string; run?: string; env?: Record<string, string> };

type RenderedGateStep = {
  /** Workflow-level env after rendering (ENTITY_REF is a literal). */
  workflowEnv: Record<string, string>;
  step: Step;
  entity: Entity;
};

async function renderGateStep(outDir: string): Promise<RenderedGateStep> {
  await execFileAsync(
    process.execPath,
    [
      path.join(REPO_ROOT, 'templates', 'scripts', 'render.cjs'),
      '--template',
      TEMPLATE,
      '--destination',
      'local',
      '--out',
      outDir,
    ],
    { cwd: REPO_ROOT, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 },
  );
  const repo = path.join(outDir, TEMPLATE);
  const workflow = parseYaml(
    fs.readFileSync(path.join(repo, '.github', 'workflows', 'cd.yaml'), 'utf8'),
  );
  const steps: Step[] = Object.values<any>(workflow.jobs).flatMap(
    job => job.steps ?? [],
  );
  const gateSteps = steps.filter(s =>
    s.run?.includes('/api/ml-readiness/gate'),
  );
  expect(gateSteps).toHaveLength(1);
  const entity = parseAllDocuments(
    fs.readFileSync(path.join(repo, 'catalog-info.yaml'), 'utf8'),
  )
    .map(d => d.toJS() as Entity)
    .find(e => e.kind === 'Resource' && e.spec?.type === 'ai-model');
  if (!entity) {
    throw new Error('the rendered catalog-info.yaml has no ai-model Resource');
  }
  return { workflowEnv: workflow.env, step: gateSteps[0], entity };
}

/** Runs a step's script the way GitHub Actions runs `run:` on ubuntu. */
async function runStep(
  script: string,
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number; output: string }> {
  const file = path.join(cwd, 'step.sh');
  fs.writeFileSync(file, script);
  try {
    const { stdout, stderr } = await execFileAsync(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', file],
      { cwd, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error: any) {
    if (typeof error.code !== 'number') {
      throw error;
    }
    return { code: error.code, output: `${error.stdout}${error.stderr}` };
  }
}

describe('the generated CD readiness gate step', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-gate-step-'));
  const overrides = new Map<string, string[]>();
  let rendered: RenderedGateStep;
  let baseUrl: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    rendered = await renderGateStep(path.join(workDir, 'out'));
    const model: Entity = {
      ...rendered.entity,
      spec: {
        ...rendered.entity.spec,
        // What the CD approval and registration steps record on the entity.
        mlops: {
          ...(rendered.entity.spec as any).mlops,
          versions: [{ version: '7', stage: 'production' }],
        },
      },
    };
    const owner = String(model.spec?.owner);
    const entities: Entity[] = [
      model,
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: owner.split('/')[1], namespace: 'default' },
        spec: { type: 'team', children: [] },
      },
    ];

    backend = await startTestBackend({
      features: [
        mlReadinessPlugin,
        createBackendModule({
          pluginId: 'ml-readiness',
          moduleId: 'fixture-collector',
          register(env) {
            env.registerInit({
              deps: { collectors: readinessCollectorsExtensionPoint },
              async init({ collectors }) {
                collectors.addCollector(createFixtureCollector(overrides));
              },
            });
          },
        }),
        // Real auth: the static tokens below are checked as in production.
        authServiceFactory,
        httpAuthServiceFactory,
        httpRouterServiceFactory,
        permissionsServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: {
                      token: GATE_TOKEN,
                      subject: 'ci-readiness-gate',
                    },
                    accessRestrictions: [
                      {
                        plugin: 'ml-readiness',
                        permission: 'ml-readiness.gate.evaluate',
                      },
                    ],
                  },
                  {
                    type: 'static',
                    options: { token: ADMIN_TOKEN, subject: 'test-admin' },
                  },
                ],
              },
            },
          },
        }),
        catalogServiceMock.factory({ entities }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
      ],
    });
    const address = backend.server.address();
    if (!address || typeof address === 'string') {
      throw new Error('the test backend is not listening on a TCP port');
    }
    baseUrl = `http://localhost:${address.port}`;
  });

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  const entityRef = () => rendered.workflowEnv.ENTITY_REF;

  async function refresh() {
    const [, name] = entityRef().split('/');
    const res = await fetch(
      `${baseUrl}/api/ml-readiness/scorecards/default/${name}/refresh`,
      { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } },
    );
    expect(res.status).toBe(200);
  }

  /** The step's env as the workflow sets it, with repository vars/secrets. */
  function stepEnv(version: string, token = GATE_TOKEN) {
    const env: Record<string, string> = {
      ENTITY_REF: entityRef(),
      BACKSTAGE_URL: baseUrl,
      BACKSTAGE_TOKEN: token,
      VERSION: version,
    };
    // Every variable the step reads is one the workflow provides.
    expect(Object.keys(rendered.step.env ?? {}).sort()).toEqual([
      'BACKSTAGE_TOKEN',
      'BACKSTAGE_URL',
      'VERSION',
    ]);
    expect(rendered.workflowEnv.ENTITY_REF).toMatch(/^resource:default\//);
    return env;
  }

  it('is rendered with the model of the generated repository', () => {
    expect(entityRef()).toBe(
      `resource:default/${rendered.entity.metadata.name}`,
    );
    expect(rendered.step.run).toContain(
      '${BACKSTAGE_URL}/api/ml-readiness/gate',
    );
  });

  it('exits 0 when the gate allows the version', async () => {
    await refresh();
    const result = await runStep(
      rendered.step.run!,
      stepEnv('7'),
      fs.mkdtempSync(path.join(workDir, 'run-')),
    );
    expect(result.output).toContain('"allowed":true');
    expect(result.output).toContain(
      `allowed: ${entityRef()} version 7 at gold (required gold)`,
    );
    expect(result.code).toBe(0);
  });

  it('exits non-zero and prints the reasons when the gate denies', async () => {
    overrides.set(entityRef(), ['entity.hasRunbook', 'entity.hasModelCard']);
    await refresh();
    const result = await runStep(
      rendered.step.run!,
      stepEnv('7'),
      fs.mkdtempSync(path.join(workDir, 'run-')),
    );
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(
      `::error::the readiness gate did not allow ${entityRef()} version 7 in production (HTTP 200, level none, required gold)`,
    );
    expect(result.output).toMatch(
      /::error::.*runbook-linked \(silver\) is fail/,
    );
    expect(result.output).toMatch(
      /::error::.*model-card-linked \(bronze\) is fail/,
    );
  });

  it('exits non-zero for a version that is not registered', async () => {
    overrides.delete(entityRef());
    await refresh();
    const result = await runStep(
      rendered.step.run!,
      stepEnv('99'),
      fs.mkdtempSync(path.join(workDir, 'run-')),
    );
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/::error::.*version 99 is not registered/);
  });

  it('exits non-zero when the token is not accepted', async () => {
    const result = await runStep(
      rendered.step.run!,
      stepEnv('7', 'not-a-valid-token-0123456789012345678901'),
      fs.mkdtempSync(path.join(workDir, 'run-')),
    );
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('(HTTP 401,');
  });

  it('gives the CI token the gate and nothing else', async () => {
    const [, name] = entityRef().split('/');
    const read = await fetch(
      `${baseUrl}/api/ml-readiness/scorecards/default/${name}`,
      { headers: { Authorization: `Bearer ${GATE_TOKEN}` } },
    );
    expect(read.status).toBe(403);
    const refreshed = await fetch(
      `${baseUrl}/api/ml-readiness/scorecards/default/${name}/refresh`,
      { method: 'POST', headers: { Authorization: `Bearer ${GATE_TOKEN}` } },
    );
    expect(refreshed.status).toBe(403);
  });
});
