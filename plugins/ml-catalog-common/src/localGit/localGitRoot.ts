import { z } from 'zod';
import { parseConfigSection } from '../config/parseConfigSection';

/**
 * The config key of the local git destination's root folder, shared by the
 * scaffolder module (which creates `<root>/<name>.git` and
 * `<root>/checkouts/<name>`) and the ml-catalog backend (which reads
 * documents from `<root>/checkouts`).
 *
 * @public
 */
export const LOCAL_GIT_ROOT_CONFIG_KEY = 'mlGoldenPaths.localGit.root';

/**
 * The root used when {@link LOCAL_GIT_ROOT_CONFIG_KEY} is not set, relative to
 * the backend's working directory.
 *
 * @public
 */
export const DEFAULT_LOCAL_GIT_ROOT = '.local-git';

/**
 * The folder under the root that holds the working checkouts.
 *
 * @public
 */
export const LOCAL_GIT_CHECKOUTS_FOLDER = 'checkouts';

const rootSchema = z.object({
  root: z
    .string({ invalid_type_error: 'must be a string' })
    .min(1, 'must not be empty')
    .default(DEFAULT_LOCAL_GIT_ROOT),
});

/**
 * Reads {@link LOCAL_GIT_ROOT_CONFIG_KEY} as written (not yet resolved against
 * the working directory), defaulting to {@link DEFAULT_LOCAL_GIT_ROOT}.
 * Both backends resolve the value with `path.resolve(cwd, root)`, so they
 * cannot disagree. Throws an InputError naming the key.
 *
 * @public
 */
export function readLocalGitRoot(config: {
  getOptional(key: string): unknown;
}): string {
  const root = config.getOptional(LOCAL_GIT_ROOT_CONFIG_KEY);
  return parseConfigSection(rootSchema, { root }, 'mlGoldenPaths.localGit')
    .root;
}
