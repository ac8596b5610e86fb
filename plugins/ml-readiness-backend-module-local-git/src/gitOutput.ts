import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * Runs a read-only `git` command in a checkout (execFile, never a shell)
 * with no system or global configuration, and returns its trimmed output.
 * The checkout is declared safe so a checkout owned by another user (the
 * scaffolder's) can still be read.
 */
export async function gitOutput(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(
      'git',
      ['-c', `safe.directory=${cwd}`, '-c', 'core.fsmonitor=false', ...args],
      {
        cwd,
        env: {
          PATH: process.env.PATH,
          HOME: os.tmpdir(),
          LANG: 'C',
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_CONFIG_GLOBAL: '/dev/null',
          GIT_TERMINAL_PROMPT: '0',
          GIT_OPTIONAL_LOCKS: '0',
        },
        timeout: 30_000,
        maxBuffer: 4 * 1024 * 1024,
      },
    );
    return stdout.trim();
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(
      `git ${args[0]} failed in ${cwd}: ${(stderr || message).trim().slice(0, 500)}`,
    );
  }
}
