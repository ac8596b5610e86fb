import request from 'supertest';
import {
  PortalTestBackend,
  startPortalTestBackend,
  USERS,
} from '../access/__testUtils__/portalTestBackend';

/**
 * The real permission backend with the portal policy, asked directly for
 * decisions about real entities and tasks: the conditions the policy returns
 * are evaluated by the catalog and the scaffolder, and the user's groups come
 * from the catalog through sign-in.
 */
describe('portal permission policy, end to end', () => {
  let portal: PortalTestBackend;

  beforeAll(async () => {
    portal = await startPortalTestBackend({ probePermissions: [] });
  }, 120_000);

  afterAll(async () => {
    await portal?.stop();
  });

  const entityPermission = (name: string, action: string) => ({
    type: 'resource',
    name,
    attributes: { action },
    resourceType: 'catalog-entity',
  });

  async function authorize(
    user: string,
    items: { id: string; permission: object; resourceRef?: string }[],
  ) {
    const res = await request(portal.server)
      .post('/api/permission/authorize')
      .set(await portal.headers({ user }))
      .send({ items });
    expect(res.status).toBe(200);
    return Object.fromEntries(
      (res.body.items as { id: string; result: string }[]).map(item => [
        item.id,
        item.result,
      ]),
    );
  }

  it("lets a non-admin refresh and delete their team's component, not another team's, nor their team's template", async () => {
    const refresh = entityPermission('catalog.entity.refresh', 'update');
    const del = entityPermission('catalog.entity.delete', 'delete');
    const decisions = await authorize(USERS.member, [
      {
        id: 'refresh-own-model',
        permission: refresh,
        resourceRef: 'resource:default/fraud-scoring',
      },
      {
        id: 'refresh-other',
        permission: refresh,
        resourceRef: 'component:default/platform-portal',
      },
      {
        id: 'delete-own-component',
        permission: del,
        resourceRef: 'component:default/risk-ml-component-6',
      },
      {
        id: 'delete-other-component',
        permission: del,
        resourceRef: 'component:default/platform-component-6',
      },
      {
        id: 'delete-own-template',
        permission: del,
        resourceRef: 'template:default/risk-ml-template-6',
      },
      {
        id: 'refresh-missing',
        permission: refresh,
        resourceRef: 'component:default/does-not-exist',
      },
    ]);
    expect(decisions).toEqual({
      'refresh-own-model': 'ALLOW',
      'refresh-other': 'DENY',
      'delete-own-component': 'ALLOW',
      'delete-other-component': 'DENY',
      'delete-own-template': 'DENY',
      'refresh-missing': 'DENY',
    });
  });

  it('lets an admin (member of platform-admins in the catalog) do the same on any entity', async () => {
    const del = entityPermission('catalog.entity.delete', 'delete');
    const decisions = await authorize(USERS.admin, [
      {
        id: 'delete-risk-ml-template',
        permission: del,
        resourceRef: 'template:default/risk-ml-template-6',
      },
      {
        id: 'delete-risk-ml-component',
        permission: del,
        resourceRef: 'component:default/risk-ml-component-6',
      },
    ]);
    expect(decisions).toEqual({
      'delete-risk-ml-template': 'ALLOW',
      'delete-risk-ml-component': 'ALLOW',
    });
  });

  it('decides basic permissions by role', async () => {
    const items = [
      {
        id: 'register-location',
        permission: {
          type: 'basic',
          name: 'catalog.location.create',
          attributes: { action: 'create' },
        },
      },
      {
        id: 'run-template',
        permission: {
          type: 'basic',
          name: 'scaffolder.task.create',
          attributes: { action: 'create' },
        },
      },
      {
        id: 'dry-run',
        permission: {
          type: 'basic',
          name: 'scaffolder.template.dry-run',
          attributes: {},
        },
      },
    ];
    expect(await authorize(USERS.member, items)).toEqual({
      'register-location': 'DENY',
      'run-template': 'ALLOW',
      'dry-run': 'DENY',
    });
    expect(await authorize(USERS.admin, items)).toEqual({
      'register-location': 'ALLOW',
      'run-template': 'ALLOW',
      'dry-run': 'ALLOW',
    });
  });

  it('refreshes a real entity for its owner and refuses another team (the routes, not only the decisions)', async () => {
    const asDana = await portal.headers({ user: USERS.member });
    const asQuinn = await portal.headers({ user: USERS.admin });
    const own = await request(portal.server)
      .post('/api/catalog/refresh')
      .set(asDana)
      .send({ entityRef: 'resource:default/fraud-scoring' });
    expect(own.status).toBe(200);
    const other = await request(portal.server)
      .post('/api/catalog/refresh')
      .set(asDana)
      .send({ entityRef: 'component:default/platform-portal' });
    expect(other.status).toBe(403);
    const admin = await request(portal.server)
      .post('/api/catalog/refresh')
      .set(asQuinn)
      .send({ entityRef: 'component:default/platform-portal' });
    expect(admin.status).toBe(200);
  });
});
