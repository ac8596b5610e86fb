import fs from 'node:fs/promises';
import path from 'node:path';
import { runGit, GitAuthor } from './runGit';

/** Quotes a value for a POSIX shell script (single quotes, embedded ones escaped). */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `post-receive` hook of a local bare repository: after a push to the
 * default branch it moves the catalog's checkout to the pushed commit (fetch,
 * then a hard reset: the checkout is a read-only mirror), so the catalog
 * entity and the model's documents follow the repository. Pushes to other
 * branches and branch deletions leave the checkout alone.
 */
export function postReceiveHook(checkoutDir: string, branch: string): string {
  return [
    '#!/bin/sh',
    '# Installed by the ML golden paths (local git destination): keeps the',
    "# portal's checkout of this repository at the pushed default branch.",
    'set -eu',
    `checkout=${shellQuote(checkoutDir)}`,
    `branch=${shellQuote(branch)}`,
    'zero=0000000000000000000000000000000000000000',
    'while read -r old new ref; do',
    '  [ "$ref" = "refs/heads/$branch" ] || continue',
    '  [ "$new" != "$zero" ] || continue',
    '  (',
    '    unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_QUARANTINE_PATH',
    '    git -C "$checkout" fetch -q origin "+refs/heads/$branch:refs/remotes/origin/$branch"',
    '    git -C "$checkout" reset -q --hard "$new"',
    '  ) || echo "warning: could not update the portal checkout $checkout" >&2',
    'done',
    '',
  ].join('\n');
}

/**
 * Installs the `post-receive` hook in a bare repository and pins the
 * repository's hooks folder, so a pusher's global `core.hooksPath` cannot
 * switch it off.
 */
export async function installCheckoutHook(options: {
  bareDir: string;
  checkoutDir: string;
  branch: string;
  author: GitAuthor;
}): Promise<void> {
  const hooksDir = path.join(options.bareDir, 'hooks');
  await fs.mkdir(hooksDir, { recursive: true });
  await fs.writeFile(
    path.join(hooksDir, 'post-receive'),
    postReceiveHook(options.checkoutDir, options.branch),
    { mode: 0o755 },
  );
  await runGit(['config', 'core.hooksPath', hooksDir], {
    cwd: options.bareDir,
    author: options.author,
  });
}
