import { Entity } from '@backstage/catalog-model';

/** The annotation naming a GitHub repository, `owner/repo`. */
export const PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';

/** GitHub owner and repository name rules (letters, digits, `-`, `_`, `.`). */
const SLUG = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

/**
 * The owner and repository named by the entity's `github.com/project-slug`
 * annotation; undefined when it is missing or not a plain `owner/repo`.
 */
export function parseProjectSlug(
  entity: Entity,
): { owner: string; repo: string } | undefined {
  const slug = entity.metadata.annotations?.[PROJECT_SLUG_ANNOTATION]?.trim();
  const match = slug ? SLUG.exec(slug) : null;
  if (!match || match[2] === '.' || match[2] === '..') {
    return undefined;
  }
  return { owner: match[1], repo: match[2] };
}

/**
 * The GitHub host of the entity's repository: the host of its
 * `backstage.io/source-location` URL when that host is a configured GitHub
 * integration, else `github.com`.
 */
export function repositoryHost(
  entity: Entity,
  isGithubHost: (host: string) => boolean,
): string {
  const location =
    entity.metadata.annotations?.['backstage.io/source-location'] ?? '';
  const match = /^url:(https?:\/\/[^\s]+)$/.exec(location);
  if (match) {
    try {
      const host = new URL(match[1]).host;
      if (isGithubHost(host)) {
        return host;
      }
    } catch {
      // Not a URL: fall back to github.com.
    }
  }
  return 'github.com';
}
