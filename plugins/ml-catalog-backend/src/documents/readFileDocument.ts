import fs from 'node:fs/promises';
import {
  isChildPath,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { DocumentTooLargeError, UnreadableDocumentError } from './errors';

/** What {@link readFileDocument} needs. */
export type ReadFileDocumentOptions = {
  /** Folder of the entity's `file:` location. */
  directory: string;
  /** Path inside `directory`, already checked to be relative. */
  relativePath: string;
  /** The entity field, for messages. */
  field: string;
  /** Absolute folders the directory must lie in. */
  fileRoots: string[];
  maxBytes: number;
};

async function realpathIfExists(target: string): Promise<string | undefined> {
  try {
    return await fs.realpath(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return undefined;
    }
    throw error;
  }
}

async function findAllowedDirectory(
  directory: string,
  fileRoots: string[],
): Promise<string> {
  const realRoots = await Promise.all(fileRoots.map(realpathIfExists));
  const realDirectory = await realpathIfExists(directory);
  const allowed =
    realDirectory !== undefined &&
    realRoots.some(
      root => root !== undefined && isChildPath(root, realDirectory),
    );
  if (!allowed) {
    // The same answer for "outside the roots" and "does not exist", so the
    // error tells nothing about the server's file system.
    throw new UnreadableDocumentError(
      'The entity was registered from a file location outside mlCatalog.documents.fileRoots; its documents are not served',
    );
  }
  return realDirectory!;
}

/**
 * Reads a document from a local repository checkout. The checkout must lie
 * inside one of the allowed roots and the document inside the checkout, both
 * after resolving symbolic links; the file must be at most `maxBytes`.
 * Errors name the entity field and its value, never an absolute path.
 */
export async function readFileDocument(
  options: ReadFileDocumentOptions,
): Promise<Buffer> {
  const { relativePath, field, maxBytes } = options;
  const directory = await findAllowedDirectory(
    options.directory,
    options.fileRoots,
  );
  let candidate: string;
  try {
    candidate = resolveSafeChildPath(directory, relativePath);
  } catch {
    throw new UnreadableDocumentError(
      `${field} "${relativePath}" points outside the repository`,
    );
  }
  const target = await realpathIfExists(candidate);
  if (target === undefined) {
    throw new NotFoundError(
      `${field} "${relativePath}" was not found in the repository`,
    );
  }
  if (!isChildPath(directory, target)) {
    throw new UnreadableDocumentError(
      `${field} "${relativePath}" points outside the repository`,
    );
  }
  const handle = await fs.open(target, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new UnreadableDocumentError(
        `${field} "${relativePath}" is not a file`,
      );
    }
    if (stat.size > maxBytes) {
      throw new DocumentTooLargeError(
        `${field} "${relativePath}" is larger than the ${maxBytes} byte limit`,
      );
    }
    const buffer = Buffer.alloc(maxBytes + 1);
    const { bytesRead } = await handle.read(buffer, 0, maxBytes + 1, 0);
    if (bytesRead > maxBytes) {
      throw new DocumentTooLargeError(
        `${field} "${relativePath}" is larger than the ${maxBytes} byte limit`,
      );
    }
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
