/*
 * Benchmark: golden-path upgrade.
 *
 * For every golden path: a repository created at 1.0.0 (the real templates)
 * and published to a local-git root, changed by its team (a conflicting
 * runbook edit, a deletion), then upgraded to the 1.1.0 test release with
 * `mlgp:golden-path:upgrade` — clone, both re-renders, the three-way merge of
 * every file with git merge-file, commit and push of the upgrade branch.
 * RUNS times each (every run after the first supersedes the previous one).
 * Target: < 10 s per upgrade. Prints a table; exits non-zero only if an
 * upgrade fails to run (its expected conflict is not a failure here).
 *
 * Run alone: node --require @backstage/cli/config/nodeTransform.cjs bench/upgrade.bench.ts
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createGoldenPathUpgradeAction } from '../plugins/scaffolder-backend-module-ml-golden-paths/src/actions/goldenPathUpgrade';
import { GithubOctokitFactory } from '../plugins/scaffolder-backend-module-ml-golden-paths/src/github/GithubOctokitFactory';
import { LocalGitRepositories } from '../plugins/scaffolder-backend-module-ml-golden-paths/src/localGit/LocalGitRepositories';
import { readLocalGitConfig } from '../plugins/scaffolder-backend-module-ml-golden-paths/src/localGit/readLocalGitConfig';
import {
  createRepository,
  SAMPLE_ANSWERS,
  testIntegrations,
} from '../plugins/scaffolder-backend-module-ml-golden-paths/src/upgrade/__testUtils__/createdRepository';
import { createTestReleases } from '../plugins/scaffolder-backend-module-ml-golden-paths/src/upgrade/__testUtils__/testReleases';

const RUNS = Number(process.env.BENCH_UPGRADE_RUNS ?? 3);
const EXTRA: Record<string, object> = {
  'online-inference': { latencyP99Ms: 150, availability: 99.9 },
  'batch-scoring': { schedule: '0 3 * * *', freshnessHours: 26 },
  'training-pipeline': {
    retrainSchedule: '0 2 * * 1',
    maxModelAgeHours: 192,
    servingPattern: 'batch',
  },
};

const group = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

const quietLogger: any = {
  info() {},
  debug() {},
  warn() {},
  error() {},
  child: () => quietLogger,
};

/** The parts of the scaffolder's action context the upgrade action uses. */
function actionContext(input: object) {
  const outputs: Record<string, any> = {};
  return {
    outputs,
    context: {
      input,
      logger: quietLogger,
      isDryRun: false,
      output: (key: string, value: unknown) => {
        outputs[key] = value;
      },
      getInitiatorCredentials: async () => ({
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'user', userEntityRef: 'user:default/bench' },
      }),
    },
  };
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'mlgp-upgrade-bench-'));
  try {
    const releases = await createTestReleases(path.join(root, 'templates'));
    const localGit = readLocalGitConfig(
      new ConfigReader({
        mlGoldenPaths: {
          localGit: {
            root: path.join(root, 'git'),
            author: { name: 'Bench', email: 'bench@example.com' },
          },
        },
      }),
    );
    const repositories = LocalGitRepositories.create(localGit);
    const action = createGoldenPathUpgradeAction({
      releases: async () => releases,
      neverTouch: [],
      integrations: testIntegrations,
      catalog: catalogServiceMock({
        entities: [group('risk-ml'), group('risk-ml-oncall')],
      }),
      octokitFactory: GithubOctokitFactory.create({
        integrations: testIntegrations,
        logger: quietLogger,
      }),
      repositories,
      localGit,
    });
    const rows: string[][] = [];
    let failed = false;
    for (const template of Object.keys(EXTRA)) {
      const name = `bench-${template}`.slice(0, 40);
      const created = await createRepository({
        releases,
        version: '1.0.0',
        template,
        answers: { ...SAMPLE_ANSWERS, name, ...EXTRA[template] },
        dir: path.join(root, name),
        scratchDir: await fs.mkdtemp(path.join(root, 'scratch-')),
      });
      const runbook = path.join(created, 'docs/runbooks/rollback.md');
      await fs.writeFile(
        runbook,
        (await fs.readFile(runbook, 'utf8')).replace(
          'Roll back first, investigate second.',
          'Roll back first; page the on-call.',
        ),
      );
      await fs.rm(path.join(created, 'ruff.toml'));
      const repository = repositories.locate(name);
      await repositories.publish({
        repository,
        sourceDir: created,
        gitDir: path.join(root, `${name}-git`),
        commitMessage: 'created',
      });
      const files = execFileSync(
        'git',
        ['ls-tree', '-r', '--name-only', 'main'],
        {
          cwd: repository.bareDir,
          encoding: 'utf8',
        },
      )
        .trim()
        .split('\n').length;
      const times: number[] = [];
      let summary = '';
      for (let run = 0; run < RUNS; run++) {
        const { context, outputs: out } = actionContext({
          destination: 'local',
          name,
          answers: { alertChannel: '#bench-alerts' },
        });
        const started = performance.now();
        const error = await action.handler(context as any).then(
          () => undefined,
          e => e as Error,
        );
        times.push(performance.now() - started);
        if (error && !/has conflicts in 1 file/.test(error.message)) {
          console.error(`${template}: ${error.message}`);
          failed = true;
        }
        const counts: Record<string, number> = {};
        for (const f of out.files ?? [])
          counts[f.action] = (counts[f.action] ?? 0) + 1;
        summary = Object.entries(counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ');
      }
      rows.push([
        template,
        String(files),
        `${(median(times) / 1000).toFixed(2)} s`,
        `${(Math.max(...times) / 1000).toFixed(2)} s`,
        summary,
      ]);
    }
    console.log(
      `\n| golden path | files | median upgrade (${RUNS} runs) | max | files by action |`,
    );
    console.log('| --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    console.log('\nTarget: < 10 s per upgrade.');
    if (failed) process.exitCode = 1;
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
