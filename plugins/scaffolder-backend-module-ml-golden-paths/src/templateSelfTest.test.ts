/*
 * Template self-test: renders every golden-path template in templates/ for a
 * matrix of answers (each risk tier, each destination) through the real
 * scaffolder and catalog on a test backend, checks the generated repository
 * (no unresolved `${{`, valid YAML, catalog entities our contract accepts),
 * and runs each generated repository's own test suite with Debian's Python.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEntityRef } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { CANARY_TOKEN } from './__testUtils__/githubFixtures';
import { checkGeneratedRepository } from './__testUtils__/checkGeneratedRepository';
import {
  APPROVERS_GROUP,
  dryRun,
  GoldenPathBackend,
  listTemplates,
  runTask,
  sampleAnswers,
  startGoldenPathBackend,
  waitForCatalogEntity,
} from './__testUtils__/goldenPathBackend';
import { pythonSuitesAvailable, runCommand } from './__testUtils__/runCommand';
import { verifyGeneratedRepository } from './__testUtils__/verifyGeneratedRepository';

const TEMPLATES = listTemplates();
const TIERS = [1, 2, 3];
/** Generous: the generated suites, training, bundling and a service start on a shared machine. */
const GENERATED_REPOSITORY_TIMEOUT_MS = 600_000;

/** The catalog entities an answer set refers to (owner, system, dataset, approvers). */
function referencedEntities(answers: JsonObject) {
  return ['owner', 'system', 'dataset', 'approvers'].map(field => {
    const ref = parseEntityRef(String(answers[field]));
    return { kind: ref.kind, namespace: ref.namespace, name: ref.name };
  });
}

jest.setTimeout(180_000);

describe('golden-path templates through the real scaffolder', () => {
  let workDir: string;
  let backend: GoldenPathBackend;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlgp-selftest-'));
    backend = await startGoldenPathBackend(workDir);
    for (const template of TEMPLATES) {
      await waitForCatalogEntity(backend, { kind: 'template', name: template });
    }
    // The answers name these entities; the record step refuses unknown ones.
    for (const ref of referencedEntities(sampleAnswers(TEMPLATES[0]))) {
      await waitForCatalogEntity(backend, ref, 120_000);
    }
  }, 300_000);

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('finds the golden-path templates', () => {
    expect(TEMPLATES).toEqual(
      expect.arrayContaining([
        'batch-scoring',
        'online-inference',
        'training-pipeline',
      ]),
    );
  });

  describe.each(TEMPLATES)('%s', template => {
    const localName = (tier: number) => `${template}-t${tier}`;

    it.each(TIERS)(
      'tier %i, local destination: publishes, registers the model and renders cleanly',
      async tier => {
        const name = localName(tier);
        const task = await runTask(backend, `template:default/${template}`, {
          ...sampleAnswers(template),
          name,
          tier,
          destination: 'local',
        });
        const failure = task.events.find(
          event => event.body.status === 'failed' || event.body.error,
        );
        expect({ status: task.status, failure }).toEqual({
          status: 'completed',
          failure: undefined,
        });
        expect(JSON.stringify(task.events)).not.toContain(CANARY_TOKEN);

        const checkout = path.join(backend.localRoot, 'checkouts', name);
        const { problems, entities } = await checkGeneratedRepository(checkout);
        expect(problems).toEqual([]);
        const model = entities.find(entity => entity.spec?.type === 'ai-model');
        expect(model?.metadata.name).toBe(name);
        expect(model?.spec?.mlops).toMatchObject({
          tier,
          goldenPath: { template },
        });

        const recorded = fs.readFileSync(
          path.join(checkout, '.golden-path/answers.yaml'),
          'utf8',
        );
        expect(recorded).toContain(`template: ${template}`);
        expect(recorded).toContain(`name: ${name}`);

        const log = await runCommand(
          'git',
          [
            '--git-dir',
            path.join(backend.localRoot, `${name}.git`),
            'log',
            '--format=%an <%ae>',
          ],
          { cwd: workDir },
        );
        expect(log.stdout.trim()).toBe('Self Test <selftest@example.com>');

        // The model and its serving component really are in the catalog.
        const inCatalog = await waitForCatalogEntity(backend, {
          kind: 'resource',
          name,
        });
        expect(inCatalog.spec?.type).toBe('ai-model');
      },
    );

    it.each(TIERS)(
      'tier %i, GitHub destination: renders cleanly in a dry run with guardrails planned',
      async tier => {
        const values: JsonObject = sampleAnswers(template, {
          tier,
          approvers: APPROVERS_GROUP,
          destination: 'github',
          repoUrl: `github.com?owner=acme&repo=${template}-gh-t${tier}`,
        });
        const response = await dryRun(backend, template, values);
        expect(response.status).toBe(200);
        const logText = JSON.stringify(response.body.log);
        expect(logText).not.toContain(CANARY_TOKEN);
        expect(logText).toContain('Dry run: would protect the default branch');

        const outDir = fs.mkdtempSync(path.join(workDir, `dry-${template}-`));
        for (const file of response.body.directoryContents as Array<{
          path: string;
          base64Content: string;
        }>) {
          const target = path.join(outDir, file.path);
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, Buffer.from(file.base64Content, 'base64'));
        }
        const { problems, entities } = await checkGeneratedRepository(outDir);
        expect(problems).toEqual([]);
        const model = entities.find(entity => entity.spec?.type === 'ai-model');
        expect(model?.metadata.annotations?.['github.com/project-slug']).toBe(
          `acme/${template}-gh-t${tier}`,
        );
      },
    );

    it(
      'generated repository: its own tests pass, training passes the gate, degraded data fails it',
      async () => {
        const python = await pythonSuitesAvailable();
        if (!python.run) {
          // eslint-disable-next-line no-console
          console.warn(
            `SKIPPED the Python part of the ${template} self-test: ${python.reason}`,
          );
          return;
        }
        const name = localName(1);
        const clone = path.join(workDir, 'python', name);
        fs.mkdirSync(path.dirname(clone), { recursive: true });
        const cloned = await runCommand(
          'git',
          ['clone', '-q', path.join(backend.localRoot, `${name}.git`), clone],
          { cwd: workDir },
        );
        expect(cloned.stderr).toBe('');
        await verifyGeneratedRepository(template, clone);
      },
      GENERATED_REPOSITORY_TIMEOUT_MS,
    );
  });
});
