import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  GITHUB_TEAM_SLUG_ANNOTATION,
  GroupReviewers,
  resolveGroupReviewers,
} from './resolveGroupReviewers';

/** CODEOWNERS handles for the owning team and the production approvers. */
export type CodeOwners = {
  /** `@org/team` of the owner group (the group name for local repositories). */
  ownerHandle: string;
  /** `@org/team`, or the members' `@login`s, of the approvers group. */
  approversHandles: string;
};

function checkOrganisation(
  input: string,
  reviewers: Extract<GroupReviewers, { kind: 'team' }>,
  repositoryOwner: string,
): string {
  const org = reviewers.org ?? repositoryOwner;
  if (
    org.toLocaleLowerCase('en-US') !==
    repositoryOwner.toLocaleLowerCase('en-US')
  ) {
    throw new InputError(
      `${input}: group '${reviewers.groupRef}' maps to the GitHub team ${org}/${reviewers.slug}, but the repository belongs to '${repositoryOwner}'; CODEOWNERS and required reviewers can only name teams of the repository's organisation`,
    );
  }
  return `@${repositoryOwner}/${reviewers.slug}`;
}

async function localHandle(
  options: { catalog: CatalogService; credentials: BackstageCredentials },
  input: string,
  groupRef: string,
): Promise<string> {
  const group = await options.catalog.getEntityByRef(
    stringifyEntityRef(parseEntityRef(groupRef, { defaultKind: 'group' })),
    { credentials: options.credentials },
  );
  if (!group) {
    throw new InputError(
      `${input}: group '${groupRef}' was not found in the catalog`,
    );
  }
  if (!group.metadata.annotations?.[GITHUB_TEAM_SLUG_ANNOTATION]) {
    return `@${group.metadata.name}`;
  }
  // Resolved (and validated) as for GitHub, so a bad annotation shows early.
  const reviewers = await resolveGroupReviewers({
    ...options,
    groupRef,
    input,
  });
  return reviewers.kind === 'team'
    ? `@${reviewers.org ? `${reviewers.org}/` : ''}${reviewers.slug}`
    : `@${group.metadata.name}`;
}

/**
 * Resolves the CODEOWNERS handles of a golden-path repository from the same
 * catalog annotations `mlgp:github:guardrails` uses, so the code owners whose
 * review branch protection requires are the teams GitHub knows:
 *
 * - the owner group must carry `github.com/team-slug` for a GitHub
 *   repository (`repositoryOwner` given); its team must belong to the
 *   repository's organisation;
 * - the approvers resolve exactly as the production reviewers do (the team,
 *   or the members' `github.com/user-login`s);
 * - for a repository outside GitHub the team is used when annotated,
 *   otherwise the group's name.
 *
 * Throws an InputError naming `owner` or `approvers`.
 */
export async function resolveCodeOwners(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  owner: string;
  approvers: string;
  /** The GitHub organisation or user owning the repository, if on GitHub. */
  repositoryOwner?: string;
}): Promise<CodeOwners> {
  const { catalog, credentials, repositoryOwner } = options;
  for (const [input, ref] of [
    ['owner', options.owner],
    ['approvers', options.approvers],
  ] as const) {
    try {
      if (parseEntityRef(ref, { defaultKind: 'group' }).kind !== 'group') {
        throw new Error('not a group');
      }
    } catch {
      throw new InputError(
        `${input}: ${JSON.stringify(
          ref.slice(0, 80),
        )} is not a group entity reference like group:default/<name>`,
      );
    }
  }
  if (!repositoryOwner) {
    return {
      ownerHandle: await localHandle(
        { catalog, credentials },
        'owner',
        options.owner,
      ),
      approversHandles: await localHandle(
        { catalog, credentials },
        'approvers',
        options.approvers,
      ),
    };
  }

  const owner = await resolveGroupReviewers({
    catalog,
    credentials,
    groupRef: options.owner,
    input: 'owner',
  });
  if (owner.kind !== 'team') {
    throw new InputError(
      `owner: group '${owner.groupRef}' has no '${GITHUB_TEAM_SLUG_ANNOTATION}' annotation; a GitHub repository needs the owner group's GitHub team for CODEOWNERS and required code-owner reviews (annotate the group with ${GITHUB_TEAM_SLUG_ANNOTATION}: <org>/<team>)`,
    );
  }
  const approvers = await resolveGroupReviewers({
    catalog,
    credentials,
    groupRef: options.approvers,
    input: 'approvers',
  });
  return {
    ownerHandle: checkOrganisation('owner', owner, repositoryOwner),
    approversHandles:
      approvers.kind === 'team'
        ? checkOrganisation('approvers', approvers, repositoryOwner)
        : approvers.logins.map(login => `@${login}`).join(' '),
  };
}
