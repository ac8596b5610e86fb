import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** A model a repository belongs to. */
export type ResolvedModel = { entityRef: string; ownerRef: string };

/** A catalog model with its repository slug, when annotated. */
export type CatalogModel = ResolvedModel & { slug?: string };

/** The annotation naming a model's GitHub repository. */
export const PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';

/** The owner of an entity as a full entity ref (group kind by default). */
export function ownerRefOf(entity: Entity): string {
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || owner.length === 0) {
    return 'unowned';
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return 'unowned';
  }
}

/**
 * Maps a repository slug (owner/name) to the ai-model entities annotated with
 * it, through the catalog, caching each answer for a short while.
 */
export class ModelResolver {
  private readonly cache = new Map<
    string,
    { models: ResolvedModel[]; expires: number }
  >();

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly cacheMs: number,
  ) {}

  async modelsOf(slug: string): Promise<ResolvedModel[]> {
    const key = slug.toLowerCase();
    const cached = this.cache.get(key);
    if (cached && cached.expires > Date.now()) {
      return cached.models;
    }
    const credentials: BackstageCredentials =
      await this.auth.getOwnServiceCredentials();
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          kind: 'Resource',
          'spec.type': 'ai-model',
          [`metadata.annotations.${PROJECT_SLUG_ANNOTATION}`]: slug,
        },
      },
      { credentials },
    );
    const models = items
      .filter(
        e =>
          e.metadata.annotations?.[PROJECT_SLUG_ANNOTATION]?.toLowerCase() ===
          key,
      )
      .map(e => ({
        entityRef: stringifyEntityRef(e),
        ownerRef: ownerRefOf(e),
      }));
    if (this.cacheMs > 0) {
      this.cache.set(key, { models, expires: Date.now() + this.cacheMs });
    }
    return models;
  }

  /**
   * Every ai-model in the catalog with its owner and repository slug, in one
   * catalog query (never one per model).
   */
  async allModels(): Promise<CatalogModel[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'Resource', 'spec.type': 'ai-model' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.owner',
        ],
      },
      { credentials },
    );
    return items.map(e => {
      const slug = e.metadata.annotations?.[PROJECT_SLUG_ANNOTATION]?.trim();
      return {
        entityRef: stringifyEntityRef(e),
        ownerRef: ownerRefOf(e),
        ...(slug ? { slug } : {}),
      };
    });
  }
}
