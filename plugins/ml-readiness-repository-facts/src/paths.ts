/** The last segment of a `/`-separated path. */
export function baseName(path: string): string {
  const index = path.lastIndexOf('/');
  return index < 0 ? path : path.slice(index + 1);
}

/** The folder part of a `/`-separated path, '' at the root. */
export function dirName(path: string): string {
  const index = path.lastIndexOf('/');
  return index < 0 ? '' : path.slice(0, index);
}

/**
 * Joins a relative reference onto a folder, resolving `.` and `..`; returns
 * undefined when the result would leave the repository.
 */
export function joinRelative(
  folder: string,
  reference: string,
): string | undefined {
  const parts = folder ? folder.split('/') : [];
  for (const part of reference.replace(/^\/+/, '').split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..') {
      if (parts.length === 0) {
        return undefined;
      }
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.join('/');
}
