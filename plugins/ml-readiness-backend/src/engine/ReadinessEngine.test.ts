import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  buildPolicy,
  builtInFactSets,
  exemplaryFacts,
  repositoryFactSet,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import { FactCollector } from '@ml-golden-paths/plugin-ml-readiness-node';
import { ReadinessStore } from '../database/ReadinessStore';
import { ReadinessNotifier } from '../notifications/ReadinessNotifier';
import { ReadinessEngine } from './ReadinessEngine';
import { regradeAndRemind } from './scheduleReadinessTasks';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

function model(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default' },
    spec: { type: 'ai-model', owner: 'group:default/team' },
  };
}

describe('ReadinessEngine', () => {
  it('collects every model in the catalog one at a time under the concurrency limit, storing bad facts as unavailable', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await ReadinessStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const entities = [
      ...Array.from({ length: 7 }, (_, i) => model(`m${i}`)),
      {
        ...model('not-a-model'),
        spec: { type: 'dataset', owner: 'group:default/team' },
      },
    ];
    let running = 0;
    let maxRunning = 0;
    const seen: string[] = [];
    const collector: FactCollector = {
      id: 'test',
      factSets: [repositoryFactSet],
      appliesTo: () => true,
      async collect(entity) {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        seen.push(entity.metadata.name);
        await new Promise(resolve => setTimeout(resolve, 5));
        running -= 1;
        if (entity.metadata.name === 'm1') {
          throw new Error('source down');
        }
        if (entity.metadata.name === 'm2') {
          return [
            {
              type: 'facts',
              factSet: 'repository',
              values: { ...exemplaryFacts().repository, hasTests: 'yes' },
            },
          ];
        }
        return [
          {
            type: 'facts',
            factSet: 'repository',
            values: exemplaryFacts().repository,
          },
          // Not declared by this collector: ignored.
          { type: 'facts', factSet: 'entity', values: exemplaryFacts().entity },
        ];
      },
    };
    const engine = new ReadinessEngine({
      store,
      policy: buildPolicy({ factSets: builtInFactSets }),
      collectors: [collector],
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      notifier: new ReadinessNotifier({
        store,
        logger: mockServices.logger.mock(),
        linkFor: ref => ref,
      }),
      concurrency: 3,
    });

    const result = await engine.collectAll();
    expect(result.models).toBe(7);
    expect(seen.sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    expect(maxRunning).toBeLessThanOrEqual(3);
    expect(maxRunning).toBeGreaterThan(1);

    const facts = await store.readFacts([
      'resource:default/m0',
      'resource:default/m1',
      'resource:default/m2',
    ]);
    expect(Object.keys(facts.get('resource:default/m0')!)).toEqual([
      'repository',
    ]);
    expect(facts.get('resource:default/m1')).toBeUndefined();
    expect(facts.get('resource:default/m2')!.repository).toMatchObject({
      status: 'unavailable',
      reason:
        'collector test produced invalid facts: hasTests: Expected boolean, received string',
    });
    // Every model got a grade, even the one whose collector failed.
    const grade = await store.getGrade('resource:default/m1');
    expect(grade?.level).toBe('none');
    expect(grade?.checks.find(c => c.checkId === 'owner-defined')?.reason).toBe(
      'no entity facts collected yet',
    );
  });
});

describe('regradeAndRemind', () => {
  it('grades every catalog model, also those without any facts', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await ReadinessStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const notifier = new ReadinessNotifier({
      store,
      logger: mockServices.logger.mock(),
      linkFor: ref => ref,
    });
    const engine = new ReadinessEngine({
      store,
      policy: buildPolicy({ factSets: builtInFactSets }),
      collectors: [],
      catalog: catalogServiceMock({ entities: [model('lonely')] }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      notifier,
      concurrency: 1,
    });
    await regradeAndRemind({ engine, store, notifier });
    const grade = await store.getGrade('resource:default/lonely');
    expect(grade).toMatchObject({ level: 'none', requiredLevel: 'gold' });
    expect(grade!.unknown).toBeGreaterThan(0);
  });
});
