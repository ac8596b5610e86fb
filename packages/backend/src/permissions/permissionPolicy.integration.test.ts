import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import request from 'supertest';
import { permissionPolicyModule } from './permissionPolicyModule';

const memberships: Record<string, string[]> = {
  'user:default/quinn': ['user:default/quinn', 'group:default/platform-admins'],
  'user:default/dana': ['user:default/dana', 'group:default/risk-ml'],
};

/**
 * The real permission backend with the portal policy, and the real catalog
 * asking it through the real permissions service: proves the policy is the one
 * in force, for an admin and for a non-admin user.
 */
async function startPortal() {
  const userInfo = mockServices.userInfo.mock({
    async getUserInfo(credentials) {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return { userEntityRef: ref, ownershipEntityRefs: memberships[ref] };
    },
  });
  const { server } = await startTestBackend({
    features: [
      permissionPlugin,
      permissionPolicyModule,
      catalogPlugin,
      permissionsServiceFactory,
      userInfo.factory,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          mlGoldenPaths: {
            permissions: { adminGroups: ['group:default/platform-admins'] },
          },
        },
      }),
    ],
  });
  return server;
}

describe('portal permission policy, end to end', () => {
  it('lets a non-admin read the catalog but not refresh entities; an admin may', async () => {
    const server = await startPortal();

    const read = await request(server)
      .get('/api/catalog/entities')
      .set('authorization', mockCredentials.user.header('user:default/dana'));
    expect(read.status).toBe(200);

    const denied = await request(server)
      .post('/api/catalog/refresh')
      .set('authorization', mockCredentials.user.header('user:default/dana'))
      .send({ entityRef: 'component:default/fraud-scoring-service' });
    expect(denied.status).toBe(403);

    const allowed = await request(server)
      .post('/api/catalog/refresh')
      .set('authorization', mockCredentials.user.header('user:default/quinn'))
      .send({ entityRef: 'component:default/fraud-scoring-service' });
    expect(allowed.status).not.toBe(403);
  });

  it('answers authorize requests with the policy decision', async () => {
    const server = await startPortal();
    const ask = (user: string) =>
      request(server)
        .post('/api/permission/authorize')
        .set('authorization', mockCredentials.user.header(user))
        .send({
          items: [
            {
              id: 'delete',
              permission: {
                type: 'basic',
                name: 'catalog.entity.delete',
                attributes: { action: 'delete' },
              },
            },
            {
              id: 'run',
              permission: {
                type: 'basic',
                name: 'scaffolder.task.create',
                attributes: { action: 'create' },
              },
            },
          ],
        });

    const dana = await ask('user:default/dana');
    expect(dana.status).toBe(200);
    expect(dana.body.items).toEqual([
      { id: 'delete', result: 'DENY' },
      { id: 'run', result: 'ALLOW' },
    ]);
    const quinn = await ask('user:default/quinn');
    expect(quinn.body.items).toEqual([
      { id: 'delete', result: 'ALLOW' },
      { id: 'run', result: 'ALLOW' },
    ]);
  });
});
