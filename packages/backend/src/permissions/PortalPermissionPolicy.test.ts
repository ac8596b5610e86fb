import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  decideMemberGrant,
  PortalPermissionPolicy,
} from './PortalPermissionPolicy';
import { MEMBER_GRANTS } from './memberGrants';

const memberships: Record<string, string[]> = {
  'user:default/quinn': ['user:default/quinn', 'group:default/platform-admins'],
  'user:default/dana': ['user:default/dana', 'group:default/risk-ml'],
};

function asUser(ref: string): PolicyQueryUser {
  return {
    credentials: mockCredentials.user(ref),
    info: { userEntityRef: ref, ownershipEntityRefs: memberships[ref] },
  };
}

const quinn = asUser('user:default/quinn');
const dana = asUser('user:default/dana');

// The permissions as the catalog, the scaffolder and our module define them
// (same name, attributes and resource type).
const entity = (name: string, action?: 'read' | 'delete' | 'update') =>
  createPermission({
    name,
    attributes: action ? { action } : {},
    resourceType: 'catalog-entity',
  });
const task = (name: string, action?: 'read' | 'create') =>
  createPermission({
    name,
    attributes: action ? { action } : {},
    resourceType: 'scaffolder-task',
  });
const basic = (
  name: string,
  action?: 'create' | 'delete' | 'read' | 'update',
) => createPermission({ name, attributes: action ? { action } : {} });

const PERMISSIONS: Record<string, Permission> = {
  'catalog.entity.read': entity('catalog.entity.read', 'read'),
  'catalog.entity.refresh': entity('catalog.entity.refresh', 'update'),
  'catalog.entity.delete': entity('catalog.entity.delete', 'delete'),
  'catalog.entity.create': basic('catalog.entity.create', 'create'),
  'catalog.entity.validate': basic('catalog.entity.validate'),
  'catalog.location.read': basic('catalog.location.read', 'read'),
  'catalog.location.create': basic('catalog.location.create', 'create'),
  'catalog.location.delete': basic('catalog.location.delete', 'delete'),
  'catalog.location.analyze': basic('catalog.location.analyze'),
  'catalog.ingestion.read': basic('catalog.ingestion.read', 'read'),
  'catalog.ingestion.manage': basic('catalog.ingestion.manage'),
  'scaffolder.template.parameter.read': createPermission({
    name: 'scaffolder.template.parameter.read',
    attributes: { action: 'read' },
    resourceType: 'scaffolder-template',
  }),
  'scaffolder.template.step.read': createPermission({
    name: 'scaffolder.template.step.read',
    attributes: { action: 'read' },
    resourceType: 'scaffolder-template',
  }),
  'scaffolder.action.execute': createPermission({
    name: 'scaffolder.action.execute',
    attributes: {},
    resourceType: 'scaffolder-action',
  }),
  'scaffolder.task.create': basic('scaffolder.task.create', 'create'),
  'scaffolder.task.read': task('scaffolder.task.read', 'read'),
  'scaffolder.task.cancel': task('scaffolder.task.cancel'),
  'scaffolder.template.dry-run': basic('scaffolder.template.dry-run'),
  'scaffolder.template.management': basic('scaffolder.template.management'),
  'ml-golden-paths.guardrails.override': basic(
    'ml-golden-paths.guardrails.override',
  ),
  'ml-readiness.read': basic('ml-readiness.read', 'read'),
  'ml-readiness.gate.evaluate': basic('ml-readiness.gate.evaluate', 'create'),
  'ml-readiness.refresh': basic('ml-readiness.refresh', 'update'),
  'ml-readiness.evidence.read': basic('ml-readiness.evidence.read', 'read'),
  'ml-readiness.exemption.create': basic(
    'ml-readiness.exemption.create',
    'create',
  ),
  'ml-readiness.exemption.revoke': basic(
    'ml-readiness.exemption.revoke',
    'delete',
  ),
};

const ownedByDana = {
  rule: 'IS_ENTITY_OWNER',
  resourceType: 'catalog-entity',
  params: { claims: ['user:default/dana', 'group:default/risk-ml'] },
};

/** What a non-admin gets, permission by permission. */
const EXPECTED_FOR_MEMBER: Record<string, unknown> = {
  'catalog.entity.read': { result: AuthorizeResult.ALLOW },
  'catalog.location.read': { result: AuthorizeResult.ALLOW },
  'catalog.entity.refresh': {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'catalog',
    resourceType: 'catalog-entity',
    conditions: ownedByDana,
  },
  'catalog.entity.delete': {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'catalog',
    resourceType: 'catalog-entity',
    conditions: {
      allOf: [
        ownedByDana,
        {
          not: {
            rule: 'IS_ENTITY_KIND',
            resourceType: 'catalog-entity',
            params: { kinds: ['Template', 'Location', 'User', 'Group'] },
          },
        },
      ],
    },
  },
  'catalog.entity.create': { result: AuthorizeResult.DENY },
  'catalog.entity.validate': { result: AuthorizeResult.DENY },
  'catalog.location.create': { result: AuthorizeResult.DENY },
  'catalog.location.delete': { result: AuthorizeResult.DENY },
  'catalog.location.analyze': { result: AuthorizeResult.DENY },
  'catalog.ingestion.read': { result: AuthorizeResult.DENY },
  'catalog.ingestion.manage': { result: AuthorizeResult.DENY },
  'scaffolder.template.parameter.read': { result: AuthorizeResult.ALLOW },
  'scaffolder.template.step.read': { result: AuthorizeResult.ALLOW },
  'scaffolder.action.execute': { result: AuthorizeResult.ALLOW },
  'scaffolder.task.create': { result: AuthorizeResult.ALLOW },
  'scaffolder.task.read': {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'scaffolder',
    resourceType: 'scaffolder-task',
    conditions: {
      rule: 'IS_TASK_OWNER',
      resourceType: 'scaffolder-task',
      params: { createdBy: ['user:default/dana'] },
    },
  },
  'scaffolder.task.cancel': {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'scaffolder',
    resourceType: 'scaffolder-task',
    conditions: {
      rule: 'IS_TASK_OWNER',
      resourceType: 'scaffolder-task',
      params: { createdBy: ['user:default/dana'] },
    },
  },
  'scaffolder.template.dry-run': { result: AuthorizeResult.DENY },
  'scaffolder.template.management': { result: AuthorizeResult.DENY },
  'ml-golden-paths.guardrails.override': { result: AuthorizeResult.DENY },
  'ml-readiness.read': { result: AuthorizeResult.ALLOW },
  'ml-readiness.gate.evaluate': { result: AuthorizeResult.ALLOW },
  'ml-readiness.refresh': { result: AuthorizeResult.ALLOW },
  'ml-readiness.evidence.read': { result: AuthorizeResult.ALLOW },
  'ml-readiness.exemption.create': { result: AuthorizeResult.DENY },
  'ml-readiness.exemption.revoke': { result: AuthorizeResult.DENY },
};

describe('PortalPermissionPolicy', () => {
  const policy = PortalPermissionPolicy.create({
    adminGroups: ['group:default/Platform-Admins'],
  });

  it('covers every permission of the grants table in this test', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(
      Object.keys(MEMBER_GRANTS).sort(),
    );
    expect(Object.keys(EXPECTED_FOR_MEMBER).sort()).toEqual(
      Object.keys(MEMBER_GRANTS).sort(),
    );
  });

  it.each(Object.keys(PERMISSIONS))(
    '%s: allowed outright for a member of an admin group (refs compared case-insensitively)',
    async name => {
      expect(
        await policy.handle({ permission: PERMISSIONS[name] }, quinn),
      ).toEqual({ result: AuthorizeResult.ALLOW });
    },
  );

  it.each(Object.keys(PERMISSIONS))(
    '%s: decided by the grants table for a non-admin',
    async name => {
      expect(
        await policy.handle({ permission: PERMISSIONS[name] }, dana),
      ).toEqual(EXPECTED_FOR_MEMBER[name]);
    },
  );

  it.each(Object.keys(PERMISSIONS))('%s: denied without a user', async name => {
    expect(await policy.handle({ permission: PERMISSIONS[name] })).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('denies a permission the table does not list, even a read', async () => {
    const unknownRead = basic('ml-readiness.scorecard.read', 'read');
    expect(await policy.handle({ permission: unknownRead }, dana)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await policy.handle({ permission: unknownRead }, quinn)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('does not read grants from the object prototype', async () => {
    const sneaky = basic('constructor');
    expect(await policy.handle({ permission: sneaky }, dana)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('makes nobody an admin when no admin group is configured', async () => {
    const noAdmins = PortalPermissionPolicy.create({ adminGroups: [] });
    expect(
      await noAdmins.handle(
        { permission: PERMISSIONS['catalog.location.create'] },
        quinn,
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('does not make a user an admin because their own name matches an admin group name', async () => {
    const lookalike: PolicyQueryUser = {
      credentials: mockCredentials.user('user:default/platform-admins'),
      info: {
        userEntityRef: 'user:default/platform-admins',
        ownershipEntityRefs: ['user:default/platform-admins'],
      },
    };
    expect(
      await policy.handle(
        { permission: PERMISSIONS['catalog.location.create'] },
        lookalike,
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('grants extra permissions through a custom table', async () => {
    const withGate = PortalPermissionPolicy.create({
      adminGroups: [],
      grants: { ...MEMBER_GRANTS, 'ml-readiness.gate.read': 'allow' },
    });
    expect(
      await withGate.handle(
        { permission: basic('ml-readiness.gate.read', 'read') },
        dana,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });
});

describe('decideMemberGrant', () => {
  it('fails closed when a conditional grant meets a permission of another resource type', () => {
    expect(
      decideMemberGrant(
        'owned-entity',
        PERMISSIONS['scaffolder.task.read'],
        dana,
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(
      decideMemberGrant('own-task', PERMISSIONS['catalog.entity.delete'], dana),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(
      decideMemberGrant(
        'owned-component-or-resource',
        PERMISSIONS['catalog.location.create'],
        dana,
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
  });
});
