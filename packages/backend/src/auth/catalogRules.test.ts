import { AppConfig, ConfigReader, JsonObject } from '@backstage/config';
import { ConfigSources } from '@backstage/config-loader';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import path from 'node:path';
import request from 'supertest';

/**
 * What may enter the catalog: the real catalog with the production
 * configuration's `catalog.rules` and locations. Locations nobody configured
 * rules for (as good as a location a person registers) may hold Components but
 * not Templates, Users, Groups or Locations; the configured templates and
 * organisation locations may.
 */
const ROOT = path.resolve(__dirname, '../../../..');
const dir = createMockDirectory();

const entity = (kind: string, name: string, spec: object) =>
  `apiVersion: ${
    kind === 'Template'
      ? 'scaffolder.backstage.io/v1beta3'
      : 'backstage.io/v1alpha1'
  }
kind: ${kind}
metadata:
  name: ${name}
spec: ${JSON.stringify(spec)}
`;

async function productionCatalogConfig() {
  const source = ConfigSources.defaultForTargets({
    rootDir: ROOT,
    targets: ['app-config.yaml', 'app-config.production.yaml'].map(f => ({
      type: 'path' as const,
      target: path.join(ROOT, f),
    })),
    substitutionFunc: async name =>
      name === 'CATALOG_ORG_LOCATION' ? dir.resolve('org.yaml') : undefined,
  });
  const configs: AppConfig[] = [];
  for await (const { configs: read } of source.readConfigData()) {
    configs.push(...read);
    break;
  }
  const catalog = ConfigReader.fromConfigs(configs).getConfig('catalog');
  return {
    rules: catalog.getConfigArray('rules').map(r => r.get<JsonObject>()),
    locations: catalog
      .getConfigArray('locations')
      .map(l => l.get<JsonObject>()),
  };
}

const SNEAKY = [
  'Template:sneaky-template',
  'User:sneaky-user',
  'Group:platform-admins',
  'Location:sneaky-location',
];

const EXPECTED = [
  'Template:online-inference',
  'Template:batch-scoring',
  'Template:training-pipeline',
  'User:alice',
  'Group:ml-team',
  'Component:someones-service',
];

/**
 * Starts the catalog with the production rules and locations plus five
 * locations nobody configured rules for (`extraRules` gives them some, for
 * the control run), and returns the kind:name of every entity once `wanted`
 * are all in, after two more seconds for anything else to arrive.
 */
async function catalogContents(wanted: string[], extraRules?: string[]) {
  const catalog = await productionCatalogConfig();
  const unruled = ['component', 'template', 'user', 'group', 'location'].map(
    name => ({
      type: 'file',
      target: dir.resolve(`${name}.yaml`),
      ...(extraRules ? { rules: [{ allow: extraRules }] } : {}),
    }),
  );
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            ...catalog,
            locations: [...catalog.locations, ...unruled],
          },
        },
      }),
      catalogPlugin,
      scaffolderEntityModel,
    ],
  });
  try {
    const names = async () => {
      const res = await request(backend.server)
        .get('/api/catalog/entities?fields=kind,metadata.name')
        .set(
          'authorization',
          `Bearer ${mockCredentials.user.token('user:default/alice')}`,
        );
      expect(res.status).toBe(200);
      return (res.body as { kind: string; metadata: { name: string } }[]).map(
        e => `${e.kind}:${e.metadata.name}`,
      );
    };
    for (let i = 0; i < 150; i++) {
      const seen = await names();
      if (wanted.every(e => seen.includes(e))) break;
      await new Promise(r => setTimeout(r, 300));
    }
    await new Promise(r => setTimeout(r, 2000));
    return await names();
  } finally {
    await backend.stop();
  }
}

describe('catalog.rules in production', () => {
  const cwd = process.cwd();

  beforeAll(() => {
    dir.setContent({
      'org.yaml': [
        entity('Group', 'ml-team', { type: 'team', children: [] }),
        entity('User', 'alice', { memberOf: ['ml-team'] }),
      ].join('---\n'),
      'component.yaml': entity('Component', 'someones-service', {
        type: 'service',
        lifecycle: 'experimental',
        owner: 'group:default/ml-team',
      }),
      'template.yaml': entity('Template', 'sneaky-template', {
        type: 'service',
        steps: [],
      }),
      'user.yaml': entity('User', 'sneaky-user', {
        memberOf: ['platform-admins'],
      }),
      'group.yaml': entity('Group', 'platform-admins', {
        type: 'role',
        children: [],
      }),
      'location.yaml': entity('Location', 'sneaky-location', {
        targets: ['./component.yaml'],
      }),
    });
    // Relative targets (./templates/all.yaml) are read from the repository
    // root, the production working directory.
    process.chdir(ROOT);
  });

  afterAll(() => {
    process.chdir(cwd);
  });

  it('takes templates and the organisation from their configured locations, components from anywhere, nothing else', async () => {
    const contents = await catalogContents(EXPECTED);
    expect(contents).toEqual(expect.arrayContaining(EXPECTED));
    for (const refused of SNEAKY) {
      expect(contents).not.toContain(refused);
    }
  }, 90_000);

  it('(control) would take the same files if their locations were configured to allow those kinds', async () => {
    const contents = await catalogContents(
      [...EXPECTED, ...SNEAKY],
      ['User', 'Group', 'Template', 'Location'],
    );
    expect([...EXPECTED, ...SNEAKY].filter(e => !contents.includes(e))).toEqual(
      [],
    );
  }, 90_000);
});
