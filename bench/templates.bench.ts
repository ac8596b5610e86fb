/*
 * Benchmark: golden-path templates.
 *
 * Starts the real catalog and scaffolder (with the golden-path module) on a
 * test backend, loads the demo organisation, then for every template in
 * templates/:
 *  - render: POST /api/scaffolder/v2/dry-run with the sample answers (fetch the
 *    skeleton, render it, record the answers), RUNS times; target < 5 s;
 *  - publish: one real task to the local git destination (render, commit,
 *    push, check out, register, until the model is in the catalog);
 *  - test suite: the generated repository's own `/usr/bin/python3 -m pytest`,
 *    SUITE_RUNS times; target < 60 s.
 * Prints a table and exits 0 (non-zero only if something fails to run).
 *
 * Run alone: node --require @backstage/cli/config/nodeTransform.cjs bench/templates.bench.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  dryRun,
  listTemplates,
  runTask,
  sampleAnswers,
  startGoldenPathBackend,
  waitForCatalogEntity,
} from '../plugins/scaffolder-backend-module-ml-golden-paths/src/__testUtils__/goldenPathBackend';
import {
  PYTHON,
  runCommand,
} from '../plugins/scaffolder-backend-module-ml-golden-paths/src/__testUtils__/runCommand';

const RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 5);
const SUITE_RUNS = Number(process.env.BENCH_SUITE_RUNS ?? 3);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlgp-bench-'));
  const backend = await startGoldenPathBackend(workDir);
  try {
    for (const ref of [
      { kind: 'group', name: 'risk-ml' },
      { kind: 'group', name: 'risk-ml-oncall' },
      { kind: 'system', name: 'fraud-platform' },
      { kind: 'resource', name: 'card-transactions' },
      ...listTemplates().map(name => ({ kind: 'template', name })),
    ]) {
      await waitForCatalogEntity(backend, ref, 180_000);
    }

    const rows: string[][] = [];
    for (const template of listTemplates()) {
      const renders: number[] = [];
      let files: Array<{ path: string; base64Content: string }> = [];
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        const response = await dryRun(
          backend,
          template,
          sampleAnswers(template),
        );
        renders.push(performance.now() - started);
        if (response.status !== 200) {
          throw new Error(
            `${template}: dry run answered ${response.status}: ${JSON.stringify(response.body).slice(0, 2000)}`,
          );
        }
        files = response.body.directoryContents;
      }

      const publishStarted = performance.now();
      const task = await runTask(backend, `template:default/${template}`, {
        ...sampleAnswers(template),
        name: `bench-${template}`,
      });
      if (task.status !== 'completed') {
        throw new Error(`${template}: the local publish task ${task.status}`);
      }
      await waitForCatalogEntity(backend, {
        kind: 'resource',
        name: `bench-${template}`,
      });
      const publishMs = performance.now() - publishStarted;

      const repo = path.join(workDir, 'rendered', template);
      for (const file of files) {
        const target = path.join(repo, file.path);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, Buffer.from(file.base64Content, 'base64'));
      }
      const suites: number[] = [];
      let tests = '';
      for (let run = 0; run < SUITE_RUNS; run++) {
        const suite = await runCommand(PYTHON, ['-m', 'pytest'], {
          cwd: repo,
          timeoutMs: 300_000,
          env: { PYTHONDONTWRITEBYTECODE: '1' },
        });
        if (suite.code !== 0) {
          throw new Error(
            `${template}: pytest exited ${suite.code}\n${suite.stdout.slice(-3000)}`,
          );
        }
        suites.push(suite.durationMs);
        tests = suite.stdout.match(/(\d+) passed/)?.[1] ?? '?';
      }

      rows.push([
        template,
        seconds(median(renders)),
        seconds(Math.max(...renders)),
        seconds(publishMs),
        tests,
        seconds(median(suites)),
        seconds(Math.max(...suites)),
        Math.max(...renders) < 5000 && Math.max(...suites) < 60_000
          ? 'yes'
          : 'NO',
      ]);
    }

    const header = [
      'template',
      `render median (${RUNS})`,
      'render max',
      'local publish + in catalog',
      'tests',
      `suite median (${SUITE_RUNS})`,
      'suite max',
      'targets met',
    ];
    const widths = header.map((title, column) =>
      Math.max(title.length, ...rows.map(row => row[column].length)),
    );
    const line = (cells: string[]) =>
      `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
    console.log(line(header));
    console.log(line(widths.map(width => '-'.repeat(width))));
    rows.forEach(row => console.log(line(row)));
    console.log(
      `\nTargets: render < 5 s, generated test suite < 60 s. Python: ${PYTHON}.`,
    );
  } finally {
    await backend.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
