import type { Entity } from '@backstage/catalog-model';
import type {
  Exemption,
  ExemptionCreateRequest,
  GradeHistoryEntry,
  OverviewPage,
  OverviewRow,
  Scorecard,
  ScorecardCheck,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import type {
  MlReadinessApi,
  OverviewQuery,
  ReadinessPolicy,
} from '../api/MlReadinessApi';

/** The demo model the component tests render. */
export const FRAUD_MODEL: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'fraud-scoring',
    namespace: 'default',
    title: 'Fraud scoring',
  },
  spec: {
    type: 'ai-model',
    owner: 'group:default/risk-ml',
    mlops: { tier: 1 },
  },
};

/** A scorecard check with sensible defaults. */
export function check(
  id: string,
  overrides: Partial<ScorecardCheck> = {},
): ScorecardCheck {
  return {
    id,
    title: id,
    category: 'ownership-documentation',
    level: 'bronze',
    state: 'pass',
    reason: `${id} holds`,
    factTimes: { entity: '2026-11-29T08:00:00.000Z' },
    remediation: `Fix ${id}.`,
    goldenPathLink: `https://golden-paths.example.com/${id}`,
    ...overrides,
  };
}

/** Fraud scoring at Silver (needs Gold): one failing, one unknown check. */
export const FRAUD_SCORECARD: Scorecard = {
  entityRef: 'resource:default/fraud-scoring',
  title: 'Fraud scoring',
  owner: 'group:default/risk-ml',
  tier: 1,
  stage: 'production',
  level: 'silver',
  requiredLevel: 'gold',
  meetsRequiredLevel: false,
  gradedAt: '2026-11-29T09:00:00.000Z',
  counts: { pass: 3, fail: 1, unknown: 1, exempt: 0, 'not-applicable': 1 },
  checks: [
    check('owner-set', { title: 'Owner is set' }),
    check('runbook-linked', {
      title: 'Runbook is linked',
      level: 'gold',
      state: 'fail',
      reason: 'spec.mlops.runbook is not set',
      remediation:
        'Add a rollback runbook and link it from spec.mlops.runbook.',
      goldenPathLink: 'https://golden-paths.example.com/docs/runbook',
    }),
    check('drift-monitored', {
      title: 'Drift is monitored',
      category: 'monitoring',
      level: 'gold',
      state: 'unknown',
      reason: 'No repository facts collected yet',
      factTimes: {},
      remediation: 'Configure drift monitoring.',
      goldenPathLink: '/docs/default/component/golden-paths/monitoring',
    }),
    check('slo-defined', {
      title: 'SLOs are defined',
      category: 'monitoring',
      level: 'silver',
    }),
    check('tests-in-ci', {
      title: 'Tests run in CI',
      category: 'testing-quality',
      level: 'bronze',
    }),
    check('canary-deploys', {
      title: 'Canary deploys',
      category: 'deployment-rollback',
      state: 'not-applicable',
      reason: 'Not applicable to tier 1 batch models',
    }),
  ],
};

/** An overview row for a model. */
export function row(
  name: string,
  overrides: Partial<OverviewRow> = {},
): OverviewRow {
  return {
    entityRef: `resource:default/${name}`,
    title: name,
    owner: 'group:default/risk-ml',
    tier: 2,
    stage: 'production',
    level: 'silver',
    requiredLevel: 'silver',
    meetsRequiredLevel: true,
    failing: 0,
    unknown: 0,
    exempt: 0,
    failingChecks: [],
    gradedAt: '2026-11-29T09:00:00.000Z',
    ...overrides,
  };
}

/** A Group entity with an optional parent. */
export function group(name: string, parent?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
  };
}

/**
 * An in-memory readiness backend for component tests: answers from the
 * given data and records what it was asked.
 */
export class FakeReadinessApi implements MlReadinessApi {
  readonly overviewQueries: OverviewQuery[] = [];
  readonly created: ExemptionCreateRequest[] = [];

  constructor(
    private readonly data: {
      scorecards?: Scorecard[];
      rows?: OverviewRow[];
      history?: GradeHistoryEntry[];
      exemptions?: Exemption[];
      policy?: ReadinessPolicy;
      /** Thrown by every call, e.g. a 403 ResponseError. */
      error?: Error;
    } = {},
  ) {}

  private check() {
    if (this.data.error) throw this.data.error;
  }

  async getPolicy(): Promise<ReadinessPolicy> {
    this.check();
    return this.data.policy ?? { checks: [], tierLevels: {} };
  }

  async getScorecard(entityRef: string): Promise<Scorecard> {
    this.check();
    const found = this.data.scorecards?.find(s => s.entityRef === entityRef);
    if (!found) {
      throw Object.assign(new Error(`No grade for ${entityRef}`), {
        name: 'ResponseError',
        statusCode: 404,
      });
    }
    return found;
  }

  async getOverview(query: OverviewQuery = {}): Promise<OverviewPage> {
    this.check();
    this.overviewQueries.push(query);
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    const items = (this.data.rows ?? []).filter(
      r =>
        (query.tier === undefined || r.tier === query.tier) &&
        (query.level === undefined || r.level === query.level) &&
        (query.stage === undefined || r.stage === query.stage) &&
        (query.failingCheck === undefined ||
          r.failingChecks.includes(query.failingCheck)),
    );
    return {
      items: items.slice(offset, offset + limit),
      totalItems: items.length,
      offset,
      limit,
    };
  }

  async getModelHistory(entityRef: string): Promise<GradeHistoryEntry[]> {
    this.check();
    return (this.data.history ?? []).filter(h => h.entityRef === entityRef);
  }

  async getTeamHistory(): Promise<GradeHistoryEntry[]> {
    this.check();
    return this.data.history ?? [];
  }

  async evaluateGate(): Promise<never> {
    throw new Error('The gate is not used by the frontend tests');
  }

  async listExemptions(): Promise<Exemption[]> {
    this.check();
    return this.data.exemptions ?? [];
  }

  async createExemption(request: ExemptionCreateRequest): Promise<Exemption> {
    this.check();
    this.created.push(request);
    return {
      id: `ex-${this.created.length}`,
      ...request,
      createdBy: 'user:default/architect',
      createdAt: '2026-11-29T10:00:00.000Z',
      status: 'active',
    };
  }

  async revokeExemption(): Promise<never> {
    throw new Error('Revoking is not used by the frontend tests');
  }

  async exportOverviewCsv(): Promise<Blob> {
    this.check();
    return new Blob(['entityRef\n'], { type: 'text/csv' });
  }

  async getOverviewCsvUrl(): Promise<string> {
    return 'http://localhost/api/ml-readiness/overview/export';
  }
}
