import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  createBackendPlugin,
  coreServices,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  builtInFactSets,
  compilePolicy,
  defaultPolicy,
  evaluateScorecard,
  exemplaryFacts,
  FactSnapshot,
  repositoryFactsSchema,
  RepositoryFacts,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import {
  FactCollector,
  readinessCollectorsExtensionPoint,
} from '@ml-golden-paths/plugin-ml-readiness-node';
import {
  renderGoldenPath,
  templateVersion,
  goldenPathCapabilities,
} from '@ml-golden-paths/plugin-ml-readiness-repository-facts/testUtils';
import {
  LocalGitRepositoryCollector,
  NO_SETTINGS_REASON,
} from './LocalGitRepositoryCollector';
import { mlReadinessModuleLocalGit } from './module';

const DAY = 86_400;

function git(cwd: string, args: string[], date?: number) {
  const when = date ? `@${date} +0000` : undefined;
  return execFileSync('git', ['-c', 'commit.gpgSign=false', ...args], {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: os.tmpdir(),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'Dana',
      GIT_AUTHOR_EMAIL: 'dana@example.com',
      GIT_COMMITTER_NAME: 'Dana',
      GIT_COMMITTER_EMAIL: 'dana@example.com',
      ...(when ? { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when } : {}),
    },
  })
    .toString()
    .trim();
}

const modelAt = (
  location: string,
  extra: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'fraud-scoring',
    namespace: 'default',
    annotations: { 'backstage.io/managed-by-location': location, ...extra },
  },
  spec: {
    type: 'ai-model',
    owner: 'group:default/risk-ml',
    mlops: {
      tier: 1,
      task: 'binary-classification',
      servingPattern: 'online',
      modelCard: 'docs/model-card.md',
    },
  },
});

describe('LocalGitRepositoryCollector', () => {
  const logger = mockServices.logger.mock();
  let tmp: string;
  let root: string;
  let checkout: string;
  let commit: string;
  const now = Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    tmp = fs.realpathSync(
      fs.mkdtempSync(path.join(os.tmpdir(), 'local-git-collector-')),
    );
    root = path.join(tmp, 'root');
    checkout = path.join(root, 'checkouts', 'fraud-scoring');
    const rendered = await renderGoldenPath({
      template: 'online-inference',
      destination: 'local',
      outDir: path.join(tmp, 'render'),
    });
    fs.mkdirSync(path.dirname(checkout), { recursive: true });
    fs.cpSync(rendered, checkout, { recursive: true });
    git(checkout, ['init', '-q', '--initial-branch=main']);
    git(checkout, ['add', '--all']);
    git(
      checkout,
      ['commit', '-q', '-m', 'Create from the golden path'],
      now - 40 * DAY,
    );
    fs.appendFileSync(
      path.join(checkout, 'docs/model-card.md'),
      '\nEvaluated again.\n',
    );
    git(
      checkout,
      ['commit', '-q', '-am', 'Refresh the model card'],
      now - 2 * DAY,
    );
    commit = git(checkout, ['rev-parse', 'HEAD']);
  }, 180_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const collector = () =>
    LocalGitRepositoryCollector.create({
      root,
      logger,
      newestTemplateVersion: async t =>
        t === 'online-inference' ? templateVersion(t) : undefined,
    });
  const entity = () => modelAt(`file:${checkout}/catalog-info.yaml`);

  it('applies only to models read from a checkout under the root', () => {
    const c = collector();
    expect(c.appliesTo(entity())).toBe(true);
    expect(
      c.appliesTo(
        modelAt(`file:${root}/checkouts/../../etc/catalog-info.yaml`),
      ),
    ).toBe(false);
    expect(
      c.appliesTo(modelAt(`file:${root}/checkouts/catalog-info.yaml`)),
    ).toBe(false);
    expect(
      c.appliesTo(
        modelAt('url:https://github.com/acme/x/blob/main/catalog-info.yaml'),
      ),
    ).toBe(false);
    expect(
      c.appliesTo(
        modelAt(`file:${checkout}/catalog-info.yaml`, {
          'github.com/project-slug': 'acme/x',
        }),
      ),
    ).toBe(false);
  });

  it('grades a repository published from the golden path with all-good facts; settings stay unavailable', async () => {
    const [repository, settings] = await collector().collect(entity(), {
      logger,
    });
    expect(settings).toEqual({
      type: 'unavailable',
      factSet: 'repositorySettings',
      reason: NO_SETTINGS_REASON,
    });
    expect(repository.type).toBe('facts');
    const facts: RepositoryFacts = repositoryFactsSchema.parse(
      (repository as { values: unknown }).values,
    );
    expect(facts).toMatchObject({
      source: 'local-git',
      commit,
      ...goldenPathCapabilities('online-inference'),
      // Ages from `git log`: the model card changed 2 days ago, the runbook 40.
      docs: {
        modelCardPresent: true,
        modelCardAgeDays: 2,
        rollbackRunbookPresent: true,
        rollbackRunbookAgeDays: 40,
      },
      codeowners: { present: true },
      reproducibility: {
        hasDataValidationConfig: true,
        hasEvaluationThresholds: true,
      },
      goldenPath: {
        answersPresent: true,
        template: 'online-inference',
        isCurrent: true,
      },
      security: { secretFindings: 0 },
      hasTests: true,
    });
  });

  it('never reads through a symbolic link that leaves the checkout', async () => {
    const outside = path.join(tmp, 'outside');
    fs.mkdirSync(outside, { recursive: true });
    fs.writeFileSync(
      path.join(outside, 'keys.pem'),
      '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n',
    );
    fs.symlinkSync(
      path.join(outside, 'keys.pem'),
      path.join(checkout, 'linked.pem'),
    );
    fs.symlinkSync(outside, path.join(checkout, 'linked-dir'));
    fs.symlinkSync(
      'docs/model-card.md',
      path.join(checkout, 'MODEL_CARD_LINK.md'),
    );
    const warn = jest.spyOn(logger, 'warn');
    try {
      const [repository] = await collector().collect(entity(), { logger });
      const facts = (repository as { values: RepositoryFacts }).values;
      expect(facts.security.secretFindings).toBe(0);
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/Not reading linked\.pem .*outside the checkout/),
      );
    } finally {
      for (const link of ['linked.pem', 'linked-dir', 'MODEL_CARD_LINK.md']) {
        fs.unlinkSync(path.join(checkout, link));
      }
    }
  });

  it('refuses a checkout that is a symbolic link out of the root, and says so', async () => {
    const elsewhere = path.join(tmp, 'elsewhere');
    fs.cpSync(checkout, elsewhere, { recursive: true });
    const link = path.join(root, 'checkouts', 'escaped');
    fs.symlinkSync(elsewhere, link);
    const [repository, settings] = await collector().collect(
      modelAt(`file:${link}/catalog-info.yaml`),
      { logger },
    );
    expect(repository).toEqual({
      type: 'unavailable',
      factSet: 'repository',
      reason: expect.stringMatching(
        /checkout 'escaped' cannot be read: .*resolves outside the local-git root/,
      ),
    });
    expect(settings.type).toBe('unavailable');
    const [missing] = await collector().collect(
      modelAt(`file:${root}/checkouts/deleted/catalog-info.yaml`),
      { logger },
    );
    expect(missing).toMatchObject({
      type: 'unavailable',
      reason: expect.stringContaining("checkout 'deleted' cannot be read"),
    });
  });

  it('counts a committed private key and reports it without its content', async () => {
    const keyFile = path.join(checkout, 'deploy', 'tls.key');
    const warn = jest.spyOn(logger, 'warn');
    fs.writeFileSync(
      keyFile,
      '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBAD\n-----END EC PRIVATE KEY-----\n',
    );
    try {
      const [repository] = await collector().collect(entity(), { logger });
      expect(
        (repository as { values: RepositoryFacts }).values.security
          .secretFindings,
      ).toBe(1);
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining('deploy/tls.key line 1'),
      );
      expect(JSON.stringify(warn.mock.calls)).not.toContain('MHcCAQEEIBAD');
    } finally {
      fs.unlinkSync(keyFile);
    }
  });

  it('registers on the extension point and reads the template version from the catalog', async () => {
    let registered: FactCollector[] = [];
    const fakeReadinessBackend = createBackendPlugin({
      pluginId: 'ml-readiness',
      register(env) {
        env.registerExtensionPoint(readinessCollectorsExtensionPoint, {
          addCollector: (...collectors) => registered.push(...collectors),
        });
        env.registerInit({
          deps: { logger: coreServices.logger },
          async init() {},
        });
      },
    });
    const template: Entity = {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: {
        name: 'online-inference',
        namespace: 'default',
        annotations: { 'mlops.golden-paths/version': '9.9.9' },
      },
      spec: { type: 'ml-model', steps: [] },
    };
    const backend = await startTestBackend({
      features: [
        fakeReadinessBackend,
        mlReadinessModuleLocalGit,
        catalogServiceMock.factory({ entities: [template] }),
        mockServices.rootConfig.factory({
          data: { mlGoldenPaths: { localGit: { root } } },
        }),
      ],
    });
    try {
      expect(registered.map(c => c.id)).toEqual(['local-git-repository']);
      const [repository] = await registered[0].collect(entity(), { logger });
      // The checkout records the released 1.x version; the catalog says 9.9.9 is newest.
      expect(
        (repository as { values: RepositoryFacts }).values.goldenPath,
      ).toMatchObject({
        answersPresent: true,
        isCurrent: false,
      });
    } finally {
      await backend.stop();
      registered = [];
    }
  });

  it('leaves every check that needs GitHub settings unknown, with the reason', async () => {
    const results = await collector().collect(entity(), { logger });
    const gradedAt = new Date();
    const facts: Record<string, FactSnapshot> = {
      entity: {
        status: 'available',
        values: exemplaryFacts().entity,
        collectedAt: gradedAt.toISOString(),
      },
    };
    for (const result of results) {
      facts[result.factSet] =
        result.type === 'facts'
          ? {
              status: 'available',
              values: result.values,
              collectedAt: gradedAt.toISOString(),
            }
          : {
              status: 'unavailable',
              reason: result.reason,
              collectedAt: gradedAt.toISOString(),
            };
    }
    const policy = compilePolicy({
      checks: defaultPolicy,
      factSets: builtInFactSets,
    });
    const evaluation = evaluateScorecard(policy, {
      facts,
      now: gradedAt,
      stage: 'production',
    });
    const needsSettings = policy.checks
      .filter(check => check.facts.includes('repositorySettings'))
      .map(check => check.id);
    expect(needsSettings.length).toBeGreaterThan(0);
    for (const id of needsSettings) {
      const outcome = evaluation.checks.find(check => check.checkId === id);
      expect(outcome).toMatchObject({
        state: 'unknown',
        reason: expect.stringContaining(NO_SETTINGS_REASON),
      });
    }
  });
});
