import { builtInFactSets, deliveryFactSet, DeliveryFacts } from '../facts';
import { exemplaryFacts } from '../testing/factFixtures';
import { compilePolicy } from './compilePolicy';
import { defaultPolicy } from './defaultPolicy';
import { deliveryKpiChecks } from './deliveryKpiChecks';
import { evaluateScorecard, FactSnapshot } from './evaluateScorecard';

const now = new Date('2026-11-29T12:00:00Z');
const collectedAt = '2026-11-29T11:00:00Z';
const policy = compilePolicy({
  checks: [...defaultPolicy, ...deliveryKpiChecks],
  factSets: [...builtInFactSets, deliveryFactSet],
});

const kpi = (value: number) => ({ enoughData: true, value });
const goodDelivery = (): DeliveryFacts => ({
  windowDays: 30,
  deploymentFrequencyPerWeek: kpi(3),
  leadTimeHours: kpi(20),
  changeFailureRate: kpi(0.1),
  timeToRestoreHours: kpi(1.5),
  timeToDetectMinutes: kpi(12),
  pipelineSuccessRate: kpi(0.97),
});

function evaluate(delivery: DeliveryFacts | undefined, tier = 1) {
  const base = exemplaryFacts();
  base.entity.tier = tier;
  const facts: Record<string, FactSnapshot> = {};
  for (const [id, values] of Object.entries({ ...base, delivery })) {
    if (values) {
      facts[id] = { status: 'available', values, collectedAt };
    }
  }
  return evaluateScorecard(policy, { facts, now });
}

const stateOf = (evaluation: ReturnType<typeof evaluate>, checkId: string) =>
  evaluation.checks.find(c => c.checkId === checkId)?.state;

describe('deliveryKpiChecks', () => {
  it('compile against the delivery fact set and pass a model within its targets', () => {
    const evaluation = evaluate(goodDelivery());
    expect(evaluation.checks.filter(c => c.state !== 'pass')).toEqual([]);
    expect(evaluation.level).toBe('gold');
  });

  it.each([
    [
      'kpi-change-failure-rate',
      (d: DeliveryFacts) => (d.changeFailureRate.value = 0.15),
    ],
    [
      'kpi-time-to-restore',
      (d: DeliveryFacts) => (d.timeToRestoreHours.value = 4),
    ],
    [
      'kpi-time-to-detect',
      (d: DeliveryFacts) => (d.timeToDetectMinutes.value = 60),
    ],
    [
      'kpi-pipeline-success-rate',
      (d: DeliveryFacts) => (d.pipelineSuccessRate.value = 0.95),
    ],
  ])(
    '%s fails at its target and passes with too little data',
    (checkId, spoil) => {
      const bad = goodDelivery();
      spoil(bad);
      const failed = evaluate(bad);
      expect(stateOf(failed, checkId)).toBe('fail');
      expect(failed.level).not.toBe('gold');

      for (const value of Object.values(bad)) {
        if (typeof value === 'object') {
          value.enoughData = false;
        }
      }
      expect(stateOf(evaluate(bad), checkId)).toBe('pass');
    },
  );

  it('apply by tier and are unknown without delivery facts', () => {
    const tier2 = evaluate(goodDelivery(), 2);
    expect(stateOf(tier2, 'kpi-time-to-restore')).toBe('not-applicable');
    expect(stateOf(tier2, 'kpi-change-failure-rate')).toBe('pass');
    expect(
      stateOf(evaluate(goodDelivery(), 3), 'kpi-change-failure-rate'),
    ).toBe('not-applicable');
    expect(stateOf(evaluate(undefined), 'kpi-change-failure-rate')).toBe(
      'unknown',
    );
  });
});
