import {
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

/**
 * Permissions everyone may use beyond reading: running templates, which
 * includes registering what a template created.
 */
const TEMPLATE_RUN_PERMISSIONS = new Set([
  'scaffolder.action.execute',
  'scaffolder.task.create',
  'scaffolder.task.read',
  'scaffolder.task.cancel',
  'scaffolder.template.parameter.read',
  'scaffolder.template.step.read',
  'catalog.location.create',
  'catalog.location.read',
]);

function isUserCredentials(
  credentials: BackstageCredentials,
): credentials is BackstageCredentials<BackstageUserPrincipal> {
  return (
    (credentials.principal as { type?: string } | undefined)?.type === 'user'
  );
}

/**
 * The portal's permission policy: members of an admin group may do everything;
 * every other signed-in user reads everything and runs templates.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  private constructor(
    private readonly adminGroups: ReadonlySet<string>,
    private readonly userInfo: UserInfoService,
  ) {}

  /** Creates the policy for the given admin group refs (lower-cased, full refs). */
  static create(options: {
    adminGroups: string[];
    userInfo: UserInfoService;
  }): PortalPermissionPolicy {
    return new PortalPermissionPolicy(
      new Set(options.adminGroups.map(ref => ref.toLocaleLowerCase('en-US'))),
      options.userInfo,
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (user && (await this.isAdmin(user.credentials))) {
      return { result: AuthorizeResult.ALLOW };
    }
    const { permission } = request;
    if (
      permission.attributes.action === 'read' ||
      TEMPLATE_RUN_PERMISSIONS.has(permission.name)
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    return { result: AuthorizeResult.DENY };
  }

  private async isAdmin(credentials: BackstageCredentials): Promise<boolean> {
    if (this.adminGroups.size === 0 || !isUserCredentials(credentials)) {
      return false;
    }
    const info = await this.userInfo.getUserInfo(credentials);
    return info.ownershipEntityRefs.some(ref =>
      this.adminGroups.has(ref.toLocaleLowerCase('en-US')),
    );
  }
}
