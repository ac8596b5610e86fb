import { validateAiModelEntity } from '@ml-golden-paths/plugin-ml-catalog-common';
import { mapMlflowModelToEntity, toEntityName } from './mapMlflowModelToEntity';
import models from './__fixtures__/registered-models-page-1.json';
import versionsPage1 from './__fixtures__/model-versions-fraud-scoring-page-1.json';
import versionsPage2 from './__fixtures__/model-versions-fraud-scoring-page-2.json';

const options = {
  baseUrl: 'https://mlflow.example.com',
  defaultOwner: 'group:ml-platform',
  tags: {
    owner: 'owner',
    tier: 'tier',
    task: 'task',
    framework: 'framework',
    servingPattern: 'serving_pattern',
    system: 'system',
  },
  aliasStages: { champion: 'production', challenger: 'staging' } as const,
};

const fraud = models.registered_models[0];
const fraudVersions = [
  ...versionsPage1.model_versions,
  ...versionsPage2.model_versions,
];

describe('mapMlflowModelToEntity', () => {
  it('maps a registered model with aliases, tags and versions to a valid ai-model', () => {
    const entity = mapMlflowModelToEntity(fraud, fraudVersions, options);
    expect(entity.metadata).toEqual({
      name: 'fraud-scoring',
      title: 'fraud-scoring',
      description: 'Scores card transactions for fraud risk in real time.',
      annotations: {
        'backstage.io/managed-by-location':
          'url:https://mlflow.example.com/#/models/fraud-scoring',
        'backstage.io/managed-by-origin-location':
          'url:https://mlflow.example.com/#/models/fraud-scoring',
        'backstage.io/view-url':
          'https://mlflow.example.com/#/models/fraud-scoring',
        'ml-golden-paths.io/mlflow-model-name': 'fraud-scoring',
        'ml-golden-paths.io/mlflow-registry-url': 'https://mlflow.example.com',
      },
    });
    expect(entity.spec).toEqual({
      type: 'ai-model',
      owner: 'group:risk-ml',
      mlops: {
        tier: 1,
        task: 'binary-classification',
        framework: 'scikit-learn',
        servingPattern: 'online',
        versions: [
          {
            version: '11',
            stage: 'archived',
            registeredAt: '2025-09-01T00:00:00.000Z',
          },
          {
            version: '12',
            stage: 'production',
            registeredAt: '2025-10-02T09:00:00.000Z',
            metrics: { auc: 0.93 },
            dataset: 'card-transactions@2025-09-30',
            codeCommit: '3f2c1e0',
            approvedBy: 'user:dana',
            runId: '9a8b7c6d5e4f4a3b2c1d0e9f8a7b6c5d',
          },
          {
            version: '13',
            stage: 'staging',
            registeredAt: '2025-11-20T12:00:00.000Z',
            metrics: { auc: 0.94 },
            runId: '4f1c2b9e0a8d4c7b9e5f1a2b3c4d5e6f',
          },
        ],
      },
    });
    expect(validateAiModelEntity(entity).success).toBe(true);
  });

  it('falls back to the configured owner, tier and serving pattern', () => {
    const entity = mapMlflowModelToEntity({ name: 'plain', tags: [] }, [], {
      ...options,
      defaultTier: 3,
      defaultServingPattern: 'batch',
    });
    expect(entity.spec).toMatchObject({
      owner: 'group:ml-platform',
      mlops: {
        tier: 3,
        task: 'unspecified',
        servingPattern: 'batch',
        versions: [],
      },
    });
    expect(validateAiModelEntity(entity).success).toBe(true);
  });

  it('leaves an unknown or missing tier for validation to report', () => {
    const unknownTier = mapMlflowModelToEntity(
      {
        name: 'm',
        tags: [
          { key: 'tier', value: 'critical' },
          { key: 'serving_pattern', value: 'online' },
        ],
      },
      [],
      options,
    );
    expect(validateAiModelEntity(unknownTier)).toEqual({
      success: false,
      issues: [{ path: 'spec.mlops.tier', message: 'expected 1, 2 or 3' }],
    });
    const missing = mapMlflowModelToEntity({ name: 'm' }, [], options);
    expect(validateAiModelEntity(missing)).toEqual({
      success: false,
      issues: [
        { path: 'spec.mlops.tier', message: 'expected 1, 2 or 3' },
        {
          path: 'spec.mlops.servingPattern',
          message: 'expected one of online, batch, streaming, embedded',
        },
      ],
    });
  });

  it('leaves out malformed optional version tags instead of failing the model', () => {
    const entity = mapMlflowModelToEntity(
      {
        name: 'tagged',
        tags: [
          { key: 'tier', value: '2' },
          { key: 'serving_pattern', value: 'batch' },
        ],
      },
      [
        {
          name: 'tagged',
          version: '1',
          creation_timestamp: 0,
          tags: [
            { key: 'dataset', value: 'not a dataset ref!' },
            { key: 'git_commit', value: 'main' },
            { key: 'approved_by', value: 'dana' },
            { key: 'metric.__proto__', value: '1' },
            { key: 'metric.auc', value: 'n/a' },
          ],
        },
      ],
      options,
    );
    expect((entity.spec as any).mlops.versions).toEqual([
      {
        version: '1',
        stage: 'development',
        registeredAt: '1970-01-01T00:00:00.000Z',
        approvedBy: 'user:dana',
      },
    ]);
    expect(validateAiModelEntity(entity).success).toBe(true);
  });

  it('maps legacy stages when there are no aliases', () => {
    const entity = mapMlflowModelToEntity(
      { name: 'legacy', tags: [{ key: 'tier', value: '2' }] },
      [
        {
          name: 'legacy',
          version: '1',
          current_stage: 'Production',
          creation_timestamp: 0,
        },
        {
          name: 'legacy',
          version: '2',
          current_stage: 'None',
          creation_timestamp: 1000,
        },
      ],
      options,
    );
    expect(
      (entity.spec as any).mlops.versions.map((v: any) => v.stage),
    ).toEqual(['production', 'development']);
  });

  it('keeps only the newest 500 versions', () => {
    const versions = Array.from({ length: 520 }, (_, i) => ({
      name: 'big',
      version: String(i + 1),
      creation_timestamp: i * 1000,
    }));
    const mapped = (
      mapMlflowModelToEntity({ name: 'big' }, versions, options).spec as any
    ).mlops.versions;
    expect(mapped).toHaveLength(500);
    expect(mapped[0].version).toBe('21');
    expect(mapped[499].version).toBe('520');
  });
});

describe('toEntityName', () => {
  it('keeps valid names and makes others valid, stable and distinct', () => {
    expect(toEntityName('fraud-scoring')).toBe('fraud-scoring');
    const churn = toEntityName('Churn Propensity (EU)');
    expect(churn).toMatch(/^churn-propensity-eu-[0-9a-f]{8}$/);
    expect(toEntityName('Churn Propensity (EU)')).toBe(churn);
    expect(toEntityName('churn propensity eu')).not.toBe(churn);
    expect(toEntityName('x'.repeat(200)).length).toBeLessThanOrEqual(63);
    expect(toEntityName('???')).toMatch(/^model-[0-9a-f]{8}$/);
  });
});
