import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import {
  pythonSuitesAvailable,
  PYTHON,
  runCommand,
} from '../__testUtils__/runCommand';
import {
  createRepository,
  sampleStepOutputs,
  testIntegrations,
} from './__testUtils__/createdRepository';
import { createTestReleases, TEST_RELEASE } from './__testUtils__/testReleases';
import { applyPlan } from './planUpgrade';
import { prepareUpgrade, RECORD_PATH } from './prepareUpgrade';
import { GoldenPathReleases } from './releases';

jest.setTimeout(240_000);

describe('golden-path upgrade 1.0.0 -> 1.1.0', () => {
  let root: string;
  let releases: GoldenPathReleases;
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'gp-upgrade-'));
    releases = await createTestReleases(root);
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  async function teamRepository(name: string) {
    const dir = await createRepository({
      releases,
      version: '1.0.0',
      dir: path.join(root, name),
      scratchDir: await fs.mkdtemp(path.join(root, 'scratch-')),
    });
    // The team: edits the runbook line 1.1.0 also fixes, edits a module
    // 1.1.0 leaves alone, adds notes to README.md (1.1.0 changes another part
    // of it) and deletes ruff.toml (which 1.1.0 changes).
    const rollback = path.join(dir, 'docs/runbooks/rollback.md');
    const text = await fs.readFile(rollback, 'utf8');
    expect(text).toContain(TEST_RELEASE.runbookLine);
    await fs.writeFile(
      rollback,
      text.replace(
        TEST_RELEASE.runbookLine,
        'Roll back first; page #fraud-oncall before anything else.',
      ),
    );
    await fs.appendFile(
      path.join(dir, 'README.md'),
      '\n## Team notes\n\nFraud scoring is owned by risk-ml.\n',
    );
    await fs.appendFile(
      path.join(dir, 'src/mlapp/features.py'),
      '\n# Team: keep the feature names stable for the dashboards.\n',
    );
    await fs.rm(path.join(dir, 'ruff.toml'));
    return dir;
  }

  const prepare = (repoDir: string, extra: object = {}) =>
    fs.mkdtemp(path.join(root, 'work-')).then(workDir =>
      prepareUpgrade({
        releases,
        repoDir,
        workDir,
        integrations: testIntegrations,
        stepOutputs: sampleStepOutputs,
        ...extra,
      }),
    );

  it('keeps every release renderable with its changelog', () => {
    expect(releases.versions()).toEqual(['1.0.0', '1.1.0']);
    expect(
      releases
        .changesBetween('online-inference', '1.0.0', '1.1.0')
        .map(r => r.version),
    ).toEqual(['1.1.0']);
  });

  it('asks the new question instead of defaulting it', async () => {
    const repo = await teamRepository('asks');
    const prepared = await prepare(repo);
    expect(prepared.plan).toBeUndefined();
    expect(prepared.missingAnswers).toEqual([
      expect.objectContaining({
        name: 'alertChannel',
        title: 'Alert channel',
        suggested: '#ml-alerts',
      }),
    ]);
  });

  it('refuses bad answers, naming them', async () => {
    const repo = await teamRepository('bad-answers');
    await expect(
      prepare(repo, { answers: { alertChannel: 'rm -rf /' } }),
    ).rejects.toThrow(/^answers\.alertChannel: does not match pattern/);
    await expect(
      prepare(repo, { answers: { alertChannel: '#ok', token: 'x' } }),
    ).rejects.toThrow(
      "answers.token: golden path online-inference@1.1.0 has no question 'token'",
    );
    await expect(
      prepare(repo, { answers: { alertChannel: '#ok', tier: 3 } }),
    ).rejects.toThrow(/^answers\.tier: already answered/);
    await expect(
      prepare(repo, { targetVersion: '1.0.0', answers: {} }),
    ).rejects.toThrow(/1\.0\.0 is not newer/);
    await expect(prepare(repo, { targetVersion: '9.0.0' })).rejects.toThrow(
      /^targetVersion: 9\.0\.0 was never released/,
    );
    await expect(
      prepare(repo, { neverTouch: ['../../etc'] }),
    ).resolves.toBeDefined(); // missing answers are reported before planning
    await expect(
      prepare(repo, {
        answers: { alertChannel: '#ok' },
        neverTouch: ['../../etc'],
      }),
    ).rejects.toThrow(/^neverTouch\[2\]: /);
  });

  it('applies the template change, keeps the team edits and deletion, marks the conflict, and the generated tests pass', async () => {
    const repo = await teamRepository('upgraded');
    const prepared = await prepare(repo, {
      answers: { alertChannel: '#fraud-alerts' },
    });
    const plan = prepared.plan!;
    const byPath = Object.fromEntries(plan.files.map(f => [f.path, f.action]));
    expect(byPath).toMatchObject({
      '.github/workflows/ci.yaml': 'updated',
      'docs/runbooks/incident.md': 'updated',
      'catalog-info.yaml': 'updated',
      'docs/runbooks/rollback.md': 'conflict',
      'ruff.toml': 'kept-deleted',
      'README.md': 'merged',
      'src/mlapp/features.py': 'untouched',
      [RECORD_PATH]: 'updated',
    });
    expect(plan.conflicted).toEqual(['docs/runbooks/rollback.md']);
    // The preview wrote nothing.
    expect(
      await fs.readFile(path.join(repo, '.github/workflows/ci.yaml'), 'utf8'),
    ).not.toContain(TEST_RELEASE.ciStep);

    await applyPlan(plan, repo);
    const read = (rel: string) => fs.readFile(path.join(repo, rel), 'utf8');
    expect(await read('.github/workflows/ci.yaml')).toContain(
      TEST_RELEASE.ciStep,
    );
    expect(await read('docs/runbooks/incident.md')).toContain(
      'Alerts are routed to #fraud-alerts.',
    );
    const rollback = await read('docs/runbooks/rollback.md');
    const rest = ' A rollback restores the last model and\n';
    expect(rollback).toContain(
      [
        '<<<<<<< your repository\n',
        `Roll back first; page #fraud-oncall before anything else.${rest}`,
        '||||||| golden path 1.0.0\n',
        `${TEST_RELEASE.runbookLine}${rest}`,
        '=======\n',
        `${TEST_RELEASE.runbookFix}${rest}`,
        '>>>>>>> golden path 1.1.0\n',
      ].join(''),
    );
    expect(await read('README.md')).toContain('## Team notes');
    expect(await read('README.md')).not.toContain('1.0.0');
    expect(await read('src/mlapp/features.py')).toContain(
      '# Team: keep the feature names stable',
    );
    await expect(read('ruff.toml')).rejects.toThrow(/ENOENT/);
    const entity = yaml
      .parseAllDocuments(await read('catalog-info.yaml'))
      .map(d => d.toJS())
      .find(e => e?.spec?.type === 'ai-model');
    expect(entity.spec.mlops.goldenPath).toEqual({
      template: 'online-inference',
      version: '1.1.0',
    });
    const record = yaml.parse(await read(RECORD_PATH));
    expect(record).toMatchObject({
      template: 'online-inference',
      version: '1.1.0',
      upgradedFrom: '1.0.0',
      generatedAt: '2026-11-29T12:00:00.000Z',
      answers: { alertChannel: '#fraud-alerts', name: 'fraud-scoring' },
    });

    const python = await pythonSuitesAvailable();
    if (!python.run) {
      console.warn(`generated tests skipped: ${python.reason}`);
      return;
    }
    const suite = await runCommand(PYTHON, ['-m', 'pytest'], {
      cwd: repo,
      timeoutMs: 200_000,
      env: {
        PYTHONDONTWRITEBYTECODE: '1',
        PYTHONPATH: 'src',
        MODEL_REGISTRY_URI: `${repo}.registry`,
      },
    });
    expect({ code: suite.code, tail: suite.stdout.slice(-2000) }).toEqual({
      code: 0,
      tail: expect.stringMatching(/\[100%\]/),
    });
  });
});
