import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PYTHON, runCommand } from './runCommand';

/**
 * The model registry a verification uses: outside the checkout, as the
 * generated config demands, and never the host's default under $HOME.
 */
export function registryFor(dir: string): string {
  return `${dir}.registry`;
}

function makeEnv(dir: string): NodeJS.ProcessEnv {
  return {
    PYTHONDONTWRITEBYTECODE: '1',
    MODEL_REGISTRY_URI: registryFor(dir),
  };
}

/** Runs a make target of the generated repository with Debian's Python. */
export function make(
  dir: string,
  target: string,
  timeoutMs = 120_000,
  env: NodeJS.ProcessEnv = {},
) {
  return runCommand(
    'make',
    ['--no-print-directory', target, `PYTHON=${PYTHON}`],
    {
      cwd: dir,
      timeoutMs,
      env: { ...makeEnv(dir), ...env },
    },
  );
}

function describeFailure(
  what: string,
  result: { code: number; stdout: string; stderr: string },
) {
  return `${what} exited ${result.code}\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`;
}

async function expectSuccess(
  dir: string,
  target: string,
  env: NodeJS.ProcessEnv = {},
) {
  const result = await make(dir, target, 120_000, env);
  if (result.code !== 0) {
    throw new Error(describeFailure(`make ${target}`, result));
  }
  return result;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

/** First rows of a CSV as JSON records, numbers parsed, id columns dropped. */
function sampleRecords(csvFile: string, count: number) {
  const [header, ...rows] = fs
    .readFileSync(csvFile, 'utf8')
    .trim()
    .split('\n')
    .map(line => line.split(','));
  return rows.slice(0, count).map(row =>
    Object.fromEntries(
      header
        .map((column, index): [string, string | number] => {
          const raw = row[index];
          return [
            column,
            raw !== '' && !isNaN(Number(raw)) ? Number(raw) : raw,
          ];
        })
        .filter(([column]) => !/(^|_)id$/.test(column)),
    ),
  );
}

/**
 * The service as CD ships it: the registered version exported into model/
 * (sha256-checked), then the service started from that bundle alone, with no
 * registry configured; it must report that version and answer /predict.
 */
async function verifyOnlineService(dir: string) {
  await expectSuccess(dir, 'bundle');
  const bundle = JSON.parse(
    fs.readFileSync(path.join(dir, 'model/bundle.json'), 'utf8'),
  );
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONPATH: 'src' };
  delete env.MODEL_REGISTRY_URI;
  delete env.MODEL_DIR;
  const child: ChildProcess = spawn(
    PYTHON,
    ['-m', 'mlapp.service', '--port', String(port)],
    { cwd: dir, env, stdio: 'pipe' },
  );
  let output = '';
  child.stdout?.on('data', chunk => (output += chunk));
  child.stderr?.on('data', chunk => (output += chunk));
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const health = await fetch(`${base}/health`).catch(() => undefined);
      if (health?.ok) {
        const { version } = await health.json();
        if (version !== String(bundle.version)) {
          throw new Error(
            `the service serves version ${version}, the bundle holds ${bundle.version}`,
          );
        }
        break;
      }
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error(`the service did not become healthy:\n${output}`);
      }
      await sleep(250);
    }
    const instances = sampleRecords(path.join(dir, 'data/sample/score.csv'), 3);
    const predicted = await fetch(`${base}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instances }),
    });
    const body = await predicted.json();
    if (predicted.status !== 200 || body.predictions?.length !== 3) {
      throw new Error(
        `/predict answered ${predicted.status}: ${JSON.stringify(body)}`,
      );
    }
    for (const prediction of body.predictions) {
      if (!(prediction.score >= 0 && prediction.score <= 1)) {
        throw new Error(
          `/predict returned a bad score: ${JSON.stringify(body)}`,
        );
      }
    }
    const metrics = await (await fetch(`${base}/metrics`)).text();
    if (!metrics.includes('# TYPE') || !/predict/i.test(metrics)) {
      throw new Error(
        `/metrics lacks prediction metrics:\n${metrics.slice(0, 2000)}`,
      );
    }
  } finally {
    child.kill('SIGTERM');
  }
}

/** The scoring job as the image runs it: from the bundle of the registered version. */
async function verifyBatchScoring(dir: string) {
  await expectSuccess(dir, 'bundle');
  await expectSuccess(dir, 'score', { MODEL_DIR: 'model' });
  const input = fs
    .readFileSync(path.join(dir, 'data/sample/score.csv'), 'utf8')
    .trim()
    .split('\n');
  const predictions = fs
    .readFileSync(path.join(dir, 'reports/predictions.csv'), 'utf8')
    .trim()
    .split('\n');
  const { version } = JSON.parse(
    fs.readFileSync(path.join(dir, 'model/bundle.json'), 'utf8'),
  );
  if (
    predictions.length !== input.length ||
    !predictions[0].includes('score') ||
    !predictions[1].endsWith(`,${version}`)
  ) {
    throw new Error(
      `reports/predictions.csv has ${predictions.length} lines for ${input.length} input lines`,
    );
  }
  const drift = JSON.parse(
    fs.readFileSync(path.join(dir, 'reports/drift.json'), 'utf8'),
  );
  if (typeof drift.drift_detected !== 'boolean' || !drift.features?.length) {
    throw new Error(
      `reports/drift.json is incomplete: ${JSON.stringify(drift)}`,
    );
  }
}

/**
 * Runs a generated repository the way its team would: its own test suite,
 * training with the evaluation gate on the sample data (must pass), the gate
 * on the degraded sample (must fail), and the template's own check: the
 * online service answers /predict and /metrics; the batch job scores a CSV
 * and writes a drift report; the training pipeline completes a run. Throws with the command output on any failure.
 * Returns how long the test suite took.
 */
export async function verifyGeneratedRepository(
  template: string,
  dir: string,
): Promise<{ testSuiteMs: number }> {
  const suite = await runCommand(PYTHON, ['-m', 'pytest'], {
    cwd: dir,
    timeoutMs: 300_000,
    env: { ...makeEnv(dir), PYTHONPATH: 'src' },
  });
  if (suite.code !== 0) {
    throw new Error(describeFailure(`${PYTHON} -m pytest`, suite));
  }
  await expectSuccess(dir, 'train');
  await expectSuccess(dir, 'evaluate');
  await expectSuccess(dir, 'register');
  if (template === 'online-inference') {
    await verifyOnlineService(dir);
  } else if (template === 'batch-scoring') {
    await verifyBatchScoring(dir);
  } else if (template === 'training-pipeline') {
    // One continuous-training run: validate, train, gate, register.
    await expectSuccess(dir, 'pipeline');
  }
  const degraded = await make(dir, 'gate-degraded');
  if (degraded.code === 0 || !/gate/i.test(degraded.stdout + degraded.stderr)) {
    throw new Error(
      describeFailure(
        'make gate-degraded (expected the evaluation gate to FAIL)',
        degraded,
      ),
    );
  }
  return { testSuiteMs: suite.durationMs };
}
