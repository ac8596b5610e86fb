/* eslint-disable no-script-url -- these tests feed script URLs to the validator */
import { makeAiModelFixture } from '../testFixtures';
import {
  getMlEntityType,
  validateAiModelEntity,
  validateDatasetEntity,
  validateMlEntity,
  validateMlops,
  validateMlPipelineEntity,
  validateModelServerEntity,
} from './validateMlEntity';
import { formatValidationIssues } from './formatIssuePath';

function withMlops(patch: Record<string, unknown>) {
  return makeAiModelFixture({ mlops: patch });
}

function valueOf(entity: unknown) {
  const result = validateAiModelEntity(entity);
  if (!result.success) {
    throw new Error(
      `expected the entity to be valid: ${JSON.stringify(result.issues)}`,
    );
  }
  return result.value;
}

function issuesOf(entity: unknown) {
  const result = validateAiModelEntity(entity);
  if (result.success) {
    throw new Error('expected the entity to be invalid');
  }
  return result.issues;
}

describe('validateAiModelEntity', () => {
  it('accepts a complete model and normalises numeric versions to strings', () => {
    const entity = makeAiModelFixture();
    (entity.spec!.mlops as any).versions[0].version = 12;
    const value = valueOf(entity);
    expect(value.spec.mlops.versions[0].version).toBe('12');
    expect(value.spec.mlops.tier).toBe(1);
  });

  it('accepts a minimal model without versions', () => {
    const entity = makeAiModelFixture();
    entity.spec!.mlops = { tier: 3, task: 'ranking', servingPattern: 'batch' };
    expect(valueOf(entity).spec.mlops.versions).toEqual([]);
  });

  it.each([
    [{ tier: 4 }, 'spec.mlops.tier', 'expected 1, 2 or 3'],
    [{ tier: '1' }, 'spec.mlops.tier', 'expected 1, 2 or 3'],
    [
      { servingPattern: 'realtime' },
      'spec.mlops.servingPattern',
      'expected one of online, batch, streaming, embedded',
    ],
    [{ task: 42 }, 'spec.mlops.task', 'Expected string, received number'],
    [
      { versions: 'v1' },
      'spec.mlops.versions',
      'Expected array, received string',
    ],
    [
      {
        versions: [
          { version: '1', stage: 'live', registeredAt: '2026-01-01T00:00:00Z' },
        ],
      },
      'spec.mlops.versions[0].stage',
      'expected one of development, staging, production, archived',
    ],
    [
      {
        versions: [
          { version: '1', stage: 'staging', registeredAt: 'yesterday' },
        ],
      },
      'spec.mlops.versions[0].registeredAt',
      'must be an ISO 8601 timestamp such as 2026-10-02T09:00:00Z',
    ],
    [
      {
        versions: [
          {
            version: '1',
            stage: 'staging',
            registeredAt: '2026-01-01T00:00:00Z',
            metrics: { auc: 'high' },
          },
        ],
      },
      'spec.mlops.versions[0].metrics.auc',
      'metric values must be numbers',
    ],
    [
      { slo: { availability: 120 } },
      'spec.mlops.slo.availability',
      'must be a percentage between 0 and 100',
    ],
    [
      { slo: { latencyP99Ms: -1 } },
      'spec.mlops.slo.latencyP99Ms',
      'must be greater than 0',
    ],
    [
      { goldenPath: { template: 'online-inference', version: 'latest' } },
      'spec.mlops.goldenPath.version',
      'must be a semantic version such as 1.2.0',
    ],
    [
      { onCall: 'not a ref!' },
      'spec.mlops.onCall',
      'must be an entity reference such as kind:namespace/name',
    ],
    [
      { surprise: true },
      'spec.mlops',
      "Unrecognized key(s) in object: 'surprise'",
    ],
    [
      {
        versions: [
          {
            version: 'v'.repeat(101),
            stage: 'staging',
            registeredAt: '2026-01-01T00:00:00Z',
          },
        ],
      },
      'spec.mlops.versions[0].version',
      'must be at most 100 characters',
    ],
    [
      {
        versions: [
          {
            version: true,
            stage: 'staging',
            registeredAt: '2026-01-01T00:00:00Z',
          },
        ],
      },
      'spec.mlops.versions[0].version',
      'expected a version label: a string of at most 100 characters or a whole number',
    ],
  ])('rejects %j naming %s', (patch, path, message) => {
    expect(issuesOf(withMlops(patch))).toContainEqual({ path, message });
  });

  it('names missing required fields', () => {
    const entity = makeAiModelFixture();
    delete (entity.spec!.mlops as any).tier;
    delete (entity.spec as any).owner;
    const issues = issuesOf(entity);
    expect(issues).toContainEqual({
      path: 'spec.mlops.tier',
      message: 'expected 1, 2 or 3',
    });
    expect(issues).toContainEqual({ path: 'spec.owner', message: 'Required' });
  });

  it('rejects duplicate versions', () => {
    const registeredAt = '2026-01-01T00:00:00Z';
    const issues = issuesOf(
      withMlops({
        versions: [
          { version: '1', stage: 'staging', registeredAt },
          { version: '1', stage: 'production', registeredAt },
        ],
      }),
    );
    expect(issues).toContainEqual({
      path: 'spec.mlops.versions[1].version',
      message: 'version "1" is listed more than once',
    });
  });

  describe('links', () => {
    it.each([
      ['runbook', 'javascript:alert(1)'],
      ['runbook', 'data:text/html,<script>alert(1)</script>'],
      ['runbook', 'ftp://example.com/runbook'],
    ])('rejects %s = %s', (field, value) => {
      expect(issuesOf(withMlops({ [field]: value }))).toContainEqual({
        path: `spec.mlops.${field}`,
        message: 'must be an absolute http(s) URL or a relative path',
      });
    });

    it('rejects a javascript: monitoring dashboard', () => {
      expect(
        issuesOf(
          withMlops({ monitoring: { dashboard: 'JavaScript:alert(1)' } }),
        ),
      ).toContainEqual({
        path: 'spec.mlops.monitoring.dashboard',
        message: 'must be an absolute http(s) URL',
      });
    });

    describe.each(['modelCard', 'runbook'])('%s', field => {
      it.each([
        'docs/model-card.md',
        './model-card.md',
        'https://example.com/card',
      ])('accepts %s', value => {
        expect(
          validateAiModelEntity(withMlops({ [field]: value })).success,
        ).toBe(true);
      });

      it.each([
        'javascript:alert(1)',
        'data:text/plain,hi',
        '../../etc/passwd',
        'docs/../../etc/passwd',
        '/etc/passwd',
        '//evil.example.com/card',
        'docs\\card.md',
      ])('rejects %s', value => {
        const issues = issuesOf(withMlops({ [field]: value }));
        expect(issues).toHaveLength(1);
        expect(issues[0].path).toBe(`spec.mlops.${field}`);
        expect(issues[0].message).toMatch(/http\(s\) URL or a relative path/);
      });
    });
  });

  describe('hostile input', () => {
    it.each(['__proto__', 'constructor', 'prototype'])(
      'rejects a %s key in metrics',
      key => {
        const entity = makeAiModelFixture();
        const raw = JSON.parse(JSON.stringify(entity));
        raw.spec.mlops.versions[0].metrics = JSON.parse(
          `{"auc": 0.9, "${key}": {"polluted": true}}`,
        );
        expect(issuesOf(raw)).toContainEqual({
          path: `spec.mlops.versions[0].metrics.${key}`,
          message: `key "${key}" is not allowed`,
        });
        expect(({} as any).polluted).toBeUndefined();
      },
    );

    it('rejects a __proto__ key directly under mlops', () => {
      const raw = JSON.parse(JSON.stringify(makeAiModelFixture()));
      raw.spec.mlops = JSON.parse(
        `{"tier":1,"task":"x","servingPattern":"online","__proto__":{"isAdmin":true}}`,
      );
      expect(issuesOf(raw)).toEqual([
        {
          path: 'spec.mlops.__proto__',
          message: 'key "__proto__" is not allowed',
        },
      ]);
    });

    it('rejects a 1 MB string with a clear message', () => {
      const issues = issuesOf(withMlops({ task: 'x'.repeat(1024 * 1024) }));
      expect(issues).toEqual([
        {
          path: 'spec.mlops.task',
          message: 'string of 1048576 characters is too long (limit 10000)',
        },
      ]);
    });

    it('rejects a string over the field limit', () => {
      expect(issuesOf(withMlops({ task: 'x'.repeat(201) }))).toContainEqual({
        path: 'spec.mlops.task',
        message: 'must be at most 200 characters',
      });
    });

    it('rejects deeply nested values without recursing through them', () => {
      let nested: Record<string, unknown> = { leaf: 1 };
      for (let i = 0; i < 10_000; i++) {
        nested = { deeper: nested };
      }
      const issues = issuesOf(withMlops({ slo: nested }));
      expect(issues).toHaveLength(1);
      expect(issues[0].path).toMatch(/^spec\.mlops\.slo(\.deeper)+$/);
      expect(issues[0].message).toBe(
        'is nested too deeply (more than 10 levels)',
      );
    });

    it('rejects oversized arrays', () => {
      const versions = Array.from({ length: 5000 }, (_, i) => ({
        version: String(i),
        stage: 'archived',
        registeredAt: '2026-01-01T00:00:00Z',
      }));
      expect(issuesOf(withMlops({ versions }))).toEqual([
        {
          path: 'spec.mlops.versions',
          message: 'has 5000 entries (limit 1000)',
        },
      ]);
    });

    it('rejects more versions than a model may list', () => {
      const versions = Array.from({ length: 501 }, (_, i) => ({
        version: String(i),
        stage: 'archived',
        registeredAt: '2026-01-01T00:00:00Z',
      }));
      expect(issuesOf(withMlops({ versions }))).toContainEqual({
        path: 'spec.mlops.versions',
        message: 'must list at most 500 versions',
      });
    });

    it.each([null, undefined, 'a string', 42, [], { kind: 'Resource' }])(
      'returns issues instead of throwing for %j',
      value => {
        const result = validateAiModelEntity(value);
        expect(result.success).toBe(false);
      },
    );

    it('returns an issue when reading the value throws', () => {
      const hostile = new Proxy(
        {},
        {
          get() {
            throw new Error('boom');
          },
          ownKeys() {
            throw new Error('boom');
          },
        },
      );
      const result = validateAiModelEntity({
        ...makeAiModelFixture(),
        spec: hostile,
      });
      expect(result).toEqual({
        success: false,
        issues: [{ path: '', message: 'could not be validated: boom' }],
      });
    });
  });
});

describe('validateMlops', () => {
  it('prefixes paths with spec.mlops', () => {
    const result = validateMlops({
      tier: 9,
      task: 'x',
      servingPattern: 'batch',
    });
    expect(result).toEqual({
      success: false,
      issues: [{ path: 'spec.mlops.tier', message: 'expected 1, 2 or 3' }],
    });
  });
});

describe('lighter shapes', () => {
  const base = { apiVersion: 'backstage.io/v1alpha1', metadata: { name: 'x' } };

  it('validates datasets', () => {
    const dataset = {
      ...base,
      kind: 'Resource',
      spec: {
        type: 'dataset',
        owner: 'group:risk-ml',
        dataset: {
          format: 'parquet',
          classification: 'confidential',
          containsPii: true,
        },
      },
    };
    expect(validateDatasetEntity(dataset).success).toBe(true);
    const bad = {
      ...dataset,
      spec: { ...dataset.spec, dataset: { classification: 'secret' } },
    };
    expect(validateDatasetEntity(bad)).toEqual({
      success: false,
      issues: [
        {
          path: 'spec.dataset.classification',
          message: 'expected one of public, internal, confidential, restricted',
        },
      ],
    });
  });

  it('validates pipelines', () => {
    const pipeline = {
      ...base,
      kind: 'Component',
      spec: {
        type: 'ml-pipeline',
        owner: 'group:risk-ml',
        lifecycle: 'production',
        pipeline: {
          orchestrator: 'airflow',
          inputs: ['resource:card-transactions'],
        },
      },
    };
    expect(validateMlPipelineEntity(pipeline).success).toBe(true);
    const { lifecycle, ...noLifecycle } = pipeline.spec;
    expect(lifecycle).toBe('production');
    expect(
      validateMlPipelineEntity({ ...pipeline, spec: noLifecycle }),
    ).toEqual({
      success: false,
      issues: [{ path: 'spec.lifecycle', message: 'Required' }],
    });
  });

  it('validates model servers', () => {
    const server = {
      ...base,
      kind: 'Component',
      spec: {
        type: 'model-server',
        owner: 'group:risk-ml',
        lifecycle: 'production',
        serving: {
          models: ['resource:fraud-scoring'],
          endpoint: 'https://fraud.example.com',
        },
      },
    };
    expect(validateModelServerEntity(server).success).toBe(true);
    const bad = {
      ...server,
      spec: { ...server.spec, serving: { models: [] } },
    };
    expect(validateModelServerEntity(bad)).toEqual({
      success: false,
      issues: [
        {
          path: 'spec.serving.models',
          message: 'must name at least one model',
        },
      ],
    });
  });

  it('dispatches on kind and spec.type', () => {
    expect(getMlEntityType(makeAiModelFixture())).toBe('ai-model');
    expect(
      getMlEntityType({ kind: 'Component', spec: { type: 'service' } }),
    ).toBeUndefined();
    expect(
      getMlEntityType({ kind: 'Component', spec: { type: 'ai-model' } }),
    ).toBeUndefined();
    expect(validateMlEntity({ kind: 'Group', spec: {} })).toBeUndefined();
    expect(validateMlEntity(makeAiModelFixture())?.success).toBe(true);
  });
});

describe('formatValidationIssues', () => {
  it('joins issues with their paths', () => {
    expect(
      formatValidationIssues([
        { path: 'spec.mlops.tier', message: 'expected 1, 2 or 3' },
        { path: '', message: 'broken' },
      ]),
    ).toBe('spec.mlops.tier: expected 1, 2 or 3; broken');
  });
});
