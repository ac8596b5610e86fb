/*
 * Bad input through the real scaffolder: invalid or existing names, unknown
 * owners, `../` and absolute paths in every parameter get a form (400) or a
 * task error, nothing is written outside the workspace or the local git root,
 * and a canary GitHub token from config never shows up in task events.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JsonObject } from '@backstage/types';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { CANARY_TOKEN } from './__testUtils__/githubFixtures';
import {
  api,
  GoldenPathBackend,
  runTask,
  sampleAnswers,
  startGoldenPathBackend,
  waitForCatalogEntity,
  waitForTask,
} from './__testUtils__/goldenPathBackend';

jest.setTimeout(120_000);

const TEMPLATE = 'online-inference';
const TEMPLATE_REF = `template:default/${TEMPLATE}`;
const ESCAPE_RELATIVE = '../../mlgp-escape';
const ESCAPE_ABSOLUTE = path.join(os.tmpdir(), 'mlgp-escape-absolute');

describe('bad input to the golden paths', () => {
  const github = setupServer();
  let workDir: string;
  let backend: GoldenPathBackend;
  const allEvents: unknown[] = [];

  beforeAll(async () => {
    github.listen({ onUnhandledRequest: 'bypass' });
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlgp-badinput-'));
    backend = await startGoldenPathBackend(workDir);
    await waitForCatalogEntity(backend, { kind: 'template', name: TEMPLATE });
    await waitForCatalogEntity(backend, { kind: 'group', name: 'risk-ml' });
  }, 120_000);

  afterAll(async () => {
    github.close();
    await backend?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  async function start(values: JsonObject) {
    const created = await api(backend, 'POST', '/api/scaffolder/v2/tasks', {
      templateRef: TEMPLATE_REF,
      values,
    });
    allEvents.push(created.body);
    return created;
  }

  async function run(values: JsonObject) {
    const task = await runTask(backend, TEMPLATE_REF, values);
    allEvents.push(task.events);
    return task;
  }

  function taskError(task: { events: Array<{ body: any }> }): string {
    return task.events
      .map(event => event.body?.error?.message ?? '')
      .filter(Boolean)
      .join('\n');
  }

  it.each(['Bad_Name', '../escape', '/abs/model', 'ab'])(
    'rejects the name %j in the form',
    async name => {
      const created = await start({ ...sampleAnswers(TEMPLATE), name });
      expect(created.status).toBe(400);
      expect(JSON.stringify(created.body.errors)).toMatch(/name/);
    },
  );

  it('refuses an existing name and leaves the first repository untouched', async () => {
    const values = { ...sampleAnswers(TEMPLATE), name: 'dup-model' };
    const first = await run(values);
    expect(first.status).toBe('completed');
    const head = fs.readFileSync(
      path.join(backend.localRoot, 'dup-model.git/refs/heads/main'),
      'utf8',
    );

    const second = await run(values);
    expect(second.status).toBe('failed');
    expect(taskError(second)).toMatch(
      /name: a repository named 'dup-model' already exists/,
    );
    expect(
      fs.readFileSync(
        path.join(backend.localRoot, 'dup-model.git/refs/heads/main'),
        'utf8',
      ),
    ).toBe(head);
  });

  it('fails the task with the field named when the owner is not in the catalog', async () => {
    const task = await run({
      ...sampleAnswers(TEMPLATE),
      name: 'orphan-model',
      owner: 'group:default/no-such-team',
    });
    expect(task.status).toBe('failed');
    expect(taskError(task)).toContain(
      "answers.owner: 'group:default/no-such-team' is not in the catalog",
    );
    expect(
      fs.existsSync(path.join(backend.localRoot, 'orphan-model.git')),
    ).toBe(false);
  });

  const stringParameters = [
    'name',
    'description',
    'owner',
    'system',
    'dataset',
    'approvers',
    'destination',
  ];
  it.each(
    stringParameters.flatMap(parameter => [
      [parameter, ESCAPE_RELATIVE],
      [parameter, ESCAPE_ABSOLUTE],
    ]),
  )(
    'a path in %s (%s) gets a form or task error and writes nothing outside',
    async (parameter, value) => {
      const name = `path-${stringParameters.indexOf(parameter)}-${
        value === ESCAPE_RELATIVE ? 'rel' : 'abs'
      }`;
      const values = { ...sampleAnswers(TEMPLATE), name, [parameter]: value };
      const created = await start(values);
      let outcome = `form ${created.status}`;
      if (created.status === 201) {
        const task = await waitForTask(backend, created.body.id);
        allEvents.push(task.events);
        outcome = `${task.status}: ${taskError(task)}`;
      }
      expect(outcome).toMatch(
        new RegExp(
          `^(form 400|failed: answers\\.${parameter}: .* looks like a file path)`,
        ),
      );
      expect(
        fs.existsSync(path.resolve(backend.localRoot, ESCAPE_RELATIVE)),
      ).toBe(false);
      expect(fs.existsSync(ESCAPE_ABSOLUTE)).toBe(false);
      expect(fs.existsSync(`${ESCAPE_ABSOLUTE}.git`)).toBe(false);
    },
  );

  it('keeps the canary token out of a failing GitHub publish', async () => {
    github.use(
      http.all('https://api.github.com/*', () =>
        HttpResponse.json(
          {
            message: 'Resource not accessible by integration',
            documentation_url:
              'https://docs.github.com/rest/repos/repos#create-an-organization-repository',
            status: '403',
          },
          { status: 403 },
        ),
      ),
    );
    const task = await run({
      ...sampleAnswers(TEMPLATE),
      name: 'github-model',
      destination: 'github',
      repoUrl: 'github.com?owner=acme&repo=github-model',
    });
    expect(task.status).toBe('failed');
    expect(taskError(task)).not.toBe('');
  });

  it('wrote nothing outside the local root and leaked no token (checked last)', () => {
    // The work folder holds only what the test put there, and the root only
    // repositories and their checkouts.
    expect(fs.readdirSync(workDir).sort()).toEqual([
      'fixtures.yaml',
      'local-git',
    ]);
    for (const entry of fs.readdirSync(backend.localRoot)) {
      expect(entry === 'checkouts' || entry.endsWith('.git')).toBe(true);
    }
    expect(JSON.stringify(allEvents)).not.toContain(CANARY_TOKEN);
  });
});
