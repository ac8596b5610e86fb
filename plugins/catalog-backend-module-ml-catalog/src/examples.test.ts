/*
 * Checks the demo data in the repository's examples/ folder: every entity
 * passes Backstage's own validation and our ML contract, every reference
 * points at an entity that exists, and the data covers what the demo needs.
 */
import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  Entity,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  AiModelEntity,
  isAiModelEntity,
  isInProduction,
  validateMlEntity,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { MlCatalogProcessor } from './processor/MlCatalogProcessor';

const EXAMPLES = resolve(__dirname, '../../../examples');
const files = readdirSync(EXAMPLES).filter(f => f.endsWith('.yaml'));

const entitiesByFile = new Map<string, Entity[]>(
  files.map(file => [
    file,
    parseAllDocuments(readFileSync(resolve(EXAMPLES, file), 'utf8')).map(
      doc => {
        if (doc.errors.length > 0) {
          throw new Error(`${file}: ${doc.errors[0].message}`);
        }
        return doc.toJS() as Entity;
      },
    ),
  ]),
);
const entities = [...entitiesByFile.values()].flat();
const refs = new Set(entities.map(e => stringifyEntityRef(e)));
const models = entities.filter(isAiModelEntity) as AiModelEntity[];

const validators = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
];

function refOf(value: string, defaultKind: string) {
  return stringifyEntityRef(
    parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
  );
}

describe('examples/', () => {
  // org.yaml (the demo organisation) and guest.yaml (the local guest user)
  // are loaded by the development config on their own, never through all.yaml.
  it('has a Location in all.yaml that targets every other example file except org.yaml and guest.yaml', () => {
    const [location] = entitiesByFile.get('all.yaml')!;
    expect(location.kind).toBe('Location');
    const targets = (location.spec!.targets as string[]).map(t =>
      t.replace(/^\.\//, ''),
    );
    expect([...targets].sort()).toEqual(
      files
        .filter(f => !['all.yaml', 'org.yaml', 'guest.yaml'].includes(f))
        .sort(),
    );
  });

  it.each(entities.map(e => [stringifyEntityRef(e), e] as const))(
    '%s passes Backstage validation and the ML contract',
    async (_ref, entity) => {
      const results = await Promise.all(validators.map(v => v.check(entity)));
      expect(results).toContain(true);
      const ml = validateMlEntity(entity);
      expect(ml?.success === false ? ml.issues : []).toEqual([]);
      const processor = MlCatalogProcessor.create();
      await expect(processor.validateEntityKind(entity)).resolves.toBe(false);
    },
  );

  it('has no duplicate entities', () => {
    expect(refs.size).toBe(entities.length);
  });

  it('only references entities that exist', async () => {
    const missing: string[] = [];
    const check = (from: Entity, value: unknown, defaultKind: string) => {
      for (const target of [value ?? []].flat() as string[]) {
        const ref = refOf(target, defaultKind);
        if (!refs.has(ref)) {
          missing.push(`${stringifyEntityRef(from)} → ${ref}`);
        }
      }
    };
    for (const entity of entities) {
      const spec = (entity.spec ?? {}) as Record<string, any>;
      check(entity, spec.owner, 'group');
      check(entity, spec.system, 'system');
      check(entity, spec.domain, 'domain');
      check(entity, spec.parent, 'group');
      check(entity, spec.memberOf, 'group');
      check(entity, spec.dependsOn, 'resource');
      check(entity, spec.providesApis, 'api');
      check(entity, spec.consumesApis, 'api');
      check(entity, spec.mlops?.onCall, 'group');
      check(entity, spec.mlops?.trainingPipeline, 'component');
      check(
        entity,
        (spec.mlops?.versions ?? [])
          .map((v: any) => v.approvedBy)
          .filter(Boolean),
        'user',
      );
      check(entity, spec.pipeline?.inputs, 'resource');
      check(entity, spec.pipeline?.produces, 'resource');
      check(entity, spec.serving?.models, 'resource');
      // Relations the processor emits must land on existing entities too.
      const emitted: string[] = [];
      if (validateMlEntity(entity)) {
        await MlCatalogProcessor.create().postProcessEntity(
          entity,
          { type: 'file', target: 'examples' },
          result => {
            if (result.type === 'relation') {
              emitted.push(stringifyEntityRef(result.relation.target));
            }
          },
        );
      }
      check(entity, emitted, 'resource');
    }
    // catalog-info.yaml at the repository root sits in the ml-platform system.
    expect(missing).toEqual([]);
    expect(refs.has('system:default/ml-platform')).toBe(true);
  });

  it('covers every team, tier and serving pattern with a realistic spread of completeness', () => {
    expect(models.length).toBeGreaterThanOrEqual(30);
    const owners = new Set(models.map(m => m.spec.owner));
    expect([...owners].sort()).toEqual(
      [
        'group:forecasting-ml',
        'group:growth-ml',
        'group:nlp-ml',
        'group:pricing-ml',
        'group:risk-ml',
        'group:vision-ml',
      ].sort(),
    );
    const mlops = models.map(m => m.spec.mlops);
    expect(new Set(mlops.map(m => m.tier))).toEqual(new Set([1, 2, 3]));
    expect(new Set(mlops.map(m => m.servingPattern))).toEqual(
      new Set(['online', 'batch', 'streaming', 'embedded']),
    );
    expect(mlops.filter(m => !m.runbook).length).toBeGreaterThan(0);
    expect(mlops.filter(m => !m.monitoring).length).toBeGreaterThan(0);
    expect(mlops.filter(m => !m.modelCard).length).toBeGreaterThan(0);
    expect(mlops.filter(m => !isInProduction(m)).length).toBeGreaterThan(0);
    expect(mlops.filter(m => isInProduction(m)).length).toBeGreaterThan(15);
    const kinds = entities.map(e => `${e.kind}/${e.spec?.type ?? ''}`);
    for (const kind of [
      'Resource/dataset',
      'Component/ml-pipeline',
      'Component/model-server',
      'API/openapi',
      'System/',
      'Domain/',
    ]) {
      expect(kinds).toContain(kind);
    }
  });
});
