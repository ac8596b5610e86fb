import {
  builtInFactSets,
  deliveryFactSet,
  DeliveryFacts,
  servingFactSet,
  ServingFacts,
} from '../facts';
import { exemplaryFacts } from '../testing/factFixtures';
import { compilePolicy, PolicyError } from './compilePolicy';
import { defaultPolicy } from './defaultPolicy';
import {
  defaultKpiTargets,
  deliveryKpiChecks,
  deliveryKpiChecksFor,
  parseKpiTargets,
  servingKpiChecks,
} from './deliveryKpiChecks';
import { evaluateScorecard, FactSnapshot } from './evaluateScorecard';
import { buildPolicy } from './policyDocument';

const now = new Date('2026-11-29T12:00:00Z');
const collectedAt = '2026-11-29T11:00:00Z';
const factSets = [...builtInFactSets, deliveryFactSet, servingFactSet];
const policy = compilePolicy({
  checks: [...defaultPolicy, ...deliveryKpiChecks, ...servingKpiChecks],
  factSets,
});
const basePolicy = compilePolicy({ checks: defaultPolicy, factSets });

const kpi = (value: number) => ({ enoughData: true, value });
const none = { enoughData: false, value: 0 };
const goodDelivery = (): DeliveryFacts => ({
  windowDays: 30,
  deploymentFrequencyPerWeek: kpi(3),
  leadTimeHours: kpi(20),
  changeFailureRate: kpi(0.1),
  timeToRestoreHours: kpi(1.5),
  timeToDetectMinutes: kpi(12),
  pipelineSuccessRate: kpi(0.97),
});
/** What the KPI module reports for a model whose repository sent no event. */
const noDelivery = (): DeliveryFacts => ({
  windowDays: 30,
  deploymentFrequencyPerWeek: none,
  leadTimeHours: none,
  changeFailureRate: none,
  timeToRestoreHours: none,
  timeToDetectMinutes: none,
  pipelineSuccessRate: none,
});
const goodServing = (): ServingFacts => ({
  windowDays: 30,
  availabilityObjective: 0.999,
  latencyP99ObjectiveMs: 120,
  requestCount: kpi(1_000_000),
  sloAvailabilityAttainment: kpi(0.9995),
  latencySloAttainment: kpi(0.995),
  costPer1kInferences: kpi(0.4),
  driftAlertMinutes: kpi(0),
  dataQualityAlertMinutes: kpi(0),
});

type Extra = { delivery?: DeliveryFacts; serving?: ServingFacts };

function evaluate(
  extra: Extra,
  options: { tier?: number; stage?: string; compiled?: typeof policy } = {},
) {
  const base = exemplaryFacts();
  base.entity.tier = options.tier ?? 1;
  base.entity.stage = options.stage ?? 'production';
  const facts: Record<string, FactSnapshot> = {};
  for (const [id, values] of Object.entries({ ...base, ...extra })) {
    if (values) {
      facts[id] = { status: 'available', values, collectedAt };
    }
  }
  return evaluateScorecard(options.compiled ?? policy, { facts, now });
}

const all = (): Extra => ({ delivery: goodDelivery(), serving: goodServing() });
const stateOf = (evaluation: ReturnType<typeof evaluate>, checkId: string) =>
  evaluation.checks.find(c => c.checkId === checkId)?.state;

describe('KPI checks', () => {
  it('compile against the delivery and serving fact sets and pass a model within its targets', () => {
    const evaluation = evaluate(all());
    expect(evaluation.checks.filter(c => c.state !== 'pass')).toEqual([]);
    expect(evaluation.level).toBe('gold');
  });

  it('have the targets of the reference KPI table by default', () => {
    const rules = Object.fromEntries(
      [...deliveryKpiChecks, ...servingKpiChecks].map(c => [
        c.id,
        [c.rule, c.tiers, c.level],
      ]),
    );
    expect(rules).toEqual({
      'kpi-change-failure-rate': [
        '!delivery.changeFailureRate.enoughData || delivery.changeFailureRate.value < 0.15',
        [1, 2],
        'gold',
      ],
      'kpi-time-to-restore': [
        '!delivery.timeToRestoreHours.enoughData || delivery.timeToRestoreHours.value < 4.0',
        [1],
        'gold',
      ],
      'kpi-time-to-detect': [
        '!delivery.timeToDetectMinutes.enoughData || delivery.timeToDetectMinutes.value < 60.0',
        [1],
        'gold',
      ],
      'kpi-pipeline-success-rate': [
        '!delivery.pipelineSuccessRate.enoughData || delivery.pipelineSuccessRate.value > 0.95',
        [1, 2],
        'silver',
      ],
      'kpi-availability-slo': [
        '!serving.sloAvailabilityAttainment.enoughData || serving.sloAvailabilityAttainment.value >= 0.999',
        [1],
        'gold',
      ],
      'kpi-latency-slo': [
        '!serving.latencySloAttainment.enoughData || serving.latencySloAttainment.value >= 0.99',
        [1],
        'gold',
      ],
    });
  });

  it.each([
    [
      'kpi-change-failure-rate',
      (e: Extra) => (e.delivery!.changeFailureRate.value = 0.15),
      (e: Extra) => (e.delivery!.changeFailureRate.value = 0.149),
    ],
    [
      'kpi-time-to-restore',
      (e: Extra) => (e.delivery!.timeToRestoreHours.value = 4),
      (e: Extra) => (e.delivery!.timeToRestoreHours.value = 3.9),
    ],
    [
      'kpi-time-to-detect',
      (e: Extra) => (e.delivery!.timeToDetectMinutes.value = 60),
      (e: Extra) => (e.delivery!.timeToDetectMinutes.value = 59),
    ],
    [
      'kpi-pipeline-success-rate',
      (e: Extra) => (e.delivery!.pipelineSuccessRate.value = 0.95),
      (e: Extra) => (e.delivery!.pipelineSuccessRate.value = 0.951),
    ],
    [
      'kpi-availability-slo',
      (e: Extra) => (e.serving!.sloAvailabilityAttainment.value = 0.9989),
      (e: Extra) => (e.serving!.sloAvailabilityAttainment.value = 0.999),
    ],
    [
      'kpi-latency-slo',
      (e: Extra) => (e.serving!.latencySloAttainment.value = 0.98),
      (e: Extra) => (e.serving!.latencySloAttainment.value = 0.99),
    ],
  ])(
    '%s: fails beyond its target, passes within it, passes with too little data',
    (checkId, spoil, meet) => {
      const bad = all();
      spoil(bad);
      const failed = evaluate(bad);
      expect(stateOf(failed, checkId)).toBe('fail');
      expect(failed.level).toBe(
        checkId === 'kpi-pipeline-success-rate' ? 'bronze' : 'silver',
      );

      const good = all();
      meet(good);
      expect(stateOf(evaluate(good), checkId)).toBe('pass');

      for (const facts of [bad.delivery!, bad.serving!]) {
        for (const value of Object.values(facts)) {
          if (value && typeof value === 'object') {
            value.enoughData = false;
          }
        }
      }
      const thin = evaluate(bad);
      expect(stateOf(thin, checkId)).toBe('pass');
      expect(thin.level).toBe('gold');
    },
  );

  it('apply by tier and stage', () => {
    const tier2 = evaluate(all(), { tier: 2 });
    expect(stateOf(tier2, 'kpi-time-to-restore')).toBe('not-applicable');
    expect(stateOf(tier2, 'kpi-availability-slo')).toBe('not-applicable');
    expect(stateOf(tier2, 'kpi-change-failure-rate')).toBe('pass');
    expect(
      stateOf(evaluate(all(), { tier: 3 }), 'kpi-change-failure-rate'),
    ).toBe('not-applicable');
    expect(
      stateOf(evaluate(all(), { stage: 'staging' }), 'kpi-change-failure-rate'),
    ).toBe('not-applicable');
  });

  it('keep the level of a model whose repository sent no event (too little data is not a bad grade)', () => {
    for (const tier of [1, 2, 3]) {
      const without = evaluate({}, { tier, compiled: basePolicy });
      const withKpis = evaluate(
        { delivery: noDelivery(), serving: goodServing() },
        { tier },
      );
      expect(withKpis.level).toBe(without.level);
      expect(
        withKpis.checks.filter(
          c => c.checkId.startsWith('kpi-') && c.state !== 'pass',
        ),
      ).toEqual(
        withKpis.checks.filter(
          c => c.checkId.startsWith('kpi-') && c.state === 'not-applicable',
        ),
      );
    }
  });

  it('are unknown (and hold the level) when the facts are unavailable, with the reason', () => {
    const base = exemplaryFacts();
    const facts: Record<string, FactSnapshot> = {};
    for (const [id, values] of Object.entries(base)) {
      facts[id] = { status: 'available', values, collectedAt };
    }
    facts.serving = { status: 'available', values: goodServing(), collectedAt };
    facts.delivery = {
      status: 'unavailable',
      reason: 'the KPI plugin did not answer',
      collectedAt,
    } as FactSnapshot;
    const evaluation = evaluateScorecard(policy, { facts, now });
    expect(stateOf(evaluation, 'kpi-change-failure-rate')).toBe('unknown');
    expect(
      evaluation.checks.find(c => c.checkId === 'kpi-change-failure-rate'),
    ).toMatchObject({ reason: expect.stringContaining('did not answer') });
    // The Silver pipeline check is unknown too: the model stays at Bronze.
    expect(evaluation.level).toBe('bronze');
  });
});

describe('KPI targets', () => {
  it('are configurable per tier; a differing target per tier is chosen by entity.tier', () => {
    const targets = parseKpiTargets({
      changeFailureRate: { tier1: 0.1, tier2: 0.2, tier3: 0.3 },
      timeToDetectMinutes: {},
    });
    const checks = deliveryKpiChecksFor(targets);
    expect(checks.map(c => c.id)).not.toContain('kpi-time-to-detect');
    const cfr = checks.find(c => c.id === 'kpi-change-failure-rate')!;
    expect(cfr.tiers).toEqual([1, 2, 3]);
    expect(cfr.facts).toEqual(['delivery', 'entity']);
    expect(cfr.title).toBe(
      'Change failure rate under 10 % (tier 1), 20 % (tier 2), 30 % (tier 3)',
    );
    const compiled = compilePolicy({
      checks: [...defaultPolicy, ...checks],
      factSets,
    });
    const at = (rate: number, tier: number) => {
      const extra = { delivery: goodDelivery() };
      extra.delivery.changeFailureRate.value = rate;
      return stateOf(
        evaluate(extra, { tier, compiled }),
        'kpi-change-failure-rate',
      );
    };
    expect(at(0.15, 1)).toBe('fail');
    expect(at(0.15, 2)).toBe('pass');
    expect(at(0.25, 2)).toBe('fail');
    expect(at(0.25, 3)).toBe('pass');
    // Other KPIs keep their defaults.
    expect(targets.timeToRestoreHours).toEqual(
      defaultKpiTargets.timeToRestoreHours,
    );
  });

  it.each([
    [
      { changeFailureRate: { tier1: 15 } },
      'mlGoldenPaths.kpi.targets.changeFailureRate.tier1: must be a ratio from 0 to 1',
    ],
    [
      { timeToRestoreHours: { tier1: 'four' } },
      'mlGoldenPaths.kpi.targets.timeToRestoreHours.tier1: must be a number',
    ],
    [
      { timeToRestoreHours: { tier1: -1 } },
      'mlGoldenPaths.kpi.targets.timeToRestoreHours.tier1: must be positive',
    ],
    [
      { changeFailureRate: { tier4: 0.1 } },
      "mlGoldenPaths.kpi.targets.changeFailureRate: Unrecognized key(s) in object: 'tier4'",
    ],
    [
      { leadTime: { tier1: 1 } },
      "mlGoldenPaths.kpi.targets: Unrecognized key(s) in object: 'leadTime'",
    ],
  ])('reject %j naming the field', (raw, message) => {
    expect(() => parseKpiTargets(raw)).toThrow(message);
  });

  it('make a policy with a duplicate KPI check id fail validation', () => {
    expect(() =>
      buildPolicy({
        factSets,
        defaults: [...defaultPolicy, ...deliveryKpiChecks],
        documents: [
          { source: 'config', document: { checks: [deliveryKpiChecks[0]] } },
        ],
      }),
    ).toThrow(PolicyError);
    expect(() =>
      compilePolicy({
        checks: [...defaultPolicy, ...deliveryKpiChecks],
        factSets: builtInFactSets,
      }),
    ).toThrow(/unknown fact set 'delivery'/);
  });

  it('can be dropped by a policy document like any default check', () => {
    const built = buildPolicy({
      factSets,
      defaults: [...defaultPolicy, ...deliveryKpiChecks],
      documents: [
        {
          source: 'config',
          document: { disabledChecks: ['kpi-time-to-detect'] },
        },
      ],
    });
    expect(built.checksById.has('kpi-time-to-detect')).toBe(false);
    expect(built.checksById.has('kpi-time-to-restore')).toBe(true);
  });
});
