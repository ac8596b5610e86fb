import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';

/** A repository on a configured GitHub host. */
export type GithubRepoTarget = { host: string; owner: string; repo: string };

/**
 * Parses a scaffolder `repoUrl` (`github.com?owner=<org>&repo=<name>`) and
 * checks that its host is a configured GitHub integration. Throws an
 * InputError naming `repoUrl`.
 */
export function parseGithubRepoUrl(
  repoUrl: string,
  integrations: ScmIntegrationRegistry,
): GithubRepoTarget {
  let parsed: ReturnType<typeof parseRepoUrl>;
  try {
    parsed = parseRepoUrl(repoUrl, integrations);
  } catch (error) {
    throw new InputError(`repoUrl: ${(error as Error).message}`);
  }
  if (!parsed.owner) {
    throw new InputError(
      `repoUrl: '${repoUrl}' names no owner; expected github.com?owner=<org>&repo=<name>`,
    );
  }
  if (!integrations.github.byHost(parsed.host)) {
    throw new InputError(
      `repoUrl: host '${parsed.host}' is not a configured GitHub integration`,
    );
  }
  return { host: parsed.host, owner: parsed.owner, repo: parsed.repo };
}
