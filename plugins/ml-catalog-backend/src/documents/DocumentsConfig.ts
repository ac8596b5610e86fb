import path from 'node:path';
import { Config } from '@backstage/config';
import { parseConfigSection } from '@ml-golden-paths/plugin-ml-catalog-common';
import { z } from 'zod';

/** Default for `mlCatalog.documents.maxBytes`: 1 MiB. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 1024 * 1024;

/** Settings of the document reader, read from `mlCatalog.documents`. */
export type DocumentsConfig = {
  /** Absolute folders whose sub-folders `file:` entities may be read from. */
  fileRoots: string[];
  /** Largest document served, in bytes. */
  maxBytes: number;
};

const documentsConfigSchema = z.object({
  fileRoots: z.array(z.string().min(1, 'must not be empty')).optional(),
  maxBytes: z
    .number()
    .int('must be a whole number')
    .positive('must be greater than 0')
    .default(DEFAULT_MAX_DOCUMENT_BYTES),
});

/**
 * Reads `mlCatalog.documents`. `fileRoots` defaults to
 * `<mlGoldenPaths.localGit.root>/checkouts` when that key is set; every root is
 * resolved against `cwd`. Throws an InputError naming the bad key.
 */
export function readDocumentsConfig(
  config: Config,
  cwd: string = process.cwd(),
): DocumentsConfig {
  const data = parseConfigSection(
    documentsConfigSchema,
    config.getOptional('mlCatalog.documents'),
    'mlCatalog.documents',
  );
  const localGitRoot = config.getOptionalString('mlGoldenPaths.localGit.root');
  const roots =
    data.fileRoots ??
    (localGitRoot ? [path.join(localGitRoot, 'checkouts')] : []);
  return {
    fileRoots: roots.map(root => path.resolve(cwd, root)),
    maxBytes: data.maxBytes,
  };
}
