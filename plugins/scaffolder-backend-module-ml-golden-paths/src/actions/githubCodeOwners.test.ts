import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  canaryIntegrations,
  catalogEntities,
} from '../__testUtils__/githubFixtures';
import { createGithubCodeOwnersAction } from './githubCodeOwners';

const group = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'team', children: [] },
});

describe('mlgp:github:code-owners', () => {
  const action = createGithubCodeOwnersAction({
    integrations: canaryIntegrations(),
    catalog: catalogServiceMock({
      entities: [
        ...catalogEntities,
        group('risk-ml-oncall', {
          'github.com/team-slug': 'acme/risk-ml-oncall',
        }),
        group('bare-slug', { 'github.com/team-slug': 'fraud-reviewers' }),
        group('other-org', { 'github.com/team-slug': 'globex/risk' }),
        group('bad-slug', { 'github.com/team-slug': 'acme/risk ml\n* @evil' }),
      ],
    }),
  });

  async function run(input: {
    owner: string;
    approvers: string;
    repoUrl?: string;
  }) {
    const ctx = createMockActionContext({ input });
    await action.handler(ctx);
    return Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls as Array<[string, string]>,
    );
  }

  const github = 'github.com?owner=acme&repo=fraud-scoring';

  it('names the GitHub teams of both groups, as guardrails resolves them', async () => {
    await expect(
      run({
        owner: 'group:default/platform',
        approvers: 'group:default/risk-ml-oncall',
        repoUrl: github,
      }),
    ).resolves.toEqual({
      ownerHandle: '@acme/ml-platform',
      approversHandles: '@acme/risk-ml-oncall',
    });
  });

  it('puts a slug without organisation in the repository owner organisation', async () => {
    await expect(
      run({
        owner: 'group:default/platform',
        approvers: 'group:default/bare-slug',
        repoUrl: github,
      }),
    ).resolves.toMatchObject({ approversHandles: '@acme/fraud-reviewers' });
  });

  it('falls back to the members logins for approvers, like the production reviewers', async () => {
    await expect(
      run({
        owner: 'group:default/platform',
        approvers: 'group:default/risk-ml',
        repoUrl: github,
      }),
    ).resolves.toMatchObject({ approversHandles: '@dana-gh @omar-gh' });
  });

  it('fails, naming owner, when the owner group of a GitHub repository has no team', async () => {
    await expect(
      run({
        owner: 'group:default/risk-ml',
        approvers: 'group:default/platform',
        repoUrl: github,
      }),
    ).rejects.toThrow(
      /^owner: group 'group:default\/risk-ml' has no 'github.com\/team-slug' annotation; a GitHub repository needs the owner group's GitHub team/,
    );
  });

  it('refuses a team of another organisation', async () => {
    await expect(
      run({
        owner: 'group:default/other-org',
        approvers: 'group:default/platform',
        repoUrl: github,
      }),
    ).rejects.toThrow(
      /^owner: .*GitHub team globex\/risk, but the repository belongs to 'acme'/,
    );
  });

  it('refuses a malformed slug annotation instead of writing it into CODEOWNERS', async () => {
    await expect(
      run({
        owner: 'group:default/platform',
        approvers: 'group:default/bad-slug',
        repoUrl: github,
      }),
    ).rejects.toThrow(
      /^approvers: group 'group:default\/bad-slug' has a malformed 'github.com\/team-slug' annotation/,
    );
  });

  it('uses the team when annotated and the group name otherwise outside GitHub', async () => {
    await expect(
      run({
        owner: 'group:default/risk-ml',
        approvers: 'group:default/platform',
      }),
    ).resolves.toEqual({
      ownerHandle: '@risk-ml',
      approversHandles: '@acme/ml-platform',
    });
  });

  it('names the input for refs that are not groups or not in the catalog', async () => {
    await expect(
      run({
        owner: 'system:default/fraud',
        approvers: 'group:default/platform',
      }),
    ).rejects.toThrow(
      /^owner: "system:default\/fraud" is not a group entity reference/,
    );
    await expect(
      run({
        owner: 'group:default/platform',
        approvers: 'group:default/ghosts',
      }),
    ).rejects.toThrow(
      "approvers: group 'group:default/ghosts' was not found in the catalog",
    );
    await expect(
      run({
        owner: 'group:default/platform',
        approvers: 'group:default/ghosts',
        repoUrl: github,
      }),
    ).rejects.toThrow(
      "approvers: group 'group:default/ghosts' was not found in the catalog",
    );
  });
});
