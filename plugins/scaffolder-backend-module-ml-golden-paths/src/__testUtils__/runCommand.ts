import { execFile } from 'node:child_process';

/** What a finished command printed and how it ended. */
export type CommandResult = {
  code: number;
  stdout: string;
  stderr: string;
  durationMs: number;
};

/** Debian's Python, which the generated repositories are verified with. */
export const PYTHON = '/usr/bin/python3';

/** Runs a command without a shell and resolves with its exit code and output. */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd: string; timeoutMs?: number; env?: NodeJS.ProcessEnv },
): Promise<CommandResult> {
  const started = Date.now();
  return new Promise(resolve => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        let code = 0;
        if (error) {
          const exitCode = (error as { code?: unknown }).code;
          code = typeof exitCode === 'number' ? exitCode : 1;
        }
        resolve({ code, stdout, stderr, durationMs: Date.now() - started });
      },
    );
  });
}

/**
 * Whether the generated repositories' Python suites can run here. Without
 * scikit-learn in Debian's Python they are skipped, except under CI=true.
 */
export async function pythonSuitesAvailable(): Promise<{
  run: boolean;
  reason?: string;
}> {
  const probe = await runCommand(PYTHON, ['-c', 'import sklearn'], {
    cwd: process.cwd(),
    timeoutMs: 30_000,
  }).catch(() => undefined);
  if (probe?.code === 0) {
    return { run: true };
  }
  const reason = `${PYTHON} cannot import sklearn (apt-get install python3-sklearn python3-pandas python3-fastapi python3-httpx python3-pytest python3-uvicorn python3-prometheus-client python3-scipy python3-yaml)`;
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but ${reason}`);
  }
  return { run: false, reason };
}
