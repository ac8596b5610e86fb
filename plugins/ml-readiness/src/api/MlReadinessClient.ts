import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, ResponseError } from '@backstage/errors';
import { readValidatedJson } from '@ml-golden-paths/plugin-ml-catalog-common';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  Exemption,
  ExemptionCreateRequest,
  GateDecision,
  GateRequest,
  GradeHistoryEntry,
  OverviewPage,
  Scorecard,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import { z } from 'zod';
import {
  ExemptionListQuery,
  HistoryQuery,
  MlReadinessApi,
  OverviewQuery,
  ReadinessPolicy,
} from './MlReadinessApi';
import {
  exemptionListSchema,
  exemptionSchema,
  gateDecisionSchema,
  historySchema,
  overviewPageSchema,
  policySchema,
  scorecardSchema,
} from './responseSchemas';

type Params = Record<string, string | number | undefined>;

/**
 * `namespace/name` of a model's entity ref, each part URL-encoded. Models
 * are Resources; any other kind is refused here rather than asked for.
 */
function modelPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef, {
    defaultKind: 'resource',
  });
  if (kind.toLocaleLowerCase('en-US') !== 'resource') {
    throw new InputError(
      `entityRef '${entityRef}' is not a model; models are Resource entities`,
    );
  }
  return [namespace, name].map(part => encodeURIComponent(part)).join('/');
}

function queryString(params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function overviewParams(query: OverviewQuery = {}): Params {
  return {
    owner: query.owner,
    tier: query.tier,
    level: query.level,
    stage: query.stage,
    failingCheck: query.failingCheck,
    orderBy: query.orderBy,
    order: query.order,
    offset: query.offset,
    limit: query.limit,
  };
}

/** {@link MlReadinessApi} over the readiness backend's HTTP API. */
export class MlReadinessClient implements MlReadinessApi {
  private constructor(
    private readonly discoveryApi: DiscoveryApi,
    private readonly fetchApi: FetchApi,
  ) {}

  /** Creates a client that finds the backend through discovery. */
  static create(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
  }): MlReadinessClient {
    return new MlReadinessClient(options.discoveryApi, options.fetchApi);
  }

  async getPolicy(): Promise<ReadinessPolicy> {
    return this.request('/policy', policySchema);
  }

  async getScorecard(entityRef: string): Promise<Scorecard> {
    return this.request(`/scorecards/${modelPath(entityRef)}`, scorecardSchema);
  }

  async getOverview(query?: OverviewQuery): Promise<OverviewPage> {
    return this.request(
      `/overview${queryString(overviewParams(query))}`,
      overviewPageSchema,
    );
  }

  async getModelHistory(
    entityRef: string,
    query: HistoryQuery = {},
  ): Promise<GradeHistoryEntry[]> {
    return this.request(
      `/scorecards/${modelPath(entityRef)}/history${queryString({
        days: query.days,
      })}`,
      historySchema,
    );
  }

  async getTeamHistory(
    ownerRef: string,
    query: HistoryQuery = {},
  ): Promise<GradeHistoryEntry[]> {
    return this.request(
      `/teams/history${queryString({ owner: ownerRef, days: query.days })}`,
      historySchema,
    );
  }

  async evaluateGate(request: GateRequest): Promise<GateDecision> {
    return this.request('/gate', gateDecisionSchema, {
      method: 'POST',
      body: request,
    });
  }

  async listExemptions(query: ExemptionListQuery = {}): Promise<Exemption[]> {
    return this.request(
      `/exemptions${queryString({
        entityRef: query.entityRef,
        active: query.active === undefined ? undefined : String(query.active),
      })}`,
      exemptionListSchema,
    );
  }

  async createExemption(request: ExemptionCreateRequest): Promise<Exemption> {
    return this.request('/exemptions', exemptionSchema, {
      method: 'POST',
      body: request,
    });
  }

  async revokeExemption(id: string, reason: string): Promise<Exemption> {
    return this.request(
      `/exemptions/${encodeURIComponent(id)}/revoke`,
      exemptionSchema,
      { method: 'POST', body: { reason } },
    );
  }

  async getOverviewCsvUrl(query?: OverviewQuery): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('ml-readiness');
    const {
      offset: _offset,
      limit: _limit,
      orderBy: _orderBy,
      order: _order,
      ...filters
    } = query ?? {};
    return `${baseUrl}/overview/export${queryString(overviewParams(filters))}`;
  }

  async exportOverviewCsv(query?: OverviewQuery): Promise<Blob> {
    const response = await this.fetchApi.fetch(
      await this.getOverviewCsvUrl(query),
      { headers: { accept: 'text/csv' } },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.blob();
  }

  private async request<T>(
    path: string,
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
    init?: { method: 'POST'; body: unknown },
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('ml-readiness');
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}`,
      init && {
        method: init.method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(init.body),
      },
    );
    return readValidatedJson(response, schema, 'ml-readiness');
  }
}
