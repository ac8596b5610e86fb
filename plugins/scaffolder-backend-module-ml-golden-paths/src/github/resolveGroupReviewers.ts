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

/** A GitHub organisation or user login. */
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
/** A GitHub team slug. */
const GITHUB_TEAM_SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Who should approve production deployments, in GitHub terms. */
export type GroupReviewers =
  | { kind: 'team'; org?: string; slug: string; groupRef: string }
  | { kind: 'users'; logins: string[]; groupRef: string };

/**
 * Resolves a Backstage group to GitHub reviewers: the group's
 * `github.com/team-slug` annotation when present, otherwise the
 * `github.com/user-login` annotations of its members. Throws an InputError
 * naming the input (`productionReviewers` unless `input` says otherwise) when
 * the group is unknown, an annotation is malformed or nothing resolves.
 */
export async function resolveGroupReviewers(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  groupRef: string;
  /** The action input the group came from, named in errors. */
  input?: string;
}): Promise<GroupReviewers> {
  const { catalog, credentials } = options;
  const input = options.input ?? 'productionReviewers';
  let groupRef: string;
  try {
    const parsed = parseEntityRef(options.groupRef, { defaultKind: 'group' });
    if (parsed.kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new Error(`expected kind Group, got ${parsed.kind}`);
    }
    groupRef = stringifyEntityRef(parsed);
  } catch (error) {
    throw new InputError(
      `${input}: '${options.groupRef}' is not a group entity reference (${
        (error as Error).message
      })`,
    );
  }
  const group = await catalog.getEntityByRef(groupRef, { credentials });
  if (!group) {
    throw new InputError(
      `${input}: group '${groupRef}' was not found in the catalog`,
    );
  }
  const teamSlug = group.metadata.annotations?.[GITHUB_TEAM_SLUG_ANNOTATION];
  if (teamSlug) {
    const [org, slug] = teamSlug.includes('/')
      ? teamSlug.split('/', 2)
      : [undefined, teamSlug];
    if (
      (org !== undefined && !GITHUB_LOGIN.test(org)) ||
      !GITHUB_TEAM_SLUG.test(slug ?? '') ||
      teamSlug.split('/').length > 2
    ) {
      throw new InputError(
        `${input}: group '${groupRef}' has a malformed '${GITHUB_TEAM_SLUG_ANNOTATION}' annotation ${JSON.stringify(
          teamSlug,
        )}; expected <org>/<team-slug> or <team-slug>`,
      );
    }
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
  const malformed = logins.filter(login => !GITHUB_LOGIN.test(login));
  if (malformed.length > 0) {
    throw new InputError(
      `${input}: members of group '${groupRef}' have malformed '${GITHUB_USER_LOGIN_ANNOTATION}' annotations: ${malformed
        .map(login => JSON.stringify(login))
        .join(', ')}`,
    );
  }
  if (logins.length === 0) {
    throw new InputError(
      `${input}: group '${groupRef}' has no '${GITHUB_TEAM_SLUG_ANNOTATION}' annotation and none of its ${memberRefs.length} member(s) has a '${GITHUB_USER_LOGIN_ANNOTATION}' annotation, so no GitHub reviewer can be resolved`,
    );
  }
  return { kind: 'users', logins, groupRef };
}
