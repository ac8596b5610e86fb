import path from 'node:path';
import { Config } from '@backstage/config';
import {
  DEFAULT_LOCAL_GIT_ROOT,
  parseConfigSection,
  readLocalGitRoot,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { z } from 'zod';

/** Where the local git destination keeps repositories, and who commits. */
export type LocalGitConfig = {
  /** Absolute folder holding `<name>.git` bare repositories and `checkouts/<name>`. */
  root: string;
  author: { name: string; email: string };
  defaultBranch: string;
};

/**
 * Default root, relative to the backend's working directory; the same
 * constant the ml-catalog backend uses for its default document root.
 */
export { DEFAULT_LOCAL_GIT_ROOT };

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
  const { defaultBranch, author } = data;
  return {
    // Read through the shared helper, so the ml-catalog backend (which serves
    // documents from <root>/checkouts) resolves exactly the same folder.
    root: path.resolve(cwd, readLocalGitRoot(config)),
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
