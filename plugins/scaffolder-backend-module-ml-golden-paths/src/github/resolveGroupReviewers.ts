import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_HAS_MEMBER,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Group annotation naming the GitHub team (`slug` or `org/slug`). */
export const GITHUB_TEAM_SLUG_ANNOTATION = 'github.com/team-slug';
/** User annotation naming the GitHub login. */
export const GITHUB_USER_LOGIN_ANNOTATION = 'github.com/user-login';

/** Who should approve production deployments, in GitHub terms. */
export type GroupReviewers =
  | { kind: 'team'; org?: string; slug: string; groupRef: string }
  | { kind: 'users'; logins: string[]; groupRef: string };

/**
 * Resolves a Backstage group to GitHub reviewers: the group's
 * `github.com/team-slug` annotation when present, otherwise the
 * `github.com/user-login` annotations of its members. Throws an InputError
 * naming `productionReviewers` when the group is unknown or nothing resolves.
 */
export async function resolveGroupReviewers(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  groupRef: string;
}): Promise<GroupReviewers> {
  const { catalog, credentials } = options;
  let groupRef: string;
  try {
    const parsed = parseEntityRef(options.groupRef, { defaultKind: 'group' });
    if (parsed.kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new Error(`expected kind Group, got ${parsed.kind}`);
    }
    groupRef = stringifyEntityRef(parsed);
  } catch (error) {
    throw new InputError(
      `productionReviewers: '${options.groupRef}' is not a group entity reference (${
        (error as Error).message
      })`,
    );
  }
  const group = await catalog.getEntityByRef(groupRef, { credentials });
  if (!group) {
    throw new InputError(
      `productionReviewers: group '${groupRef}' was not found in the catalog`,
    );
  }
  const teamSlug = group.metadata.annotations?.[GITHUB_TEAM_SLUG_ANNOTATION];
  if (teamSlug) {
    const [org, slug] = teamSlug.includes('/')
      ? teamSlug.split('/', 2)
      : [undefined, teamSlug];
    return { kind: 'team', org, slug, groupRef };
  }
  const memberRefs = (group.relations ?? [])
    .filter(relation => relation.type === RELATION_HAS_MEMBER)
    .map(relation => relation.targetRef);
  const members: Entity[] = memberRefs.length
    ? (
        await catalog.getEntitiesByRefs(
          { entityRefs: memberRefs },
          { credentials },
        )
      ).items.filter((item): item is Entity => item !== undefined)
    : [];
  const logins = [
    ...new Set(
      members
        .map(user => user.metadata.annotations?.[GITHUB_USER_LOGIN_ANNOTATION])
        .filter((login): login is string => Boolean(login)),
    ),
  ].sort();
  if (logins.length === 0) {
    throw new InputError(
      `productionReviewers: group '${groupRef}' has no '${GITHUB_TEAM_SLUG_ANNOTATION}' annotation and none of its ${memberRefs.length} member(s) has a '${GITHUB_USER_LOGIN_ANNOTATION}' annotation, so no GitHub reviewer can be resolved`,
    );
  }
  return { kind: 'users', logins, groupRef };
}
