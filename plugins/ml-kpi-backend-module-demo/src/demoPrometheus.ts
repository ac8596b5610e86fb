import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A Prometheus the demo started; `stop` ends it. */
export interface DemoPrometheus {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/** Why the demo Prometheus cannot start, or undefined when it can. */
export function missingPrometheus(binDir: string): string | undefined {
  for (const bin of ['prometheus', 'promtool']) {
    if (!existsSync(join(binDir, bin))) {
      return `${join(
        binDir,
        bin,
      )} not found: install Debian's prometheus (apt-get install -y prometheus; make start does when it can)`;
    }
  }
  return undefined;
}

/** Ends a Prometheus a previous demo run left behind on this data folder. */
function stopLeftover(dataDir: string) {
  const pidFile = join(dataDir, 'prometheus.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (!Number.isInteger(pid) || pid <= 1) return;
  try {
    // Only if it really is our Prometheus on this folder.
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmdline.includes('prometheus') && cmdline.includes(dataDir)) {
      process.kill(pid, 'SIGTERM');
    }
  } catch {
    // gone already
  }
}

/**
 * Backfills `openMetrics` with `promtool tsdb create-blocks-from openmetrics`
 * into `<dataDir>/tsdb` (replaced on every start) and starts `prometheus` on
 * `127.0.0.1:<port>` with a configuration that scrapes nothing, then waits
 * until it is ready. The process is a child of the backend: `stop()` (called
 * on backend shutdown) ends it, and Ctrl-C reaches it with the backend's
 * process group; a leftover from a killed run is ended on the next start.
 */
export async function startDemoPrometheus(options: {
  binDir: string;
  dataDir: string;
  port: number;
  openMetrics: string;
  readyTimeoutMs?: number;
}): Promise<DemoPrometheus> {
  const missing = missingPrometheus(options.binDir);
  if (missing) {
    throw new Error(missing);
  }
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  stopLeftover(dataDir);
  const tsdb = join(dataDir, 'tsdb');
  await rm(tsdb, { recursive: true, force: true });
  const series = join(dataDir, 'series.om');
  await writeFile(series, options.openMetrics);
  await run(
    join(options.binDir, 'promtool'),
    ['tsdb', 'create-blocks-from', 'openmetrics', series, tsdb],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const configFile = join(dataDir, 'prometheus.yml');
  await writeFile(
    configFile,
    '# Demo data only: backfilled blocks, no scrape targets.\nglobal:\n  scrape_interval: 1h\n  evaluation_interval: 1h\n',
  );

  let output = '';
  const child: ChildProcess = spawn(
    join(options.binDir, 'prometheus'),
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${tsdb}`,
      '--storage.tsdb.retention.time=400d',
      `--web.listen-address=127.0.0.1:${options.port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', d => (output = (output + d).slice(-4000)));
  child.stderr?.on('data', d => (output = (output + d).slice(-4000)));
  let exited = false;
  const exit = new Promise<void>(r =>
    child.once('exit', () => {
      exited = true;
      r();
    }),
  );
  await writeFile(join(dataDir, 'prometheus.pid'), String(child.pid));

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(killer);
    }
    await rm(join(dataDir, 'prometheus.pid'), { force: true });
  };

  const baseUrl = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (exited) {
      await stop();
      throw new Error(
        `prometheus exited during startup: ${output.trim().split('\n').slice(-3).join(' | ')}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/-/ready`);
      if (res.ok) {
        return { baseUrl, pid: child.pid!, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`prometheus was not ready within the timeout: ${output}`);
}
