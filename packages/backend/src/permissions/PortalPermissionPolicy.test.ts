import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PortalPermissionPolicy } from './PortalPermissionPolicy';

const memberships: Record<string, string[]> = {
  'user:default/quinn': ['user:default/quinn', 'group:default/platform-admins'],
  'user:default/dana': ['user:default/dana', 'group:default/risk-ml'],
};

function createPolicy(adminGroups = ['group:default/Platform-Admins']) {
  const userInfo = mockServices.userInfo.mock({
    async getUserInfo(credentials) {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return { userEntityRef: ref, ownershipEntityRefs: memberships[ref] };
    },
  });
  return PortalPermissionPolicy.create({ adminGroups, userInfo });
}

const entityDelete = createPermission({
  name: 'catalog.entity.delete',
  attributes: { action: 'delete' },
  resourceType: 'catalog-entity',
});
const entityRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const taskCreate = createPermission({
  name: 'scaffolder.task.create',
  attributes: { action: 'create' },
});
const locationCreate = createPermission({
  name: 'catalog.location.create',
  attributes: { action: 'create' },
});

function asUser(ref: string) {
  return {
    credentials: mockCredentials.user(ref),
    info: { userEntityRef: ref, ownershipEntityRefs: memberships[ref] },
  };
}

describe('PortalPermissionPolicy', () => {
  it('lets members of an admin group do everything (group refs compared case-insensitively)', async () => {
    const policy = createPolicy();
    const decision = await policy.handle(
      { permission: entityDelete },
      asUser('user:default/quinn'),
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('lets everyone else read and run templates, and nothing more', async () => {
    const policy = createPolicy();
    const dana = asUser('user:default/dana');
    expect((await policy.handle({ permission: entityRead }, dana)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect((await policy.handle({ permission: taskCreate }, dana)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(
      (await policy.handle({ permission: locationCreate }, dana)).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (await policy.handle({ permission: entityDelete }, dana)).result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('denies mutations when no admin group is configured', async () => {
    const policy = createPolicy([]);
    const decision = await policy.handle(
      { permission: entityDelete },
      asUser('user:default/quinn'),
    );
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });

  it('denies mutations to requests without a user', async () => {
    const policy = createPolicy();
    const decision = await policy.handle({ permission: entityDelete });
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });
});
