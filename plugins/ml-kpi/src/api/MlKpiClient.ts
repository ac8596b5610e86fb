import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { readValidatedJson } from '@ml-golden-paths/plugin-ml-catalog-common';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { z } from 'zod';
import { MlKpiApi } from './MlKpiApi';
import {
  modelKpisSchema,
  platformSchema,
  teamsSchema,
  teamTrendsSchema,
} from './schemas';
import type { ModelKpis, PlatformKpis, TeamKpis, TeamTrends } from './types';

function queryString(params: Record<string, string | number | undefined>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** {@link MlKpiApi} over the KPI backend's HTTP API; every answer is validated. */
export class MlKpiClient implements MlKpiApi {
  private constructor(
    private readonly discoveryApi: DiscoveryApi,
    private readonly fetchApi: FetchApi,
  ) {}

  /** Creates a client that finds the backend through discovery. */
  static create(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
  }): MlKpiClient {
    return new MlKpiClient(options.discoveryApi, options.fetchApi);
  }

  async getModelKpis(
    entityRef: string,
    options: { days?: number } = {},
  ): Promise<ModelKpis> {
    const { kind, namespace, name } = parseEntityRef(entityRef, {
      defaultKind: 'resource',
    });
    if (kind.toLocaleLowerCase('en-US') !== 'resource') {
      throw new InputError(
        `entityRef '${entityRef}' is not a model; models are Resource entities`,
      );
    }
    const path = [namespace, name].map(encodeURIComponent).join('/');
    return this.request(
      `/models/${path}${queryString({ days: options.days })}`,
      modelKpisSchema,
    );
  }

  async getTeams(owner?: string): Promise<TeamKpis[]> {
    return this.request(`/teams${queryString({ owner })}`, teamsSchema);
  }

  async getTeamTrends(owner?: string, months?: number): Promise<TeamTrends> {
    return this.request(
      `/teams/trends${queryString({ owner, months })}`,
      teamTrendsSchema,
    );
  }

  async getPlatform(owner?: string): Promise<PlatformKpis> {
    return this.request(`/platform${queryString({ owner })}`, platformSchema);
  }

  private async request<T>(
    path: string,
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('ml-kpi');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    return readValidatedJson(response, schema, 'ml-kpi');
  }
}
