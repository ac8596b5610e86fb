import type { Entity } from '@backstage/catalog-model';
import type { KpiValue } from '@ml-golden-paths/plugin-ml-kpi-common';
import type { MlKpiApi } from '../api/MlKpiApi';
import type {
  ModelKpis,
  PlatformKpis,
  PlatformRollup,
  TeamKpis,
  TeamTrends,
} from '../api/types';

/** The demo model the component tests render. */
export const FRAUD_MODEL: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'fraud-scoring', namespace: 'default' },
  spec: {
    type: 'ai-model',
    owner: 'group:default/risk-ml',
    mlops: { tier: 1 },
  },
};

/** A KPI value. */
export const value = (
  v: number,
  unit: KpiValue['unit'],
  band?: 'elite' | 'high' | 'medium' | 'low',
): KpiValue => ({
  state: 'value',
  value: v,
  unit,
  samples: 4,
  ...(band ? { band } : {}),
});

/** Too little data for a KPI. */
export const notEnough = (
  unit: KpiValue['unit'],
  reason: string,
): KpiValue => ({
  state: 'insufficient-data',
  unit,
  samples: 1,
  reason,
});

/** Records every call and answers from the given data (or rejects with an error). */
export class FakeKpiApi implements MlKpiApi {
  readonly calls: string[] = [];

  constructor(
    private readonly data: {
      model?: ModelKpis | Error;
      teams?: (owner?: string) => TeamKpis[];
      trends?: TeamTrends;
      platform?: PlatformKpis | Error;
    },
  ) {}

  private answer<T>(answer: T | Error | undefined, what: string): Promise<T> {
    if (answer instanceof Error) return Promise.reject(answer);
    if (answer === undefined) return Promise.reject(new Error(`no ${what}`));
    return Promise.resolve(answer);
  }

  getModelKpis(entityRef: string): Promise<ModelKpis> {
    this.calls.push(`model ${entityRef}`);
    return this.answer(this.data.model, 'model');
  }

  getTeams(owner?: string): Promise<TeamKpis[]> {
    this.calls.push(`teams ${owner ?? ''}`);
    return this.answer(this.data.teams?.(owner), 'teams');
  }

  getTeamTrends(owner?: string): Promise<TeamTrends> {
    this.calls.push(`trends ${owner ?? ''}`);
    return this.answer(this.data.trends, 'trends');
  }

  getPlatform(owner?: string): Promise<PlatformKpis> {
    this.calls.push(`platform ${owner ?? ''}`);
    return this.answer(this.data.platform, 'platform');
  }
}

/** A platform roll-up. */
export function rollup(
  id: string,
  title: string,
  v: KpiValue,
  counts: [meets: number, misses: number, unknown: number],
  target: number,
): PlatformRollup {
  return {
    id,
    title,
    definition: `${title} definition`,
    value: v,
    meets: counts[0],
    misses: counts[1],
    unknown: counts[2],
    target: { comparator: '>', value: target },
  };
}

/** A 404 as the client throws it. */
export function notFound(): Error {
  return Object.assign(new Error('No model'), { statusCode: 404 });
}
