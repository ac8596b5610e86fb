import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  createApiRef,
  type DiscoveryApi,
  type FetchApi,
} from '@backstage/frontend-plugin-api';
import {
  INVALID_ML_ENTITIES_PATH,
  InvalidMlEntitiesResponse,
  ModelDocument,
  ModelDocumentName,
  readValidatedJson,
  invalidMlEntitiesResponseSchema,
  modelDocumentSchema,
} from '@ml-golden-paths/plugin-ml-catalog-common';

/** The ml-catalog backend, as used by the frontend. */
export interface MlCatalogApi {
  /**
   * Reads a model's repository document (`model-card` or `runbook`) through
   * the backend. Rejects with a ResponseError carrying the backend's message
   * (for example 404 when the entity has no such field, 422 when the document
   * cannot be read).
   */
  getDocument(
    entityRef: Entity | CompoundEntityRef | string,
    document: ModelDocumentName,
  ): Promise<ModelDocument>;

  /**
   * The ML entities the catalog could not process (failed validation), from
   * the catalog module's `GET /api/catalog/ml/invalid-entities`, optionally
   * only those owned by one of `owners` (full refs).
   */
  getInvalidEntities(options?: {
    owners?: string[];
  }): Promise<InvalidMlEntitiesResponse>;
}

/** API reference of {@link MlCatalogApi}. */
export const mlCatalogApiRef = createApiRef<MlCatalogApi>().with({
  id: 'plugin.ml-catalog.service',
  pluginId: 'ml-catalog',
});

function toCompoundRef(
  entityRef: Entity | CompoundEntityRef | string,
): CompoundEntityRef {
  if (typeof entityRef === 'string') {
    return parseEntityRef(entityRef);
  }
  return 'metadata' in entityRef ? getCompoundEntityRef(entityRef) : entityRef;
}

/** {@link MlCatalogApi} over the backend's HTTP API. */
export class MlCatalogClient implements MlCatalogApi {
  private constructor(
    private readonly discoveryApi: DiscoveryApi,
    private readonly fetchApi: FetchApi,
  ) {}

  /** Creates a client that finds the backend through discovery. */
  static create(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
  }): MlCatalogClient {
    return new MlCatalogClient(options.discoveryApi, options.fetchApi);
  }

  async getDocument(
    entityRef: Entity | CompoundEntityRef | string,
    document: ModelDocumentName,
  ): Promise<ModelDocument> {
    const { kind, namespace, name } = toCompoundRef(entityRef);
    const baseUrl = await this.discoveryApi.getBaseUrl('ml-catalog');
    const path = [namespace, kind, name]
      .map(part => encodeURIComponent(part))
      .join('/');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/v1/entities/${path}/documents/${encodeURIComponent(
        document,
      )}`,
    );
    return readValidatedJson(response, modelDocumentSchema, 'ml-catalog');
  }

  async getInvalidEntities(
    options: { owners?: string[] } = {},
  ): Promise<InvalidMlEntitiesResponse> {
    const baseUrl = await this.discoveryApi.getBaseUrl('catalog');
    const query = new URLSearchParams();
    for (const owner of options.owners ?? []) {
      query.append('owner', owner);
    }
    const search = query.toString();
    const response = await this.fetchApi.fetch(
      `${baseUrl}${INVALID_ML_ENTITIES_PATH}${search ? `?${search}` : ''}`,
    );
    return readValidatedJson(
      response,
      invalidMlEntitiesResponseSchema,
      'catalog',
    );
  }
}
