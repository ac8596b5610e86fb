import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { GithubOctokitFactory } from '../github/GithubOctokitFactory';
import { LocalGitRepositories } from '../localGit/LocalGitRepositories';
import { readLocalGitConfig } from '../localGit/readLocalGitConfig';
import {
  createRepository,
  testIntegrations,
} from '../upgrade/__testUtils__/createdRepository';
import {
  bumpTestRelease,
  createTestReleases,
} from '../upgrade/__testUtils__/testReleases';
import { GoldenPathFleet } from '../fleet/GoldenPathFleet';
import { GoldenPathReleases } from '../upgrade/releases';
import { createGoldenPathUpgradeAction } from './goldenPathUpgrade';

jest.setTimeout(180_000);

const group = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'github.com/team-slug': `acme/${name}` },
  },
  spec: { type: 'team', children: [] },
});

function git(cwd: string, ...args: string[]) {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' },
  }).trim();
}

describe('mlgp:golden-path:upgrade (local git)', () => {
  let root: string;
  let releases: GoldenPathReleases;
  let repositories: LocalGitRepositories;
  let action: ReturnType<typeof createGoldenPathUpgradeAction>;
  let bareDir: string;
  let fleet: GoldenPathFleet;
  let checkoutDir: string;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'gp-upgrade-action-'));
    releases = await createTestReleases(path.join(root, 'templates'));
    const localGit = readLocalGitConfig(
      new ConfigReader({
        mlGoldenPaths: {
          localGit: {
            root: path.join(root, 'git'),
            author: { name: 'Golden Path', email: 'golden-path@example.com' },
          },
        },
      }),
    );
    repositories = LocalGitRepositories.create(localGit);
    // A repository created at 1.0.0 and published to local git.
    const created = await createRepository({
      releases,
      version: '1.0.0',
      dir: path.join(root, 'created'),
      scratchDir: await fs.mkdtemp(path.join(root, 'scratch-')),
    });
    const repository = repositories.locate('fraud-scoring');
    await repositories.publish({
      repository,
      sourceDir: created,
      gitDir: path.join(root, 'publish-git'),
      commitMessage:
        'Create fraud-scoring from the online-inference golden path',
    });
    bareDir = repository.bareDir;
    checkoutDir = repository.checkoutDir;
    // The team's commit: the runbook line the release fixes, a deletion.
    const work = path.join(root, 'team');
    git(root, 'clone', '-q', repository.remoteUrl, work);
    const rollback = path.join(work, 'docs/runbooks/rollback.md');
    await fs.writeFile(
      rollback,
      (await fs.readFile(rollback, 'utf8')).replace(
        'Roll back first, investigate second.',
        'Roll back first; page #fraud-oncall before anything else.',
      ),
    );
    await fs.rm(path.join(work, 'ruff.toml'));
    git(
      work,
      '-c',
      'user.name=Team',
      '-c',
      'user.email=t@example.com',
      'commit',
      '-q',
      '-am',
      'Team edits',
    );
    git(work, 'push', '-q', 'origin', 'main');

    let current = releases;
    const entity = (
      name: string,
      version: string,
      location?: string,
    ): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name,
        namespace: 'default',
        annotations: location
          ? { 'backstage.io/managed-by-location': `file:${location}` }
          : {},
      },
      spec: {
        type: 'ai-model',
        owner: 'group:default/risk-ml',
        mlops: { goldenPath: { template: 'online-inference', version } },
      },
    });
    const catalog = catalogServiceMock({
      entities: [
        group('risk-ml'),
        group('risk-ml-oncall'),
        entity(
          'fraud-scoring',
          '1.0.0',
          path.join(checkoutDir, 'catalog-info.yaml'),
        ),
        entity('churn', '1.1.0'),
        entity('no-golden-path', 'not-a-version'),
      ],
    });
    fleet = new GoldenPathFleet({
      releases: async () => current,
      catalog,
      localGit,
      repositories,
      integrations: testIntegrations,
      octokitFactory: GithubOctokitFactory.create({
        integrations: testIntegrations,
        logger: mockServices.logger.mock(),
      }),
    });
    action = createGoldenPathUpgradeAction({
      releases: async () => current,
      neverTouch: ['data/'],
      integrations: testIntegrations,
      catalog,
      octokitFactory: GithubOctokitFactory.create({
        integrations: testIntegrations,
        logger: mockServices.logger.mock(),
      }),
      repositories,
      localGit,
    });
    (action as any).useReleases = (next: GoldenPathReleases) => {
      current = next;
    };
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  const run = (input: Record<string, unknown>) => {
    const context = createMockActionContext({
      input: { destination: 'local', name: 'fraud-scoring', ...input } as any,
    });
    return { context, done: action.handler(context as any) };
  };
  const outputs = (context: { output: unknown }) =>
    Object.fromEntries((context.output as jest.Mock).mock.calls);
  const heads = () =>
    git(
      bareDir,
      'for-each-ref',
      '--format=%(refname)',
      'refs/heads',
      'refs/golden-path',
    )
      .split('\n')
      .filter(Boolean);

  it('previews without writing, reporting the new question', async () => {
    const { context, done } = run({ preview: true });
    await done;
    const out = outputs(context);
    expect(out.missingAnswers).toEqual([
      expect.objectContaining({
        name: 'alertChannel',
        suggested: '#ml-alerts',
      }),
    ]);
    expect(heads()).toEqual(['refs/heads/main']);
  });

  it('lists every file in the preview once the question is answered', async () => {
    const { context, done } = run({
      preview: true,
      answers: { alertChannel: '#fraud-alerts' },
    });
    await done;
    const out = outputs(context);
    const actions = Object.fromEntries(
      out.files.map((f: any) => [f.path, f.action]),
    );
    expect(actions).toMatchObject({
      '.github/workflows/ci.yaml': 'updated',
      'docs/runbooks/rollback.md': 'conflict',
      'ruff.toml': 'kept-deleted',
      'data/sample/train.csv': 'untouched',
    });
    expect(out.hasConflicts).toBe(true);
    expect(heads()).toEqual(['refs/heads/main']);
  });

  it('refuses to run without the answer, naming it', async () => {
    await expect(run({}).done).rejects.toThrow(
      /^answers\.alertChannel: golden path online-inference@1\.1\.0 asks 'Alert channel'/,
    );
    await expect(run({ name: '../etc' }).done).rejects.toThrow(/^name: /);
    await expect(run({ name: 'unknown-repo' }).done).rejects.toThrow(
      "name: no repository named 'unknown-repo'",
    );
    await expect(
      run({ neverTouch: ['/etc/passwd'], answers: { alertChannel: '#a' } })
        .done,
    ).rejects.toThrow(/^neverTouch\[3\]/);
  });

  it('lands a branch with labelled conflicts and fails naming the file; a second upgrade closes the first', async () => {
    const main = git(bareDir, 'rev-parse', 'refs/heads/main');
    const first = run({ answers: { alertChannel: '#fraud-alerts' } });
    await expect(first.done).rejects.toThrow(
      /has conflicts in 1 file\(s\): docs\/runbooks\/rollback\.md; written to branch golden-path\/upgrade-1\.1\.0/,
    );
    expect(git(bareDir, 'rev-parse', 'refs/heads/main')).toBe(main);
    expect(heads()).toEqual([
      'refs/heads/golden-path/upgrade-1.1.0',
      'refs/heads/main',
    ]);
    const message = git(
      bareDir,
      'log',
      '-1',
      '--format=%B',
      'golden-path/upgrade-1.1.0',
    );
    expect(message).toMatch(
      /^\[CONFLICTS\] Upgrade golden path online-inference 1\.0\.0 → 1\.1\.0/,
    );
    expect(message).toContain(
      'Golden-Path-Conflicts: docs/runbooks/rollback.md',
    );
    const rollback = git(
      bareDir,
      'show',
      'golden-path/upgrade-1.1.0:docs/runbooks/rollback.md',
    );
    expect(rollback).toContain('<<<<<<< your repository');
    expect(rollback).toContain('>>>>>>> golden path 1.1.0');
    expect(() =>
      git(bareDir, 'cat-file', '-e', 'golden-path/upgrade-1.1.0:ruff.toml'),
    ).toThrow();

    // 1.2.0 is released; the next upgrade supersedes the open one.
    const dir = releases.dir;
    await releases.archiveCurrent();
    await bumpTestRelease(dir, '1.1.0', '1.2.0');
    (action as any).useReleases(await GoldenPathReleases.open(dir));
    const second = run({ answers: { alertChannel: '#fraud-alerts' } });
    await expect(second.done).rejects.toThrow(/upgrade-1\.2\.0/);
    const out = outputs(second.context);
    expect(out.superseded).toEqual([
      expect.stringMatching(/^golden-path\/upgrade-1\.1\.0@[0-9a-f]{12}$/),
    ]);
    const refs = heads();
    expect(refs).toContain('refs/heads/golden-path/upgrade-1.2.0');
    expect(refs).not.toContain('refs/heads/golden-path/upgrade-1.1.0');
    expect(
      refs.some(r => r.startsWith('refs/golden-path/superseded/1.1.0-')),
    ).toBe(true);
    expect(
      git(bareDir, 'log', '-1', '--format=%B', 'golden-path/upgrade-1.2.0'),
    ).toMatch(/Golden-Path-Supersedes: golden-path\/upgrade-1\.1\.0@/);
  });

  it('shows the fleet behind the newest release and the open upgrade on the card', async () => {
    const credentials = mockCredentials.user();
    const list = await fleet.list(credentials);
    expect(list.latestVersion).toBe('1.2.0');
    expect(
      list.repositories.map(r => [
        r.entityRef,
        r.version,
        r.releasesBehind,
        r.destination,
      ]),
    ).toEqual([
      ['resource:default/fraud-scoring', '1.0.0', 2, 'local'],
      ['resource:default/churn', '1.1.0', 1, 'unknown'],
    ]);
    const { items } = await (fleet as any).options.catalog.getEntities(
      { filter: { 'metadata.name': 'fraud-scoring' } },
      { credentials },
    );
    const status = await fleet.status(items[0]);
    expect(status).toMatchObject({
      version: '1.0.0',
      createdFrom: '1.0.0',
      latestVersion: '1.2.0',
      openUpgrade: {
        location: 'golden-path/upgrade-1.2.0',
        toVersion: '1.2.0',
        conflicts: ['docs/runbooks/rollback.md'],
      },
    });
    expect(status!.changes.map(c => c.version)).toEqual(['1.2.0', '1.1.0']);
  });
});
