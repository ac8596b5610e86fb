import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RepositoryFacts } from '@ml-golden-paths/plugin-ml-readiness-common';
import { analyzeRepository } from './analyzeRepository';
import { RepositoryReader } from './RepositoryReader';
import {
  GOLDEN_PATH_TEMPLATES,
  listFilesRecursively,
  renderGoldenPath,
  templateVersion,
  goldenPathCapabilities,
} from './testUtils';

const NOW = new Date('2026-11-29T12:00:00Z');
const CHANGED = new Date('2026-11-19T08:00:00Z');

/** Reads a folder; every file last changed at CHANGED. */
function folderReader(dir: string): RepositoryReader {
  return {
    async listFiles() {
      return listFilesRecursively(dir).map(p => ({
        path: p,
        size: fs.statSync(path.join(dir, p)).size,
      }));
    },
    async readFile(p) {
      return fs.readFileSync(path.join(dir, p));
    },
    async lastChangedAt() {
      return CHANGED;
    },
  };
}

describe('analyzeRepository on freshly rendered golden paths', () => {
  let outDir: string;
  const repos = new Map<string, string>();

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-facts-'));
    for (const template of GOLDEN_PATH_TEMPLATES) {
      repos.set(
        template,
        await renderGoldenPath({ template, destination: 'github', outDir }),
      );
    }
  }, 180_000);

  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  const analyze = (dir: string, newest?: string) =>
    analyzeRepository({
      reader: folderReader(dir),
      source: 'github',
      commit: 'abc123',
      newestTemplateVersion: async () => newest,
      now: NOW,
    });

  it.each(GOLDEN_PATH_TEMPLATES)(
    '%s: every repository fact is good',
    async template => {
      const { facts, secretFindings } = await analyze(
        repos.get(template)!,
        templateVersion(template),
      );
      expect(secretFindings).toEqual([]);
      const expected: RepositoryFacts = {
        source: 'github',
        commit: 'abc123',
        ...goldenPathCapabilities(template),
        docs: {
          modelCardPresent: true,
          modelCardAgeDays: 10,
          rollbackRunbookPresent: true,
          rollbackRunbookAgeDays: 10,
        },
        codeowners: {
          present: true,
          // render.cjs does not run mlgp:github:code-owners (it needs the
          // catalog), so the handles are empty here; parsing is covered by
          // the CODEOWNERS unit test.
          owners: expect.any(Array),
        },
        reproducibility: {
          // constraints.txt pins every dependency exactly.
          dependenciesPinned: true,
          hasDataValidationConfig: true,
          hasEvaluationThresholds: true,
        },
        goldenPath: {
          answersPresent: true,
          template,
          version: templateVersion(template),
          isCurrent: true,
        },
        security: { secretFindings: 0 },
        hasTests: true,
      };
      expect(facts).toEqual(expected);
    },
  );

  it('reports an older recorded version as not current', async () => {
    const { facts } = await analyze(repos.get('batch-scoring')!, '99.0.0');
    expect(facts.goldenPath).toMatchObject({
      answersPresent: true,
      isCurrent: false,
    });
    const unknown = await analyze(repos.get('batch-scoring')!, undefined);
    expect(unknown.facts.goldenPath.isCurrent).toBe(false);
  });

  it('turns each removed part into the matching bad fact', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-broken-'));
    try {
      fs.cpSync(repos.get('online-inference')!, dir, { recursive: true });
      fs.rmSync(path.join(dir, 'docs/runbooks/rollback.md'));
      fs.rmSync(path.join(dir, '.golden-path'), { recursive: true });
      fs.rmSync(path.join(dir, '.github/CODEOWNERS'));
      fs.rmSync(path.join(dir, 'tests'), { recursive: true });
      const dockerfile = path.join(dir, 'Dockerfile');
      fs.writeFileSync(
        dockerfile,
        fs.readFileSync(dockerfile, 'utf8').replace(/^USER .*$/m, ''),
      );
      fs.writeFileSync(
        path.join(dir, 'src/mlapp/settings.py'),
        `GITHUB_TOKEN = "ghp_${'x7Y'.repeat(12)}"\n`,
      );
      const cd = path.join(dir, '.github/workflows/cd.yaml');
      fs.writeFileSync(
        cd,
        fs
          .readFileSync(cd, 'utf8')
          .replace(/(needs: \[[^\]]*), readiness-gate\]/, '$1]'),
      );
      expect(fs.readFileSync(cd, 'utf8')).not.toMatch(/readiness-gate\]/);
      const { facts, secretFindings } = await analyze(dir, '1.0.0');
      expect(facts.docs).toMatchObject({
        rollbackRunbookPresent: false,
        rollbackRunbookAgeDays: -1,
      });
      expect(facts.goldenPath).toEqual({
        answersPresent: false,
        template: '',
        version: '',
        isCurrent: false,
      });
      expect(facts.codeowners).toEqual({ present: false, owners: [] });
      expect(facts.hasTests).toBe(false);
      expect(facts.container).toEqual({
        hasDockerfile: true,
        runsAsNonRoot: false,
      });
      expect(facts.ci.callsReadinessGate).toBe(false);
      expect(facts.security.secretFindings).toBe(1);
      expect(secretFindings).toEqual([
        { path: 'src/mlapp/settings.py', line: 1, kind: 'GitHub token' },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports an empty repository as having nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-empty-'));
    try {
      const { facts } = await analyze(dir);
      expect(facts.ci.hasWorkflow).toBe(false);
      expect(facts.container.hasDockerfile).toBe(false);
      expect(facts.deployment.hasManifests).toBe(false);
      expect(facts.docs.modelCardAgeDays).toBe(-1);
      expect(facts.reproducibility.dependenciesPinned).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops reading when the collection is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('collection timed out'));
    await expect(
      analyzeRepository({
        reader: folderReader(repos.get('batch-scoring')!),
        source: 'github',
        commit: 'abc123',
        newestTemplateVersion: async () => undefined,
        signal: controller.signal,
      }),
    ).rejects.toThrow('collection timed out');
  });
});
