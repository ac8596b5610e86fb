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
