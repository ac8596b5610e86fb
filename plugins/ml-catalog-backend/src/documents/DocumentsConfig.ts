import path from 'node:path';
import { Config } from '@backstage/config';
import {
  LOCAL_GIT_CHECKOUTS_FOLDER,
  parseConfigSection,
  readLocalGitRoot,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { z } from 'zod';

/** Default for `mlCatalog.documents.maxBytes`: 1 MiB. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 1024 * 1024;

/** Default for `mlCatalog.documents.cacheSeconds`. */
export const DEFAULT_DOCUMENT_CACHE_SECONDS = 60;

/** Settings of the document reader, read from `mlCatalog.documents`. */
export type DocumentsConfig = {
  /** Absolute folders whose sub-folders `file:` entities may be read from. */
  fileRoots: string[];
  /** Largest document served, in bytes. */
  maxBytes: number;
  /** How long a document read from a URL is served from the cache; 0 = off. */
  cacheSeconds: number;
};

const documentsConfigSchema = z.object({
  fileRoots: z.array(z.string().min(1, 'must not be empty')).optional(),
  maxBytes: z
    .number()
    .int('must be a whole number')
    .positive('must be greater than 0')
    .default(DEFAULT_MAX_DOCUMENT_BYTES),
  cacheSeconds: z
    .number()
    .int('must be a whole number')
    .min(0, 'must be 0 (off) or more')
    .max(86400, 'must be at most 86400 (one day)')
    .default(DEFAULT_DOCUMENT_CACHE_SECONDS),
});

/**
 * Reads `mlCatalog.documents`. `fileRoots` defaults to
 * `<mlGoldenPaths.localGit.root>/checkouts`, with the root's default
 * (`.local-git`) read through the same helper the scaffolder module uses, so
 * a model the local git destination created is readable with default config.
 * Every root is resolved against `cwd`. Throws an InputError naming the bad key.
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
  const roots = data.fileRoots ?? [
    path.join(readLocalGitRoot(config), LOCAL_GIT_CHECKOUTS_FOLDER),
  ];
  return {
    fileRoots: roots.map(root => path.resolve(cwd, root)),
    maxBytes: data.maxBytes,
    cacheSeconds: data.cacheSeconds,
  };
}
