import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Who commits, passed explicitly so the host's git config does not matter. */
export type GitAuthor = { name: string; email: string };

/**
 * Runs the system `git` with explicit arguments (never through a shell), an
 * isolated configuration (no system or global config, no hooks, no signing)
 * and the given author. Returns trimmed stdout; a failure becomes an Error
 * carrying git's stderr.
 */
export async function runGit(
  args: string[],
  options: { cwd: string; author: GitAuthor },
): Promise<string> {
  const { author } = options;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: os.tmpdir(),
    LANG: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
  };
  const fullArgs = [
    '-c',
    'core.hooksPath=/dev/null',
    '-c',
    'commit.gpgSign=false',
    '-c',
    'protocol.file.allow=always',
    ...args,
  ];
  try {
    const { stdout } = await execFileAsync('git', fullArgs, {
      cwd: options.cwd,
      env,
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout.trim();
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(
      `git ${args[0]} failed: ${(stderr || message).trim().slice(0, 2000)}`,
    );
  }
}
