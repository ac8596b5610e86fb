import { StoredGrade } from '../database/ReadinessStore';
import { expectMatchesSpec } from '../__testUtils__/specValidator';
import { platformModelOf } from './platformModelsRouter';

const grade: StoredGrade = {
  entityRef: 'resource:default/fraud-scoring',
  owner: 'group:default/risk-ml',
  tier: 1,
  stage: 'production',
  level: 'silver',
  requiredLevel: 'gold',
  meetsRequiredLevel: false,
  failing: 1,
  unknown: 0,
  exempt: 0,
  checks: [
    { checkId: 'dashboard-linked', state: 'pass', reason: '', factTimes: {} },
    { checkId: 'retired-check', state: 'fail', reason: '', factTimes: {} },
  ],
  gradedAt: '2026-11-29T10:00:00.000Z',
  changedAt: '2026-11-29T10:00:00.000Z',
};

const policy = {
  checksById: new Map([['dashboard-linked', { category: 'monitoring' }]]),
} as any;

const fact = (enoughData: boolean, value: number) => ({ enoughData, value });

describe('platformModelOf', () => {
  it('takes check categories from the policy, documentation ages and SLO attainment from the facts', () => {
    const model = platformModelOf(
      grade,
      {
        repository: {
          status: 'available',
          collectedAt: '2026-11-29T09:00:00.000Z',
          values: {
            docs: { modelCardAgeDays: 12, rollbackRunbookAgeDays: -1 },
          },
        },
        serving: {
          status: 'available',
          collectedAt: '2026-11-29T09:30:00.000Z',
          values: {
            windowDays: 30,
            availabilityObjective: 0.999,
            latencyP99ObjectiveMs: 250,
            requestCount: fact(true, 120_000),
            sloAvailabilityAttainment: fact(true, 0.9993),
            latencySloAttainment: fact(false, 0),
            costPer1kInferences: fact(true, 0.12),
            driftAlertMinutes: fact(true, 0),
            dataQualityAlertMinutes: fact(true, 0),
          },
        },
      },
      policy,
    );
    expectMatchesSpec('get', '/platform/models', 200, { items: [model] });
    expect(model).toEqual({
      entityRef: 'resource:default/fraud-scoring',
      owner: 'group:default/risk-ml',
      tier: 1,
      stage: 'production',
      gradedAt: '2026-11-29T10:00:00.000Z',
      checks: [
        { id: 'dashboard-linked', category: 'monitoring', state: 'pass' },
        { id: 'retired-check', category: 'unknown', state: 'fail' },
      ],
      docs: {
        modelCardAgeDays: 12,
        rollbackRunbookAgeDays: -1,
        collectedAt: '2026-11-29T09:00:00.000Z',
      },
      serving: {
        windowDays: 30,
        requestCount: fact(true, 120_000),
        sloAvailabilityAttainment: fact(true, 0.9993),
        latencySloAttainment: fact(false, 0),
        collectedAt: '2026-11-29T09:30:00.000Z',
      },
    });
  });

  it('leaves out facts that are unavailable or malformed', () => {
    const model = platformModelOf(
      grade,
      {
        repository: {
          status: 'unavailable',
          reason: 'no checkout',
          collectedAt: '2026-11-29T09:00:00.000Z',
        },
        serving: {
          status: 'available',
          collectedAt: '2026-11-29T09:30:00.000Z',
          values: { windowDays: 30, requestCount: 'lots' },
        },
      },
      policy,
    );
    expect(model.docs).toBeUndefined();
    expect(model.serving).toBeUndefined();
    expectMatchesSpec('get', '/platform/models', 200, { items: [model] });
  });
});
