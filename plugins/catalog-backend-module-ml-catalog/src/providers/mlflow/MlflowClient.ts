import { ResponseError } from '@backstage/errors';
import { z } from 'zod';
import {
  MlflowModelVersion,
  MlflowRegisteredModel,
  searchModelVersionsResponseSchema,
  searchRegisteredModelsResponseSchema,
} from './mlflowResponses';

/** Stops a registry that keeps handing out page tokens from looping forever. */
const MAX_PAGES = 10_000;

/**
 * Reads the MLflow Model Registry through its REST API 2.0. Follows
 * `page_token` pagination, validates every response with zod, and sends the
 * token only in the `Authorization` header (it never appears in errors).
 */
export class MlflowClient {
  private constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
    private readonly pageSize: number,
    private readonly fetchFn: typeof fetch,
  ) {}

  /** Creates a client for the tracking server at `baseUrl`. */
  static create(options: {
    baseUrl: string;
    token?: string;
    pageSize?: number;
    fetch?: typeof fetch;
  }): MlflowClient {
    return new MlflowClient(
      options.baseUrl.replace(/\/+$/, ''),
      options.token,
      options.pageSize ?? 100,
      options.fetch ?? fetch,
    );
  }

  /** Every registered model, across all pages. */
  async listRegisteredModels(): Promise<MlflowRegisteredModel[]> {
    return this.collect(
      '/api/2.0/mlflow/registered-models/search',
      {},
      searchRegisteredModelsResponseSchema,
      page => page.registered_models ?? [],
    );
  }

  /** Every version of one registered model, across all pages. */
  async listModelVersions(modelName: string): Promise<MlflowModelVersion[]> {
    return this.collect(
      '/api/2.0/mlflow/model-versions/search',
      { filter: `name='${modelName.replace(/'/g, "\\'")}'` },
      searchModelVersionsResponseSchema,
      page => page.model_versions ?? [],
    );
  }

  private async collect<S extends z.ZodTypeAny, T>(
    path: string,
    params: Record<string, string>,
    schema: S,
    itemsOf: (page: z.output<S>) => T[],
  ): Promise<T[]> {
    const items: T[] = [];
    const seenTokens = new Set<string>();
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({
        ...params,
        max_results: String(this.pageSize),
      });
      if (pageToken) {
        query.set('page_token', pageToken);
      }
      const body = schema.parse(await this.get(`${path}?${query}`));
      items.push(...itemsOf(body));
      pageToken = body.next_page_token || undefined;
      if (!pageToken) {
        return items;
      }
      if (seenTokens.has(pageToken)) {
        throw new Error(
          `MLflow returned the same page token twice for ${path}`,
        );
      }
      seenTokens.add(pageToken);
    }
    throw new Error(`MLflow returned more than ${MAX_PAGES} pages for ${path}`);
  }

  private async get(pathAndQuery: string): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.token) {
      headers.Authorization = `Bearer ${this.token}`;
    }
    const response = await this.fetchFn(`${this.baseUrl}${pathAndQuery}`, {
      headers,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}
