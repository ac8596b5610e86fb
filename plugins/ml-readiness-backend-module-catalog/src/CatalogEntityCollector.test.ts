import fs from 'node:fs';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  EntityFacts,
  entityFactsSchema,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import { parseAllDocuments } from 'yaml';
import { CatalogEntityCollector } from './CatalogEntityCollector';

const rel = (type: string, targetRef: string) => ({ type, targetRef });

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'risk-ml', namespace: 'default' },
  spec: { type: 'team', children: [] },
};
const user: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'dana', namespace: 'default' },
  spec: { memberOf: ['risk-ml'] },
};
const dataset: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'card-transactions', namespace: 'default' },
  spec: { type: 'dataset', owner: 'group:risk-ml' },
};
const bucket: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'model-bucket', namespace: 'default' },
  spec: { type: 's3-bucket', owner: 'group:risk-ml' },
};
const pipeline: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fraud-scoring-training', namespace: 'default' },
  spec: {
    type: 'ml-pipeline',
    lifecycle: 'production',
    owner: 'group:risk-ml',
  },
};
const server: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fraud-scoring-server', namespace: 'default' },
  spec: {
    type: 'model-server',
    lifecycle: 'production',
    owner: 'group:risk-ml',
  },
  relations: [rel('dependsOn', 'resource:default/fraud-scoring')],
};
const website: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-web', namespace: 'default' },
  spec: { type: 'website', lifecycle: 'production', owner: 'group:risk-ml' },
  relations: [rel('dependsOn', 'resource:default/fraud-scoring')],
};

const fraudScoring: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'fraud-scoring',
    namespace: 'default',
    description: 'Scores card transactions for fraud risk.',
    annotations: { 'github.com/project-slug': 'acme/fraud-scoring' },
  },
  spec: {
    type: 'ai-model',
    owner: 'group:risk-ml',
    system: 'fraud-platform',
    mlops: {
      tier: 1,
      task: 'binary-classification',
      servingPattern: 'online',
      goldenPath: { template: 'online-inference', version: '1.0.0' },
      versions: [
        {
          version: '6',
          stage: 'archived',
          registeredAt: '2026-05-01T00:00:00Z',
        },
        {
          version: '7',
          stage: 'production',
          registeredAt: '2026-09-01T00:00:00Z',
          metrics: { auc: 0.93 },
          dataset: 'card-transactions@2026-08-31',
          codeCommit: '3f2c1e0',
          approvedBy: 'user:default/dana',
        },
        {
          version: '8',
          stage: 'staging',
          registeredAt: '2026-11-01T00:00:00Z',
        },
      ],
      slo: { latencyP99Ms: 150, availability: 99.9 },
      monitoring: {
        dashboard: 'https://grafana.example.com/d/fraud',
        drift: 'https://grafana.example.com/d/fraud-drift',
        dataQuality: 'https://grafana.example.com/d/fraud-dq',
      },
      runbook: 'docs/runbooks/rollback.md',
      modelCard: 'docs/model-card.md',
      onCall: 'group:default/risk-ml',
    },
  },
  relations: [
    rel('ownedBy', 'group:default/risk-ml'),
    rel('partOf', 'system:default/fraud-platform'),
    rel('dependsOn', 'resource:default/card-transactions'),
    rel('dependsOn', 'resource:default/model-bucket'),
    rel('dependsOn', 'component:default/fraud-scoring-training'),
    rel('dependsOn', 'resource:default/deleted-dataset'),
    rel('dependencyOf', 'component:default/fraud-scoring-server'),
    rel('dependencyOf', 'component:default/checkout-web'),
  ],
};

const collect = async (entity: Entity, entities: Entity[]) => {
  const catalog = catalogServiceMock({ entities: [...entities, entity] });
  const collector = CatalogEntityCollector.create({
    catalog,
    auth: mockServices.auth(),
  });
  expect(collector.appliesTo(entity)).toBe(true);
  const [result] = await collector.collect(entity);
  expect(result.type).toBe('facts');
  return entityFactsSchema.parse((result as { values: unknown }).values);
};

describe('CatalogEntityCollector', () => {
  const everything = [group, user, dataset, bucket, pipeline, server, website];

  it('reads a complete model with its lineage', async () => {
    const expected: EntityFacts = {
      owner: 'group:default/risk-ml',
      ownerExists: true,
      hasOnCall: true,
      hasDescription: true,
      hasRunbook: true,
      hasModelCard: true,
      hasSystem: true,
      tier: 1,
      stage: 'production',
      servingPattern: 'online',
      slo: { defined: true, latencyP99Ms: 150, availability: 99.9 },
      monitoring: { dashboard: true, drift: true, dataQuality: true },
      versions: {
        count: 3,
        productionApproved: true,
        productionHasDataset: true,
        productionHasCodeCommit: true,
        productionHasMetrics: true,
      },
      // The bucket is not a dataset, the deleted dataset is not in the
      // catalog, and the website is not a model server.
      lineage: { datasets: 1, pipelines: 1, servers: 1 },
      goldenPath: { template: 'online-inference', version: '1.0.0' },
      repository: 'acme/fraud-scoring',
    };
    expect(await collect(fraudScoring, everything)).toEqual(expected);
  });

  it('finds model servers through the catalog even without a relation on the model', async () => {
    const withoutDependents = {
      ...fraudScoring,
      relations: fraudScoring.relations!.filter(r => r.type !== 'dependencyOf'),
    };
    expect((await collect(withoutDependents, everything)).lineage.servers).toBe(
      1,
    );
  });

  it('shows the gaps of a bare model', async () => {
    const bare: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'churn',
        namespace: 'growth',
        annotations: {
          'backstage.io/managed-by-location':
            'file:/srv/portal/.local-git/checkouts/churn/catalog-info.yaml',
        },
      },
      spec: {
        type: 'ai-model',
        owner: 'ghost-team',
        mlops: {
          tier: 3,
          task: 'classification',
          servingPattern: 'batch',
          versions: [
            {
              version: '1',
              stage: 'production',
              registeredAt: '2026-01-01T00:00:00Z',
            },
          ],
        },
      },
    };
    expect(await collect(bare, everything)).toEqual({
      owner: 'group:growth/ghost-team',
      ownerExists: false,
      hasOnCall: false,
      hasDescription: false,
      hasRunbook: false,
      hasModelCard: false,
      hasSystem: false,
      tier: 3,
      stage: 'production',
      servingPattern: 'batch',
      slo: { defined: false, latencyP99Ms: 0, availability: 0 },
      monitoring: { dashboard: false, drift: false, dataQuality: false },
      versions: {
        count: 1,
        productionApproved: false,
        productionHasDataset: false,
        productionHasCodeCommit: false,
        productionHasMetrics: false,
      },
      lineage: { datasets: 0, pipelines: 0, servers: 0 },
      goldenPath: { template: '', version: '' },
      repository: 'churn',
    });
  });

  it('does not count a user as an owning group', async () => {
    const ownedByUser = {
      ...fraudScoring,
      relations: [rel('ownedBy', 'user:default/dana')],
    };
    const facts = await collect(ownedByUser, everything);
    expect(facts).toMatchObject({
      owner: 'user:default/dana',
      ownerExists: false,
    });
  });

  it('applies to ai-model entities only', () => {
    const collector = CatalogEntityCollector.create({
      catalog: catalogServiceMock(),
      auth: mockServices.auth(),
    });
    expect(collector.appliesTo(dataset)).toBe(false);
    expect(collector.appliesTo(server)).toBe(false);
  });

  it('shows the known gaps of the demo models', async () => {
    const examples = path.resolve(__dirname, '../../../examples');
    const entities = fs
      .readdirSync(examples)
      .filter(file => file.endsWith('.yaml'))
      .flatMap(file =>
        parseAllDocuments(
          fs.readFileSync(path.join(examples, file), 'utf8'),
        ).map(d => d.toJS()),
      )
      .filter((e): e is Entity => Boolean(e?.kind && e?.metadata))
      .map(e => ({ ...e, metadata: { namespace: 'default', ...e.metadata } }));
    const models = entities.filter(
      e => e.kind === 'Resource' && e.spec?.type === 'ai-model',
    );
    expect(models.length).toBeGreaterThan(20);
    const catalog = catalogServiceMock({ entities });
    const collector = CatalogEntityCollector.create({
      catalog,
      auth: mockServices.auth(),
    });
    const facts = new Map<string, EntityFacts>();
    for (const model of models) {
      const [result] = await collector.collect(model);
      facts.set(
        model.metadata.name,
        entityFactsSchema.parse((result as { values: unknown }).values),
      );
    }
    expect(facts.get('fraud-scoring')).toMatchObject({
      ownerExists: true,
      hasRunbook: true,
      hasModelCard: true,
      hasOnCall: true,
      tier: 1,
      stage: 'production',
      versions: { productionApproved: true },
    });
    expect(facts.get('realtime-traffic-nowcast')?.hasRunbook).toBe(false);
    expect(facts.get('homepage-ranking')?.hasModelCard).toBe(false);
    expect(facts.get('energy-consumption-forecast')?.slo.defined).toBe(false);
    expect(facts.get('chargeback-prediction')?.monitoring).toEqual({
      dashboard: false,
      drift: false,
      dataQuality: false,
    });
    expect(facts.get('email-send-time')?.goldenPath.template).toBe('');
  });
});
