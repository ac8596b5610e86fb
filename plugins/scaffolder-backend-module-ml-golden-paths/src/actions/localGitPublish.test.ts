import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { AddLocationRequest } from '@backstage/catalog-client';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { locationSpecToMetadataName } from '@backstage/plugin-catalog-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { localGitLocationEntityRef } from '../localGit/localGitCatalogLocation';
import { LocalGitRepositories } from '../localGit/LocalGitRepositories';
import { readLocalGitConfig } from '../localGit/readLocalGitConfig';
import { createLocalGitPublishAction } from './localGitPublish';

const CATALOG_INFO = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: fraud-scoring-server
spec: { type: model-server, lifecycle: experimental, owner: group:default/risk-ml }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: fraud-scoring
spec: { type: ai-model, owner: group:default/risk-ml }
`;

describe('mlgp:local-git:publish', () => {
  const mockDir = createMockDirectory();
  let root: string;
  let workspace: string;
  let temp: string;

  function setup(options: {
    coveringLocation: boolean;
    providerLocation?: boolean;
  }) {
    const config = new ConfigReader({
      mlGoldenPaths: {
        localGit: { root, author: { name: 'Ada', email: 'ada@example.com' } },
      },
      catalog: {
        locations: options.coveringLocation
          ? [
              {
                type: 'file',
                target: configGlob(),
              },
            ]
          : [],
      },
    });
    const catalog = catalogServiceMock.mock({
      addLocation: jest.fn(async (location: AddLocationRequest) => ({
        location: {
          id: 'loc-1',
          type: location.type ?? 'url',
          target: location.target,
          entityRef: 'location:default/loc-1',
        },
        entities: [],
      })),
      refreshEntity: jest.fn(async (ref: string) => {
        if (ref === providerRef() && options.providerLocation) {
          return;
        }
        if (ref !== providerRef() && options.coveringLocation) {
          return;
        }
        throw new NotFoundError(`Failed to schedule ${ref} for refresh`);
      }),
      getEntityByRef: jest.fn(async () => undefined),
    });
    const action = createLocalGitPublishAction({
      repositories: LocalGitRepositories.create(readLocalGitConfig(config)),
      catalog,
      auth: mockServices.auth(),
      config,
      registrationWaitSeconds: 0,
    });
    return { action, catalog };
  }

  function configGlob() {
    return path.join(root, 'checkouts/**/catalog-info.yaml');
  }

  function providerRef() {
    return localGitLocationEntityRef(root);
  }

  function context(input: {
    name: string;
    description?: string;
    sourcePath?: string;
    catalogInfoPath?: string;
  }) {
    const ctx = createMockActionContext({ input, workspacePath: workspace });
    ctx.createTemporaryDirectory = jest.fn(async () => temp);
    return ctx;
  }

  beforeEach(() => {
    mockDir.setContent({
      root: {},
      temp: {},
      workspace: {
        'catalog-info.yaml': CATALOG_INFO,
        'README.md': '# fraud-scoring\n',
        'src/app.py': 'print("hello")\n',
      },
    });
    root = mockDir.resolve('root');
    workspace = mockDir.resolve('workspace');
    temp = mockDir.resolve('temp');
  });

  it('pushes the workspace to a new bare repository, checks it out and refreshes the catalog module location', async () => {
    const { action, catalog } = setup({
      coveringLocation: false,
      providerLocation: true,
    });
    const ctx = context({ name: 'fraud-scoring', description: 'Fraud risk' });
    await action.handler(ctx);

    const bare = path.join(root, 'fraud-scoring.git');
    const checkout = path.join(root, 'checkouts/fraud-scoring');
    expect(fs.readFileSync(path.join(checkout, 'src/app.py'), 'utf8')).toBe(
      'print("hello")\n',
    );
    expect(fs.readFileSync(path.join(bare, 'description'), 'utf8')).toBe(
      'Fraud risk\n',
    );
    const log = execFileSync(
      'git',
      ['--git-dir', bare, 'log', '--format=%an <%ae>|%s', 'main'],
      { encoding: 'utf8' },
    ).trim();
    expect(log).toBe('Ada <ada@example.com>|Initial commit');
    // the workspace itself was not turned into a git repository
    expect(fs.existsSync(path.join(workspace, '.git'))).toBe(false);

    expect(ctx.output).toHaveBeenCalledWith('remoteUrl', `file://${bare}`);
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoUrl',
      `file://${checkout}/catalog-info.yaml`,
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/fraud-scoring',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'commitHash',
      expect.stringMatching(/^[0-9a-f]{40}$/),
    );
    expect(catalog.refreshEntity).toHaveBeenCalledWith(
      providerRef(),
      expect.anything(),
    );
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it('falls back to a catalog.locations entry that covers the checkout', async () => {
    const { action, catalog } = setup({ coveringLocation: true });
    await action.handler(context({ name: 'fraud-scoring' }));
    expect(catalog.refreshEntity).toHaveBeenLastCalledWith(
      `location:default/${locationSpecToMetadataName({
        type: 'file',
        target: configGlob(),
      })}`,
      expect.anything(),
    );
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it('adds a file location when no configured location covers the checkout', async () => {
    const { action, catalog } = setup({ coveringLocation: false });
    await action.handler(context({ name: 'fraud-scoring' }));
    expect(catalog.addLocation).toHaveBeenCalledWith(
      {
        type: 'file',
        target: path.join(root, 'checkouts/fraud-scoring/catalog-info.yaml'),
      },
      expect.anything(),
    );
  });

  it('explains what to configure when the catalog refuses file locations', async () => {
    const { action, catalog } = setup({ coveringLocation: false });
    catalog.addLocation.mockRejectedValue(
      new Error('Registered locations must be of an allowed type ["url"]'),
    );
    await expect(
      action.handler(context({ name: 'fraud-scoring' })),
    ).rejects.toThrow(/install this package's catalog module/);
  });

  it('never overwrites an existing repository', async () => {
    const { action } = setup({ coveringLocation: true });
    fs.mkdirSync(path.join(root, 'fraud-scoring.git'));
    fs.writeFileSync(path.join(root, 'fraud-scoring.git', 'HEAD'), 'keep me');
    await expect(
      action.handler(context({ name: 'fraud-scoring' })),
    ).rejects.toThrow(
      /name: a repository named 'fraud-scoring' already exists/,
    );
    expect(
      fs.readFileSync(path.join(root, 'fraud-scoring.git', 'HEAD'), 'utf8'),
    ).toBe('keep me');
  });

  it.each([
    ['../escape', /must not contain slashes/],
    ['..', /must not contain '\.\.'/],
    ['/tmp/evil', /must not be an absolute path/],
    ['a/b', /must not contain slashes/],
    ['Fraud_Scoring', /lower-case letters, digits or dashes/],
    ['', /lower-case letters/],
  ])('rejects the name %j and writes nothing', async (name, message) => {
    const { action } = setup({ coveringLocation: true });
    const before = fs.readdirSync(mockDir.path);
    await expect(action.handler(context({ name }))).rejects.toThrow(message);
    expect(fs.readdirSync(root)).toEqual([]);
    expect(fs.readdirSync(mockDir.path)).toEqual(before);
  });

  it('refuses source and catalog paths that leave the workspace', async () => {
    const { action } = setup({ coveringLocation: true });
    await expect(
      action.handler(context({ name: 'fraud-scoring', sourcePath: '../' })),
    ).rejects.toThrow(/outside/);
    await expect(
      action.handler(
        context({ name: 'fraud-scoring', catalogInfoPath: '/etc/passwd' }),
      ),
    ).rejects.toThrow(/catalogInfoPath/);
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it('names catalogInfoPath when the workspace has no catalog file', async () => {
    const { action } = setup({ coveringLocation: true });
    fs.rmSync(path.join(workspace, 'catalog-info.yaml'));
    await expect(
      action.handler(context({ name: 'fraud-scoring' })),
    ).rejects.toThrow(
      /catalogInfoPath: the published folder has no catalog file/,
    );
  });

  it('writes nothing in a dry run', async () => {
    const { action, catalog } = setup({ coveringLocation: true });
    const ctx = { ...context({ name: 'fraud-scoring' }), isDryRun: true };
    await action.handler(ctx);
    expect(fs.readdirSync(root)).toEqual([]);
    expect(catalog.refreshEntity).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/fraud-scoring',
    );
  });
});
