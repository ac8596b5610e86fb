import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian's `prometheus` package puts its binaries (overridable). */
export function prometheusBinaries():
  { prometheus: string; promtool: string } | undefined {
  const dir = process.env.PROMETHEUS_BIN_DIR ?? '/usr/bin';
  const prometheus = join(dir, 'prometheus');
  const promtool = join(dir, 'promtool');
  return existsSync(prometheus) && existsSync(promtool)
    ? { prometheus, promtool }
    : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** A Prometheus server on loopback, serving backfilled data only. */
export interface RunningPrometheus {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Backfills `openMetrics` (an OpenMetrics text ending in `# EOF`) with
 * `promtool tsdb create-blocks-from openmetrics` into a temporary TSDB and
 * starts `prometheus` on a free loopback port with a configuration that
 * scrapes nothing, then waits until `/-/ready` answers.
 */
export async function startPrometheus(
  openMetrics: string,
): Promise<RunningPrometheus> {
  const bins = prometheusBinaries();
  if (!bins) {
    throw new Error('prometheus/promtool not found');
  }
  const dir = await mkdtemp(join(tmpdir(), 'ml-kpi-prometheus-'));
  const data = join(dir, 'data');
  await writeFile(join(dir, 'series.om'), openMetrics);
  await run(bins.promtool, [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    join(dir, 'series.om'),
    data,
  ]);
  // No scrape_configs: the server reads the backfilled blocks and nothing else.
  await writeFile(
    join(dir, 'prometheus.yml'),
    'global:\n  scrape_interval: 1h\n  evaluation_interval: 1h\n',
  );
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(
    bins.prometheus,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${data}`,
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', d => (output += d));
  child.stderr?.on('data', d => (output += d));
  let exited = false;
  child.on('exit', () => (exited = true));

  const stop = async () => {
    if (!exited) {
      const done = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      await done;
    }
    await rm(dir, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) {
      await stop();
      throw new Error(
        `prometheus exited during startup:\n${output.slice(-2000)}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/-/ready`);
      if (res.ok) return { baseUrl, stop };
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 250));
  }
  await stop();
  throw new Error(
    `prometheus was not ready within 60 s:\n${output.slice(-2000)}`,
  );
}
