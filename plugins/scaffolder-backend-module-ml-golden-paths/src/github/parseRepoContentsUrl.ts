import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { GithubRepoTarget } from './parseGithubRepoUrl';

/** The root of one branch of a GitHub repository, as `publish:github` outputs it. */
export type GithubContentsRoot = GithubRepoTarget & {
  /** The branch named in the URL. */
  branch: string;
  /** The URL, unchanged (it parsed to itself). */
  url: string;
};

const SHAPE =
  /^https:\/\/([a-z0-9.-]+(?::\d{1,5})?)\/([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})\/blob\/([A-Za-z0-9._/-]{1,255})$/;

const isDotSegment = (segment: string) => segment === '.' || segment === '..';

/**
 * Parses the `repoContentsUrl` output of `publish:github`
 * (`https://<host>/<owner>/<repo>/blob/<branch>`) strictly: https only, a
 * configured GitHub integration host, no user info, query, fragment,
 * percent-encoding, backslashes, dot segments or empty segments, and a URL
 * that normalises to itself. Throws an InputError naming `repoContentsUrl`.
 */
export function parseRepoContentsUrl(
  repoContentsUrl: string,
  integrations: ScmIntegrationRegistry,
): GithubContentsRoot {
  const refuse = (why: string) =>
    new InputError(
      `repoContentsUrl: '${repoContentsUrl}' ${why}; expected https://<github host>/<owner>/<repo>/blob/<default branch> as publish:github outputs it`,
    );
  const match = SHAPE.exec(repoContentsUrl);
  if (!match) {
    throw refuse(
      'is not the root of a branch of a GitHub repository (no query, fragment, user info, percent-encoding or backslash allowed)',
    );
  }
  const [, host, owner, repo, branch] = match;
  const branchSegments = branch.split('/');
  if (
    isDotSegment(repo) ||
    branchSegments.some(segment => segment === '' || isDotSegment(segment))
  ) {
    throw refuse('contains an empty or dot path segment');
  }
  let normalised: string;
  try {
    normalised = new URL(repoContentsUrl).href;
  } catch {
    throw refuse('is not a URL');
  }
  if (normalised !== repoContentsUrl) {
    throw refuse(`normalises to another URL (${normalised})`);
  }
  if (!integrations.github.byHost(host)) {
    throw refuse(
      `is on host '${host}', which is not a configured GitHub integration`,
    );
  }
  return { host, owner, repo, branch, url: repoContentsUrl };
}
