import path from 'node:path';
import { Config } from '@backstage/config';
import { parseConfigSection } from '@ml-golden-paths/plugin-ml-catalog-common';
import { z } from 'zod';

/** Where the local git destination keeps repositories, and who commits. */
export type LocalGitConfig = {
  /** Absolute folder holding `<name>.git` bare repositories and `checkouts/<name>`. */
  root: string;
  author: { name: string; email: string };
  defaultBranch: string;
};

/** Default root, relative to the backend's working directory. */
export const DEFAULT_LOCAL_GIT_ROOT = '.local-git';

const localGitConfigSchema = z.object({
  root: z.string().min(1).default(DEFAULT_LOCAL_GIT_ROOT),
  defaultBranch: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a simple branch name')
    .default('main'),
  author: z
    .object({
      name: z.string().min(1).optional(),
      email: z.string().email().optional(),
    })
    .default({}),
});

/**
 * Reads `mlGoldenPaths.localGit` (falling back to `scaffolder.defaultAuthor`
 * for the author) and resolves the root against the working directory.
 * Throws an InputError naming the bad key.
 */
export function readLocalGitConfig(
  config: Config,
  cwd: string = process.cwd(),
): LocalGitConfig {
  const data = parseConfigSection(
    localGitConfigSchema,
    config.getOptional('mlGoldenPaths.localGit'),
    'mlGoldenPaths.localGit',
  );
  const { root, defaultBranch, author } = data;
  return {
    root: path.resolve(cwd, root),
    defaultBranch,
    author: {
      name:
        author.name ??
        config.getOptionalString('scaffolder.defaultAuthor.name') ??
        'ML Golden Paths',
      email:
        author.email ??
        config.getOptionalString('scaffolder.defaultAuthor.email') ??
        'golden-paths@example.com',
    },
  };
}
