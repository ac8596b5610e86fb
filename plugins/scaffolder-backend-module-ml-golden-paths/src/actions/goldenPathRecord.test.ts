import fs from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import yaml from 'yaml';
import { createGoldenPathRecordAction } from './goldenPathRecord';

describe('mlgp:golden-path:record', () => {
  const mockDir = createMockDirectory();
  const action = createGoldenPathRecordAction({
    catalog: catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'risk-ml', namespace: 'default' },
          spec: { type: 'team', children: [] },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'System',
          metadata: { name: 'fraud-platform', namespace: 'default' },
          spec: { owner: 'group:default/risk-ml' },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: 'card-transactions', namespace: 'default' },
          spec: { type: 'dataset', owner: 'group:default/risk-ml' },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: 'fraud-scoring', namespace: 'default' },
          spec: { type: 'ai-model', owner: 'group:default/risk-ml' },
        },
      ],
    }),
  });

  beforeEach(() => mockDir.setContent({ workspace: {} }));

  function recordContext(answers: JsonObject) {
    return createMockActionContext({
      workspacePath: mockDir.resolve('workspace'),
      input: {
        templateName: 'online-inference',
        templateVersion: '1.0.0',
        answers,
      },
    });
  }

  it('records template, version and answers with secret-looking values redacted', async () => {
    const ctx = recordContext({
      name: 'fraud-scoring',
      owner: 'group:default/risk-ml',
      tier: 1,
      author: 'dana',
      apiToken: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      monitoring: { dashboard: 'https://grafana/d/1', password: 'hunter2' },
      environments: [{ name: 'staging', client_secret: 's3cr3t' }],
    });
    await action.handler(ctx);

    const file = path.join(
      mockDir.resolve('workspace'),
      '.golden-path/answers.yaml',
    );
    const text = fs.readFileSync(file, 'utf8');
    const record = yaml.parse(text);
    expect(record).toEqual({
      template: 'online-inference',
      version: '1.0.0',
      answers: {
        name: 'fraud-scoring',
        owner: 'group:default/risk-ml',
        tier: 1,
        author: 'dana',
        apiToken: '[REDACTED]',
        monitoring: {
          dashboard: 'https://grafana/d/1',
          password: '[REDACTED]',
        },
        environments: [{ name: 'staging', client_secret: '[REDACTED]' }],
      },
      generatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('ghp_');
    expect(ctx.output).toHaveBeenCalledWith(
      'path',
      '.golden-path/answers.yaml',
    );
  });

  it('refuses answers that point at entities missing from the catalog, writing nothing', async () => {
    const ctx = recordContext({
      owner: 'group:default/risk-ml',
      approvers: 'group:default/ghost-team',
      system: 'system:default/nowhere',
      description: 'Scores: card transactions',
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      "answers.approvers: 'group:default/ghost-team' is not in the catalog; answers.system: 'system:default/nowhere' is not in the catalog",
    );
    expect(fs.readdirSync(mockDir.resolve('workspace'))).toEqual([]);
  });

  it('refuses answers that are file paths', async () => {
    const ctx = recordContext({
      description: 'Scores transactions... fast',
      system: '../../etc',
      dataset: '/var/data',
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      "answers.system: '../../etc' looks like a file path; paths are not accepted here; answers.dataset: '/var/data' looks like a file path",
    );
    expect(fs.readdirSync(mockDir.resolve('workspace'))).toEqual([]);
  });

  it('requires entity-ref answers to be full refs of the right kind, whatever they look like', async () => {
    const ctx = recordContext({
      owner: 'risk-ml',
      approvers: 'system:default/fraud-platform',
      system: 'fraud platform\n---\nkind: Location',
      dataset: 42,
    });
    const error = await action.handler(ctx).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain(
      'answers.owner: "risk-ml" is not an entity reference; expected group:default/<name>',
    );
    expect(error.message).toContain(
      'answers.approvers: "system:default/fraud-platform" is a system; expected a group',
    );
    expect(error.message).toContain('answers.system: contains the control');
    expect(error.message).toContain(
      'answers.dataset: must be an entity reference like resource:default/<name>, got number',
    );
    expect(fs.readdirSync(mockDir.resolve('workspace'))).toEqual([]);
  });

  it('requires the dataset to be a dataset', async () => {
    await expect(
      action.handler(
        recordContext({ dataset: 'resource:default/fraud-scoring' }),
      ),
    ).rejects.toThrow(
      "answers.dataset: 'resource:default/fraud-scoring' is a Resource of type 'ai-model', not a dataset",
    );
    await action.handler(
      recordContext({
        owner: 'group:default/risk-ml',
        system: 'system:default/fraud-platform',
        dataset: 'resource:default/card-transactions',
      }),
    );
  });

  it.each([
    ['name', 'Fraud_Scoring'],
    ['name', 'ab'],
    ['name', 'null'],
    ['name', 'true'],
    ['repoUrl', 'github.com?owner=acme&repo=x%0a---'],
    ['repoUrl', 'evil.example.com/acme/x'],
    ['description', 'line one\u2028line two'],
    ['description', 'next\u0085line'],
    ['description', 'tab\there'],
    ['description', 'nul\u0000byte'],
    ['description', 'bidi \u202e override'],
    ['description', 'x'.repeat(10_000)],
    ['description', 'see ../../etc/passwd'],
    ['extra', { nested: ['ok', 'bad\nvalue'] }],
  ])('refuses %s = %j naming the field', async (field, value) => {
    const error = await action
      .handler(recordContext({ [field]: value }))
      .catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toMatch(new RegExp(`^answers\\.${field}[.:\\[]`));
    expect(fs.readdirSync(mockDir.resolve('workspace'))).toEqual([]);
  });

  it('records hostile but printable text verbatim and parseable', async () => {
    const description = `--- &a *a !!python/object:os.system {{ x }} \${{ secrets.t }} "q" 'q' # c: d`;
    await action.handler(recordContext({ name: 'fraud-scoring', description }));
    const text = fs.readFileSync(
      path.join(mockDir.resolve('workspace'), '.golden-path/answers.yaml'),
      'utf8',
    );
    const documents = yaml.parseAllDocuments(text);
    expect(documents).toHaveLength(1);
    expect(documents[0].toJS().answers.description).toBe(description);
  });

  it('validates template name and version in its input schema', () => {
    const schema = action.schema?.input as {
      properties: Record<string, { pattern?: string }>;
      required: string[];
    };
    expect(schema.required).toEqual(
      expect.arrayContaining(['templateName', 'templateVersion', 'answers']),
    );
    const name = new RegExp(schema.properties.templateName.pattern!);
    const version = new RegExp(schema.properties.templateVersion.pattern!);
    expect(name.test('online-inference')).toBe(true);
    expect(name.test('../etc')).toBe(false);
    expect(version.test('1.2.0')).toBe(true);
    expect(version.test('latest')).toBe(false);
  });
});
