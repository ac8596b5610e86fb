import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import { GOVERNING_KINDS, MEMBER_GRANTS, MemberGrant } from './memberGrants';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

function isUserCredentials(
  credentials: BackstageCredentials,
): credentials is BackstageCredentials<BackstageUserPrincipal> {
  return (
    (credentials.principal as { type?: string } | undefined)?.type === 'user'
  );
}

/**
 * Turns a {@link MemberGrant} into the decision for one user. A conditional
 * grant on a permission of the wrong resource type fails closed (DENY).
 */
export function decideMemberGrant(
  grant: MemberGrant | undefined,
  permission: Permission,
  user: PolicyQueryUser,
): PolicyDecision {
  switch (grant) {
    case 'allow':
      return ALLOW;
    case 'owned-entity':
      if (!isResourcePermission(permission, 'catalog-entity')) {
        return DENY;
      }
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({
          claims: user.info.ownershipEntityRefs,
        }),
      );
    case 'owned-component-or-resource':
      if (!isResourcePermission(permission, 'catalog-entity')) {
        return DENY;
      }
      return createCatalogConditionalDecision(permission, {
        allOf: [
          catalogConditions.isEntityOwner({
            claims: user.info.ownershipEntityRefs,
          }),
          { not: catalogConditions.isEntityKind({ kinds: GOVERNING_KINDS }) },
        ],
      });
    case 'own-task':
      if (!isResourcePermission(permission, 'scaffolder-task')) {
        return DENY;
      }
      return createScaffolderTaskConditionalDecision(
        permission,
        scaffolderTaskConditions.isTaskOwner({
          createdBy: [user.info.userEntityRef],
        }),
      );
    default:
      return DENY;
  }
}

/**
 * The portal's least-privilege permission policy.
 *
 * - Members of an admin group may do everything.
 * - Every other signed-in user gets what {@link MEMBER_GRANTS} lists
 *   (unlisted permissions are denied).
 * - A request without a user (no credentials) is denied everything.
 *
 * Service principals (backend plugins, static tokens) never reach a policy:
 * the permissions service decides for them from their configured access
 * restrictions.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  private constructor(
    private readonly adminGroups: ReadonlySet<string>,
    private readonly grants: Readonly<Record<string, MemberGrant>>,
  ) {}

  /**
   * Creates the policy for the given admin group refs (full refs, compared
   * case-insensitively). `grants` defaults to {@link MEMBER_GRANTS}.
   */
  static create(options: {
    adminGroups: string[];
    grants?: Readonly<Record<string, MemberGrant>>;
  }): PortalPermissionPolicy {
    return new PortalPermissionPolicy(
      new Set(options.adminGroups.map(ref => ref.toLocaleLowerCase('en-US'))),
      options.grants ?? MEMBER_GRANTS,
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user || !isUserCredentials(user.credentials)) {
      return DENY;
    }
    if (this.isAdmin(user)) {
      return ALLOW;
    }
    const { permission } = request;
    const grant = Object.hasOwn(this.grants, permission.name)
      ? this.grants[permission.name]
      : undefined;
    return decideMemberGrant(grant, permission, user);
  }

  /** Admin membership comes from the user's ownership refs (their groups). */
  private isAdmin(user: PolicyQueryUser): boolean {
    return user.info.ownershipEntityRefs.some(ref =>
      this.adminGroups.has(ref.toLocaleLowerCase('en-US')),
    );
  }
}
