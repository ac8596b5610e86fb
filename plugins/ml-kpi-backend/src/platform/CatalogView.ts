import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_CHILD_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ownerRefOf } from '../ModelResolver';
import { visibilityKey } from '@ml-golden-paths/plugin-ml-catalog-common';

/** A model the caller may see, with what the catalog says of it now. */
export type VisibleModel = {
  entityRef: string;
  ownerRef: string;
  tier: number;
};

/** A group of the organisation and where it sits in the tree. */
export type TeamNode = { ref: string; title: string; parentRef?: string };

const MODEL_FILTER = { kind: 'Resource', 'spec.type': 'ai-model' };

/** The model's `spec.mlops.tier` (1–3), 0 when missing or invalid. */
export function tierOf(entity: Entity): number {
  const tier = (entity.spec as { mlops?: { tier?: unknown } } | undefined)
    ?.mlops?.tier;
  return tier === 1 || tier === 2 || tier === 3 ? tier : 0;
}

/** Whether an entity is an ai-model Resource. */
export function isModel(entity: Entity | undefined): entity is Entity {
  return (
    entity?.kind.toLocaleLowerCase('en-US') === 'resource' &&
    (entity.spec as { type?: unknown } | undefined)?.type === 'ai-model'
  );
}

/** A short-lived cache of loads, keyed; concurrent gets share one load. */
class TtlCache<T> {
  private readonly entries = new Map<
    string,
    { expiresAt: number; value: Promise<T> }
  >();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) {
      return hit.value;
    }
    this.entries.delete(key);
    const value = load();
    const entry = { expiresAt: this.now() + this.ttlMs, value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    return value;
  }
}

/**
 * What the KPI routes need from the catalog:
 * - the models a caller may see (listed with the caller's own credentials,
 *   so the catalog's permission policy decides; services read with the
 *   plugin's credentials), kept `visibilityTtlMs` per caller;
 * - the group tree (`childOf` relations, read with the plugin's own
 *   credentials), kept `groupsTtlMs`, for roll-ups through nested groups.
 */
export class CatalogView {
  private readonly visible: TtlCache<Map<string, VisibleModel>>;
  private readonly groups: TtlCache<Map<string, TeamNode>>;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    options: {
      visibilityTtlMs?: number;
      groupsTtlMs?: number;
      now?: () => number;
    } = {},
  ) {
    const now = options.now ?? Date.now;
    this.visible = new TtlCache(options.visibilityTtlMs ?? 10_000, 1000, now);
    this.groups = new TtlCache(options.groupsTtlMs ?? 60_000, 1, now);
  }

  /** Credentials for catalog reads on behalf of the caller. */
  private async catalogCredentials(
    credentials: BackstageCredentials,
  ): Promise<BackstageCredentials> {
    return (credentials.principal as { type?: string }).type === 'user'
      ? credentials
      : this.auth.getOwnServiceCredentials();
  }

  /** The model if the caller may see it (an ai-model), else undefined. */
  async visibleModel(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<VisibleModel | undefined> {
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials: await this.catalogCredentials(credentials),
    });
    return isModel(entity)
      ? {
          entityRef: stringifyEntityRef(entity),
          ownerRef: ownerRefOf(entity),
          tier: tierOf(entity),
        }
      : undefined;
  }

  /** Every model the caller may see, by entity ref. */
  async visibleModels(
    credentials: BackstageCredentials,
  ): Promise<Map<string, VisibleModel>> {
    const catalogCredentials = await this.catalogCredentials(credentials);
    const key = visibilityKey(catalogCredentials);
    return this.visible.get(key, async () => {
      const models = new Map<string, VisibleModel>();
      for await (const page of this.catalog.streamEntities(
        {
          filter: MODEL_FILTER,
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'spec.type',
            'spec.owner',
            'spec.mlops.tier',
          ],
          pageSize: 1000,
        },
        { credentials: catalogCredentials },
      )) {
        for (const entity of page) {
          const entityRef = stringifyEntityRef(entity);
          models.set(entityRef, {
            entityRef,
            ownerRef: ownerRefOf(entity),
            tier: tierOf(entity),
          });
        }
      }
      return models;
    });
  }

  /** Every group with its parent (the first `childOf` relation) and title. */
  async teams(): Promise<Map<string, TeamNode>> {
    return this.groups.get('groups', async () => {
      const credentials = await this.auth.getOwnServiceCredentials();
      const nodes = new Map<string, TeamNode>();
      for await (const page of this.catalog.streamEntities(
        {
          filter: { kind: 'Group' },
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.title',
            'spec.profile.displayName',
            'relations',
          ],
          pageSize: 1000,
        },
        { credentials },
      )) {
        for (const group of page) {
          const ref = stringifyEntityRef(group);
          const parentRef = group.relations?.find(
            r => r.type === RELATION_CHILD_OF,
          )?.targetRef;
          const title =
            (group.spec as { profile?: { displayName?: string } } | undefined)
              ?.profile?.displayName ??
            group.metadata.title ??
            group.metadata.name;
          nodes.set(ref, { ref, title, ...(parentRef ? { parentRef } : {}) });
        }
      }
      return nodes;
    });
  }
}
