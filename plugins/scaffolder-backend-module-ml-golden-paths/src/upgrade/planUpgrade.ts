import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { listTreeFiles } from './releases';

const execFileAsync = promisify(execFile);

/** What an upgrade does to one file. */
export type FileAction =
  /** New in the golden path; written. */
  | 'added'
  /** Changed by the golden path, not by the team: replaced with the new version. */
  | 'updated'
  /** Changed by both, in different places: merged by `git merge-file`. */
  | 'merged'
  /** Changed by both in the same place: written with labelled conflict markers. */
  | 'conflict'
  /** Changed by the golden path, but the team deleted it: stays deleted. */
  | 'kept-deleted'
  /** Deleted by the team but always restored by the golden path. */
  | 'restored'
  /** Removed from the golden path and unchanged by the team: deleted. */
  | 'removed'
  /** Left as it is (the reason says why). */
  | 'untouched';

/** The plan for one file. */
export type FilePlan = {
  path: string;
  action: FileAction;
  reason: string;
  /** Conflicting hunks (`conflict` only). */
  conflicts?: number;
};

/** A file plan with the content to write (`null`: delete). */
export type FileChange = FilePlan & { content?: Buffer | null; mode?: number };

/** The whole upgrade of one repository, before anything is written. */
export type UpgradePlan = {
  fromVersion: string;
  toVersion: string;
  files: FileChange[];
  /** Paths with conflict markers. */
  conflicted: string[];
};

/** The labels `git merge-file` writes on conflict markers. */
export function mergeLabels(fromVersion: string, toVersion: string) {
  return [
    'your repository',
    `golden path ${fromVersion}`,
    `golden path ${toVersion}`,
  ];
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const isBinary = (content: Buffer) => content.includes(0);

/** Whether the path or one of its folders is a symbolic link in the repository. */
async function passesSymlink(repoDir: string, rel: string): Promise<boolean> {
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const stat = await fs
      .lstat(path.join(repoDir, ...parts.slice(0, i)))
      .catch(() => undefined);
    if (!stat) return false;
    if (stat.isSymbolicLink()) return true;
  }
  return false;
}

/**
 * Three-way merge of one file with git's own machinery: `git merge-file -p`
 * with labelled markers. Resolves with the merged content and the number of
 * conflicts (git's exit code); never picks a side on conflict.
 */
export async function mergeFile(options: {
  scratchDir: string;
  ours: Buffer;
  base: Buffer;
  theirs: Buffer;
  labels: string[];
}): Promise<{ content: Buffer; conflicts: number }> {
  const dir = await fs.mkdtemp(path.join(options.scratchDir, 'merge-'));
  const [ours, base, theirs] = ['ours', 'base', 'theirs'].map(name =>
    path.join(dir, name),
  );
  await fs.writeFile(ours, options.ours);
  await fs.writeFile(base, options.base);
  await fs.writeFile(theirs, options.theirs);
  const args = [
    'merge-file',
    '-p',
    '--diff3',
    ...options.labels.flatMap(label => ['-L', label]),
    ours,
    base,
    theirs,
  ];
  const env = {
    PATH: process.env.PATH,
    HOME: os.tmpdir(),
    LANG: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  };
  try {
    const { stdout } = await execFileAsync('git', args, {
      env,
      encoding: 'buffer',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 60_000,
    });
    return { content: stdout, conflicts: 0 };
  } catch (error) {
    const { code, stdout, stderr } = error as {
      code?: unknown;
      stdout?: Buffer;
      stderr?: Buffer;
    };
    // Exit code = number of conflicts (1..127); anything else is an error.
    if (typeof code === 'number' && code > 0 && code < 128 && stdout) {
      return { content: stdout, conflicts: code };
    }
    throw new Error(
      `git merge-file failed (${String(code)}): ${stderr?.toString().trim()}`,
    );
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * Plans the upgrade of a repository from one golden-path version to
 * another. The merge base is `oldDir` — the OLD version re-rendered with the
 * repository's recorded answers — and `newDir` the new version rendered
 * with the same answers. For every file either render has:
 *
 * - a path matching `neverTouch` is left alone;
 * - unchanged between the renders: left alone (the team's version stands);
 * - the team did not change it: the new render replaces it;
 * - the team changed it too: `git merge-file` merges; conflicts are marked
 *   with the labels `your repository`, `golden path <from>`,
 *   `golden path <to>` and reported, never resolved by overwriting;
 * - the team deleted it: stays deleted, unless `alwaysRestored` matches;
 * - the golden path removed it: deleted only when the team never changed it.
 *
 * Files only the repository has are the team's and are not listed. Nothing
 * is written to `repoDir`.
 */
export async function planUpgrade(options: {
  repoDir: string;
  oldDir: string;
  newDir: string;
  fromVersion: string;
  toVersion: string;
  alwaysRestored: (relativePath: string) => boolean;
  neverTouch: (relativePath: string) => boolean;
}): Promise<UpgradePlan> {
  const { repoDir, oldDir, newDir, fromVersion, toVersion } = options;
  const labels = mergeLabels(fromVersion, toVersion);
  const paths = [
    ...new Set([
      ...(await listTreeFiles(oldDir)),
      ...(await listTreeFiles(newDir)),
    ]),
  ].sort();
  const scratchDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gp-merge-'));
  const files: FileChange[] = [];
  try {
    for (const rel of paths) {
      if (rel === '.git' || rel.startsWith('.git/')) continue;
      const base = await readIfExists(path.join(oldDir, rel));
      const theirs = await readIfExists(path.join(newDir, rel));
      const mode = theirs
        ? (await fs.stat(path.join(newDir, rel))).mode & 0o777
        : undefined;
      const plan = (
        action: FileAction,
        reason: string,
        extra: Partial<FileChange> = {},
      ) => files.push({ path: rel, action, reason, ...extra });

      if (options.neverTouch(rel)) {
        plan('untouched', 'protected: on the never-touch list');
        continue;
      }
      if (await passesSymlink(repoDir, rel)) {
        plan(
          'conflict',
          'a symbolic link in your repository: not followed, not merged',
          { conflicts: 1 },
        );
        continue;
      }
      const ours = await readIfExists(path.join(repoDir, rel));
      if (base && theirs && base.equals(theirs)) {
        plan('untouched', `the golden path did not change it`);
        continue;
      }
      if (!theirs) {
        // The golden path removed the file.
        if (!ours) plan('untouched', 'removed by the golden path and absent');
        else if (base && ours.equals(base)) {
          plan('removed', 'removed by the golden path', { content: null });
        } else {
          plan(
            'untouched',
            'removed by the golden path but changed by your team: kept',
          );
        }
        continue;
      }
      if (!ours) {
        if (!base) {
          plan('added', 'new in the golden path', { content: theirs, mode });
        } else if (options.alwaysRestored(rel)) {
          plan(
            'restored',
            'deleted by your team; the golden path always restores it',
            {
              content: theirs,
              mode,
            },
          );
        } else {
          plan('kept-deleted', 'deleted by your team: stays deleted');
        }
        continue;
      }
      if (ours.equals(theirs)) {
        plan('untouched', 'already the same as the new version');
        continue;
      }
      if (base && ours.equals(base)) {
        plan('updated', 'changed by the golden path only', {
          content: theirs,
          mode,
        });
        continue;
      }
      // Changed on both sides (or added by both with different content).
      if (isBinary(ours) || isBinary(theirs) || (base && isBinary(base))) {
        plan(
          'conflict',
          'binary file changed by your team and by the golden path: yours kept, not merged',
          { conflicts: 1 },
        );
        continue;
      }
      const merged = await mergeFile({
        scratchDir,
        ours,
        base: base ?? Buffer.alloc(0),
        theirs,
        labels,
      });
      if (merged.conflicts > 0) {
        plan(
          'conflict',
          `changed by your team and by the golden path in the same place: ${merged.conflicts} conflict(s) marked`,
          { content: merged.content, conflicts: merged.conflicts },
        );
      } else {
        plan('merged', 'your changes and the golden path changes merged', {
          content: merged.content,
        });
      }
    }
  } finally {
    await fs.rm(scratchDir, { recursive: true, force: true });
  }
  return {
    fromVersion,
    toVersion,
    files,
    conflicted: files.filter(f => f.action === 'conflict').map(f => f.path),
  };
}

/** Writes a plan's changes into a working tree (files with content or deletions). */
export async function applyPlan(plan: UpgradePlan, repoDir: string) {
  for (const file of plan.files) {
    if (file.content === undefined) continue;
    const target = path.join(repoDir, file.path);
    if (file.content === null) {
      await fs.rm(target, { force: true });
      continue;
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, file.content);
    if (file.mode !== undefined) await fs.chmod(target, file.mode);
  }
}

/** Counts of each action, for summaries. */
export function summarizePlan(plan: UpgradePlan): Record<FileAction, number> {
  const counts: Record<FileAction, number> = {
    added: 0,
    updated: 0,
    merged: 0,
    conflict: 0,
    'kept-deleted': 0,
    restored: 0,
    removed: 0,
    untouched: 0,
  };
  for (const file of plan.files) counts[file.action]++;
  return counts;
}
