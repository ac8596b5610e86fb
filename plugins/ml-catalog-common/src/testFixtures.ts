import type { Entity } from '@backstage/catalog-model';

/**
 * A complete, valid ai-model entity used by tests in this and other packages.
 *
 * @public
 */
export function makeAiModelFixture(
  overrides: { name?: string; mlops?: Record<string, unknown> } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: overrides.name ?? 'fraud-scoring',
      title: 'Fraud scoring',
      description: 'Scores card transactions for fraud risk in real time.',
    },
    spec: {
      type: 'ai-model',
      owner: 'group:risk-ml',
      system: 'fraud-platform',
      dependsOn: ['resource:card-transactions'],
      mlops: {
        tier: 1,
        task: 'binary-classification',
        framework: 'scikit-learn',
        servingPattern: 'online',
        goldenPath: { template: 'online-inference', version: '1.2.0' },
        trainingPipeline: 'component:fraud-training-pipeline',
        versions: [
          {
            version: '12',
            stage: 'production',
            registeredAt: '2026-10-02T09:00:00Z',
            metrics: { auc: 0.93 },
            dataset: 'card-transactions@2026-09-30',
            codeCommit: '3f2c1e0',
            approvedBy: 'user:dana',
          },
          {
            version: '13',
            stage: 'staging',
            registeredAt: '2026-11-20T12:00:00Z',
          },
        ],
        slo: { latencyP99Ms: 150, availability: 99.9 },
        monitoring: {
          dashboard: 'https://grafana.example.com/d/fraud',
          drift: 'https://grafana.example.com/d/fraud-drift',
          dataQuality: 'https://grafana.example.com/d/fraud-dq',
          alerts: 'https://alerts.example.com/fraud',
        },
        runbook: 'https://runbooks.example.com/fraud-scoring',
        modelCard: 'docs/model-card.md',
        onCall: 'group:risk-ml-oncall',
        ...overrides.mlops,
      },
    },
  };
}
