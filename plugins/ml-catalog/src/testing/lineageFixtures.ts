import { entity, model } from './fixtures';

/** A model with its datasets, training pipeline, serving component and API. */
export const FRAUD_MODEL = model('fraud-scoring', {
  owner: 'risk-ml',
  tier: 1,
  title: 'Fraud scoring',
  dependsOn: [
    'resource:default/card-transactions',
    'component:default/fraud-training-pipeline',
  ],
  annotations: {
    'github.com/project-slug': 'acme/fraud-scoring',
    'backstage.io/source-location': 'url:https://github.com/acme/fraud-scoring',
  },
  mlops: {
    trainingPipeline: 'component:fraud-training-pipeline',
    versions: [
      {
        version: '12',
        stage: 'production',
        registeredAt: '2026-10-02T09:00:00Z',
        metrics: { auc: 0.93, f1: 0.81 },
        dataset: 'card-transactions@2026-09-30',
        codeCommit: '3f2c1e0',
        approvedBy: 'user:dana',
      },
      {
        version: '13',
        stage: 'staging',
        registeredAt: '2026-11-20T12:00:00Z',
        dataset: 'chargebacks@2026-11-01',
      },
    ],
    slo: { latencyP99Ms: 150, availability: 99.9 },
    monitoring: { dashboard: 'https://grafana.example.com/d/fraud' },
    runbook: 'https://runbooks.example.com/fraud-scoring',
    onCall: 'group:risk-ml-oncall',
    modelCard: 'docs/model-card.md',
  },
});

/** The entities around {@link FRAUD_MODEL}. */
export const FRAUD_LINEAGE = [
  entity('Resource', 'card-transactions', 'dataset'),
  entity('Resource', 'merchants', 'dataset'),
  entity('Resource', 'feature-flags', 'config'),
  entity('Component', 'fraud-training-pipeline', 'ml-pipeline', [
    ['dependsOn', 'resource:default/merchants'],
    ['dependsOn', 'resource:default/feature-flags'],
  ]),
  entity('Component', 'fraud-api-server', 'model-server', [
    ['dependsOn', 'resource:default/fraud-scoring'],
    ['providesApi', 'api:default/fraud-api'],
  ]),
  entity('Component', 'unrelated-server', 'model-server', [
    ['dependsOn', 'resource:default/other-model'],
  ]),
  entity('API', 'fraud-api', 'openapi'),
];
