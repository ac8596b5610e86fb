import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessorRelationResult,
  CatalogProcessorResult,
} from '@backstage/plugin-catalog-node';
import { makeAiModelFixture } from '@ml-golden-paths/plugin-ml-catalog-common';
import { MlCatalogProcessor } from './MlCatalogProcessor';

const location = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};

async function process(entity: Entity) {
  const processor = MlCatalogProcessor.create();
  await processor.validateEntityKind(entity);
  const emitted: CatalogProcessorResult[] = [];
  const output = await processor.postProcessEntity(entity, location, result =>
    emitted.push(result),
  );
  const relations = emitted
    .filter((r): r is CatalogProcessorRelationResult => r.type === 'relation')
    .map(
      ({ relation }) =>
        `${stringifyEntityRef(relation.source)} ${
          relation.type
        } ${stringifyEntityRef(relation.target)}`,
    );
  return { output, relations, emitted };
}

describe('MlCatalogProcessor', () => {
  it('ignores entities that are not ML entities', async () => {
    const processor = MlCatalogProcessor.create();
    const group: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'risk-ml' },
      spec: { type: 'team', children: [] },
    };
    await expect(processor.validateEntityKind(group)).resolves.toBe(false);
    const emit = jest.fn();
    await expect(
      processor.postProcessEntity(group, location, emit),
    ).resolves.toBe(group);
    expect(emit).not.toHaveBeenCalled();
  });

  it('accepts a valid model without claiming the kind (the built-in processor does)', async () => {
    await expect(
      MlCatalogProcessor.create().validateEntityKind(makeAiModelFixture()),
    ).resolves.toBe(false);
  });

  it('rejects an invalid model with an InputError naming every bad field', async () => {
    const entity = makeAiModelFixture({
      mlops: { tier: 7, runbook: 'javascript:alert(1)' }, // eslint-disable-line no-script-url
    });
    const error = await MlCatalogProcessor.create()
      .validateEntityKind(entity)
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'Invalid ai-model entity: spec.mlops.tier: expected 1, 2 or 3; spec.mlops.runbook: must be an absolute http(s) URL or a relative path',
    );
  });

  it('rejects hostile input with an InputError, never another exception', async () => {
    const raw = JSON.parse(JSON.stringify(makeAiModelFixture()));
    raw.spec.mlops.versions[0].metrics = JSON.parse(
      '{"__proto__": {"polluted": true}}',
    );
    raw.spec.mlops.task = 'x'.repeat(1024 * 1024);
    const processor = MlCatalogProcessor.create();
    await expect(processor.validateEntityKind(raw)).rejects.toThrow(
      new InputError(
        'Invalid ai-model entity: spec.mlops.task: string of 1048576 characters is too long (limit 10000); spec.mlops.versions[0].metrics.__proto__: key "__proto__" is not allowed',
      ),
    );
    await expect(
      processor.postProcessEntity(raw, location, jest.fn()),
    ).rejects.toBeInstanceOf(InputError);
    expect(({} as any).polluted).toBeUndefined();
  });

  it('emits model → dataset and model → training pipeline dependencies, deduplicated', async () => {
    const entity = makeAiModelFixture({
      mlops: {
        versions: [
          {
            version: 1,
            stage: 'archived',
            registeredAt: '2026-01-01T00:00:00Z',
            dataset: 'card-transactions@2026-01-01',
          },
          {
            version: '2',
            stage: 'production',
            registeredAt: '2026-02-01T00:00:00Z',
            dataset: 'card-transactions@2026-02-01',
          },
          {
            version: '3',
            stage: 'staging',
            registeredAt: '2026-03-01T00:00:00Z',
            dataset: 'resource:data/merchant-profiles',
          },
        ],
      },
    });
    const { relations, output } = await process(entity);
    expect(relations).toEqual([
      'resource:default/fraud-scoring dependsOn resource:default/card-transactions',
      'resource:default/card-transactions dependencyOf resource:default/fraud-scoring',
      'resource:default/fraud-scoring dependsOn resource:data/merchant-profiles',
      'resource:data/merchant-profiles dependencyOf resource:default/fraud-scoring',
      'resource:default/fraud-scoring dependsOn component:default/fraud-training-pipeline',
      'component:default/fraud-training-pipeline dependencyOf resource:default/fraud-scoring',
    ]);
    // The stored entity carries the normalised contract: versions are strings.
    expect((output.spec as any).mlops.versions[0].version).toBe('1');
  });

  it('leaves ownership, system and spec.dependsOn to the built-in processor', async () => {
    const { relations } = await process(makeAiModelFixture());
    expect(relations.some(r => r.includes(' ownedBy '))).toBe(false);
    expect(relations.some(r => r.includes(' partOf '))).toBe(false);
  });

  it('emits pipeline inputs and the models a pipeline produces', async () => {
    const pipeline: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'fraud-training-pipeline', namespace: 'risk' },
      spec: {
        type: 'ml-pipeline',
        owner: 'group:risk-ml',
        lifecycle: 'production',
        pipeline: {
          inputs: ['card-transactions'],
          produces: ['fraud-scoring'],
        },
      },
    };
    const { relations } = await process(pipeline);
    expect(relations).toEqual([
      'component:risk/fraud-training-pipeline dependsOn resource:risk/card-transactions',
      'resource:risk/card-transactions dependencyOf component:risk/fraud-training-pipeline',
      'resource:risk/fraud-scoring dependsOn component:risk/fraud-training-pipeline',
      'component:risk/fraud-training-pipeline dependencyOf resource:risk/fraud-scoring',
    ]);
  });

  it('emits model-server → model dependencies', async () => {
    const server: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'fraud-scoring-service' },
      spec: {
        type: 'model-server',
        owner: 'group:risk-ml',
        lifecycle: 'production',
        providesApis: ['fraud-scoring-api'],
        serving: { models: ['fraud-scoring', 'resource:default/fraud-rules'] },
      },
    };
    const { relations } = await process(server);
    expect(relations).toEqual([
      'component:default/fraud-scoring-service dependsOn resource:default/fraud-scoring',
      'resource:default/fraud-scoring dependencyOf component:default/fraud-scoring-service',
      'component:default/fraud-scoring-service dependsOn resource:default/fraud-rules',
      'resource:default/fraud-rules dependencyOf component:default/fraud-scoring-service',
    ]);
  });

  it('rejects a model server that names no model', async () => {
    const server: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'orphan-server' },
      spec: {
        type: 'model-server',
        owner: 'group:risk-ml',
        lifecycle: 'production',
      },
    };
    await expect(
      MlCatalogProcessor.create().validateEntityKind(server),
    ).rejects.toThrow('Invalid model-server entity: spec.serving: Required');
  });

  it('logs a failing entity once per entity and message, and again after it was fixed and broke', async () => {
    const logger = mockServices.logger.mock();
    const processor = MlCatalogProcessor.create({ logger });
    const withLocation = (entity: Entity): Entity => ({
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          'backstage.io/managed-by-location': 'url:https://example.com/x.yaml',
        },
      },
    });
    const broken = withLocation(
      makeAiModelFixture({ name: 'broken-model', mlops: { tier: 9 } }),
    );
    const otherwise = withLocation(
      makeAiModelFixture({ name: 'broken-model', mlops: { tier: 0 } }),
    );
    const fixed = withLocation(makeAiModelFixture({ name: 'broken-model' }));
    const run = (entity: Entity) =>
      processor.validateEntityKind(entity).catch(() => undefined);

    await run(broken);
    await run(broken);
    await run(broken);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenLastCalledWith(
      'ML entity resource:default/broken-model from url:https://example.com/x.yaml is not in the catalog: Invalid ai-model entity: spec.mlops.tier: expected 1, 2 or 3',
      {
        entityRef: 'resource:default/broken-model',
        location: 'url:https://example.com/x.yaml',
      },
    );
    await run(otherwise); // same field, but the same message: still once
    expect(logger.warn).toHaveBeenCalledTimes(1);
    await run(
      withLocation(
        makeAiModelFixture({ name: 'broken-model', mlops: { task: '' } }),
      ),
    );
    expect(logger.warn).toHaveBeenCalledTimes(2);
    await run(fixed);
    await run(broken);
    expect(logger.warn).toHaveBeenCalledTimes(3);
    await run(makeAiModelFixture({ name: 'other', mlops: { tier: 9 } }));
    expect(logger.warn).toHaveBeenCalledTimes(4);
  });
});
