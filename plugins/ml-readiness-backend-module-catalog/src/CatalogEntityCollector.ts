import {
  AuthService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isAiModelEntity,
  MODEL_SERVER_ENTITY_TYPE,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { entityFactSet } from '@ml-golden-paths/plugin-ml-readiness-common';
import {
  FactCollectionResult,
  FactCollector,
} from '@ml-golden-paths/plugin-ml-readiness-node';
import { EntityLookup, readEntityFacts } from './readEntityFacts';

/** Fields the collector needs of related entities. */
const RELATED_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.type',
];

/**
 * Collects the `entity` fact set of every `Resource`/`ai-model` entity from
 * the entity itself and the catalog (owner group, lineage, model servers),
 * reading the catalog with the plugin's own service credentials.
 *
 * @public
 */
export class CatalogEntityCollector implements FactCollector {
  readonly id = 'catalog';
  readonly factSets = [entityFactSet];

  private constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    readonly schedule?: SchedulerServiceTaskScheduleDefinition,
  ) {}

  /** Creates the collector. */
  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    schedule?: SchedulerServiceTaskScheduleDefinition;
  }): CatalogEntityCollector {
    return new CatalogEntityCollector(
      options.catalog,
      options.auth,
      options.schedule,
    );
  }

  appliesTo(entity: Entity): boolean {
    return isAiModelEntity(entity);
  }

  async collect(entity: Entity): Promise<FactCollectionResult[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const lookup: EntityLookup = {
      byRefs: async entityRefs => {
        const { items } = await this.catalog.getEntitiesByRefs(
          { entityRefs, fields: RELATED_FIELDS },
          { credentials },
        );
        return items.filter((item): item is Entity => item !== undefined);
      },
      modelServersDependingOn: async modelRef => {
        const { items } = await this.catalog.getEntities(
          {
            filter: {
              kind: 'Component',
              'spec.type': MODEL_SERVER_ENTITY_TYPE,
              'relations.dependsOn': modelRef,
            },
            fields: RELATED_FIELDS,
          },
          { credentials },
        );
        return items.map(item => stringifyEntityRef(item));
      },
    };
    return [
      {
        type: 'facts',
        factSet: entityFactSet.id,
        values: await readEntityFacts(entity, lookup),
      },
    ];
  }
}
