import { findUnsafePathPart } from '@ml-golden-paths/plugin-ml-catalog-common';

/**
 * A code repository, normalised so that spellings of the same repository
 * compare equal: host in lower case without default port, owner and name
 * percent-decoded and in lower case, without a trailing `.git`.
 */
export type RepositoryId = {
  /** e.g. `github.com` */
  host: string;
  /** e.g. `acme/fraud-scoring` (GitLab: every group before `/-/`). */
  path: string;
};

/**
 * The path of a URL exactly as written (before `new URL` resolves `%2e%2e`
 * and backslashes), without query or fragment.
 */
export function rawUrlPath(value: string): string {
  return value
    .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*/i, '')
    .split(/[?#]/)[0];
}

/** `github.com/acme/fraud-scoring`, for messages. */
export function formatRepository(repository: RepositoryId): string {
  return `${repository.host}/${repository.path}`;
}

/** Whether two repositories are the same after normalisation. */
export function sameRepository(a: RepositoryId, b: RepositoryId): boolean {
  return a.host === b.host && a.path === b.path;
}

function decodeSegment(segment: string): string | undefined {
  try {
    const decoded = decodeURIComponent(segment);
    return decoded.includes('/') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/**
 * The repository an http(s) URL points into, or `undefined` when the URL
 * names none (fewer than two path segments, credentials in the URL, a
 * hidden `..`, backslash or control character, a malformed escape).
 *
 * The repository is the path before GitLab's `/-/` separator when there is
 * one, otherwise the first two segments (`owner/repo`, followed by
 * `tree|blob|raw/<ref>/…` on GitHub-like hosts).
 */
export function repositoryOf(value: string): RepositoryId | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.username ||
    url.password ||
    value.includes('\\') ||
    findUnsafePathPart(rawUrlPath(value)) !== undefined
  ) {
    return undefined;
  }
  const raw = url.pathname.split('/').filter(Boolean);
  const separator = raw.indexOf('-');
  const repoSegments =
    separator > 0 ? raw.slice(0, separator) : raw.slice(0, 2);
  if (repoSegments.length < 2) {
    return undefined;
  }
  const decoded = repoSegments.map(decodeSegment);
  if (decoded.some(segment => !segment || segment === '.')) {
    return undefined;
  }
  const segments = (decoded as string[]).map(s => s.toLocaleLowerCase('en-US'));
  segments[segments.length - 1] = segments[segments.length - 1].replace(
    /\.git$/,
    '',
  );
  return {
    host: url.host.toLocaleLowerCase('en-US'),
    path: segments.join('/'),
  };
}
