import { builtInFactSets } from '../facts';
import { exemplaryFacts } from '../testing/factFixtures';
import { CheckDefinition } from './CheckDefinition';
import { compilePolicy } from './compilePolicy';
import { defaultPolicy } from './defaultPolicy';
import {
  computeLevel,
  evaluateScorecard,
  FactSnapshot,
  parseIsoTime,
} from './evaluateScorecard';
import { requiredLevelForTier } from './levels';

const now = new Date('2026-11-29T12:00:00Z');
const hoursAgo = (h: number) =>
  new Date(now.getTime() - h * 3_600_000).toISOString();

const policy = compilePolicy({
  checks: defaultPolicy,
  factSets: builtInFactSets,
});

function facts(
  overrides: Partial<Record<string, FactSnapshot>> = {},
): Record<string, FactSnapshot | undefined> {
  const values = exemplaryFacts();
  return {
    entity: {
      status: 'available',
      values: values.entity,
      collectedAt: hoursAgo(1),
    },
    repository: {
      status: 'available',
      values: values.repository,
      collectedAt: hoursAgo(1),
    },
    repositorySettings: {
      status: 'available',
      values: values.repositorySettings,
      collectedAt: hoursAgo(1),
    },
    ...overrides,
  };
}

function outcome(evaluation: ReturnType<typeof evaluateScorecard>, id: string) {
  return evaluation.checks.find(c => c.checkId === id)!;
}

describe('evaluateScorecard states', () => {
  it('marks checks on stale facts unknown with the age and limit', () => {
    const values = exemplaryFacts();
    const evaluation = evaluateScorecard(policy, {
      now,
      facts: facts({
        repository: {
          status: 'available',
          values: values.repository,
          collectedAt: hoursAgo(8 * 24),
        },
      }),
    });
    const tests = outcome(evaluation, 'tests-present');
    expect(tests.state).toBe('unknown');
    expect(tests.reason).toBe(
      'repository facts are 8 days old, older than the 7d freshness limit',
    );
    expect(tests.factTimes.repository).toBe(hoursAgo(8 * 24));
    expect(evaluation.level).toBe('none');
    // Entity checks with fresh facts still pass.
    expect(outcome(evaluation, 'owner-defined').state).toBe('pass');
  });

  it('shows the collector reason for unavailable facts and never passes', () => {
    const evaluation = evaluateScorecard(policy, {
      now,
      facts: facts({
        repositorySettings: {
          status: 'unavailable',
          reason: 'local-git repositories have no branch protection settings',
          collectedAt: hoursAgo(1),
        },
      }),
    });
    const branch = outcome(evaluation, 'branch-protected');
    expect(branch.state).toBe('unknown');
    expect(branch.reason).toBe(
      'repositorySettings facts unavailable: local-git repositories have no branch protection settings',
    );
    expect(evaluation.level).toBe('bronze');
  });

  it('exempts a failing check while the exemption is active, not after it expires or is revoked', () => {
    const values = exemplaryFacts();
    values.entity.hasRunbook = false;
    const input = {
      now,
      facts: facts({
        entity: {
          status: 'available',
          values: values.entity,
          collectedAt: hoursAgo(1),
        },
      }),
    };
    const exemption = {
      id: 'ex-1',
      checkId: 'runbook-linked',
      expiresAt: hoursAgo(-24),
    };
    const active = evaluateScorecard(policy, {
      ...input,
      exemptions: [exemption],
    });
    expect(outcome(active, 'runbook-linked')).toMatchObject({
      state: 'exempt',
      exemptionId: 'ex-1',
    });
    expect(active.level).toBe('gold');

    const expired = evaluateScorecard(policy, {
      ...input,
      exemptions: [{ ...exemption, expiresAt: hoursAgo(1) }],
    });
    expect(outcome(expired, 'runbook-linked').state).toBe('fail');
    expect(expired.level).toBe('bronze');

    const revoked = evaluateScorecard(policy, {
      ...input,
      exemptions: [{ ...exemption, revokedAt: hoursAgo(2) }],
    });
    expect(outcome(revoked, 'runbook-linked').state).toBe('fail');
  });

  it('does not turn a passing check into exempt', () => {
    const evaluation = evaluateScorecard(policy, {
      now,
      facts: facts(),
      exemptions: [
        { id: 'ex', checkId: 'runbook-linked', expiresAt: hoursAgo(-1) },
      ],
    });
    expect(outcome(evaluation, 'runbook-linked').state).toBe('pass');
  });

  it('marks checks outside the model tier or stage not applicable', () => {
    const values = exemplaryFacts();
    values.entity.tier = 3;
    values.entity.stage = 'development';
    values.entity.hasOnCall = false;
    const evaluation = evaluateScorecard(policy, {
      now,
      facts: facts({
        entity: {
          status: 'available',
          values: values.entity,
          collectedAt: hoursAgo(1),
        },
      }),
    });
    expect(outcome(evaluation, 'on-call-defined')).toMatchObject({
      state: 'not-applicable',
      reason: 'Applies to tiers 1, 2; this model is tier 3',
    });
    expect(outcome(evaluation, 'version-dataset-recorded').reason).toBe(
      'Applies to stages production; evaluated for development',
    );
    expect(evaluation.requiredLevel).toBe('bronze');
    expect(evaluation.level).toBe('gold');
  });

  it('evaluates for a requested stage (the gate)', () => {
    const values = exemplaryFacts();
    values.entity.stage = 'staging';
    values.entity.versions.productionApproved = false;
    const input = {
      now,
      facts: facts({
        entity: {
          status: 'available',
          values: values.entity,
          collectedAt: hoursAgo(1),
        },
      }),
    };
    expect(evaluateScorecard(policy, input).level).toBe('gold');
    const production = evaluateScorecard(policy, {
      ...input,
      stage: 'production',
    });
    expect(production.stage).toBe('production');
    expect(outcome(production, 'production-version-approved').state).toBe(
      'fail',
    );
    expect(production.level).toBe('bronze');
    expect(production.meetsRequiredLevel).toBe(false);
  });

  it('is unknown when a rule fails at runtime', () => {
    const check: CheckDefinition = {
      ...defaultPolicy[0],
      id: 'division',
      rule: '10 / (entity.tier - 1) > 0',
    };
    const custom = compilePolicy({
      checks: [check],
      factSets: builtInFactSets,
    });
    const evaluation = evaluateScorecard(custom, { now, facts: facts() });
    expect(evaluation.checks[0].state).toBe('unknown');
    expect(evaluation.checks[0].reason).toMatch(
      /^Rule could not be evaluated: /,
    );
  });

  it('keeps the other results of a group when one rule fails at runtime', () => {
    const base = defaultPolicy[0];
    const custom = compilePolicy({
      checks: [
        { ...base, id: 'first', rule: 'entity.hasRunbook' },
        { ...base, id: 'broken', rule: '10 / (entity.tier - 1) > 0' },
        { ...base, id: 'last', rule: '!entity.hasRunbook' },
      ],
      factSets: builtInFactSets,
    });
    expect(custom.groups).toHaveLength(1);
    const evaluation = evaluateScorecard(custom, { now, facts: facts() });
    expect(evaluation.checks.map(c => c.state)).toEqual([
      'pass',
      'unknown',
      'fail',
    ]);
  });

  it('runs only the rules of checks that apply to the tier and stage', () => {
    const calls: string[] = [];
    const base = defaultPolicy[0];
    const custom = compilePolicy({
      checks: [
        { ...base, id: 'tier-1', tiers: [1], rule: 'seen("tier-1")' },
        { ...base, id: 'tier-3', tiers: [3], rule: 'seen("tier-3")' },
        {
          ...base,
          id: 'production',
          stages: ['production'],
          rule: 'seen("production")',
        },
      ],
      factSets: builtInFactSets,
      functions: [
        {
          signature: 'seen(string): bool',
          handler: (id: string) => {
            calls.push(id);
            return true;
          },
          description: 'records the call',
        },
      ],
    });
    const model = (tier: number, stage: string) => {
      const values = exemplaryFacts();
      values.entity.tier = tier;
      values.entity.stage = stage as any;
      return facts({
        entity: {
          status: 'available',
          values: values.entity,
          collectedAt: hoursAgo(1),
        },
      });
    };
    const states = (tier: number, stage: string) =>
      evaluateScorecard(custom, { now, facts: model(tier, stage) }).checks.map(
        c => c.state,
      );
    expect(states(3, 'development')).toEqual([
      'not-applicable',
      'pass',
      'not-applicable',
    ]);
    expect(calls).toEqual(['tier-3']);
    calls.length = 0;
    expect(states(1, 'production')).toEqual(['pass', 'not-applicable', 'pass']);
    expect(calls.sort()).toEqual(['production', 'tier-1']);
    calls.length = 0;
    expect(states(3, 'development')).toEqual([
      'not-applicable',
      'pass',
      'not-applicable',
    ]);
    expect(calls).toEqual(['tier-3']);
  });

  it('requires Gold of a model without entity facts and grades it none', () => {
    const evaluation = evaluateScorecard(policy, { now, facts: {} });
    expect(evaluation.tier).toBe(0);
    expect(evaluation.requiredLevel).toBe('gold');
    expect(evaluation.level).toBe('none');
    expect(evaluation.checks.every(c => c.state !== 'pass')).toBe(true);
  });
});

describe('computeLevel', () => {
  it.each([
    [[], 'gold'],
    [[{ level: 'bronze', state: 'fail' }], 'none'],
    [
      [
        { level: 'gold', state: 'fail' },
        { level: 'bronze', state: 'pass' },
      ],
      'silver',
    ],
    [[{ level: 'silver', state: 'unknown' }], 'bronze'],
    [
      [
        { level: 'silver', state: 'exempt' },
        { level: 'gold', state: 'not-applicable' },
      ],
      'gold',
    ],
    [
      [
        { level: 'gold', state: 'pass' },
        { level: 'bronze', state: 'unknown' },
      ],
      'none',
    ],
  ] as const)('%j → %s', (outcomes, level) => {
    expect(computeLevel(outcomes as any)).toBe(level);
  });
});

describe('requiredLevelForTier', () => {
  it('maps tiers by default and by configuration', () => {
    expect([1, 2, 3, 0].map(t => requiredLevelForTier(t))).toEqual([
      'gold',
      'silver',
      'bronze',
      'gold',
    ]);
    expect(requiredLevelForTier(3, { 1: 'gold', 2: 'gold', 3: 'silver' })).toBe(
      'silver',
    );
  });
});

describe('parseIsoTime', () => {
  it('agrees with Date.parse', () => {
    const times = [
      '2026-11-29T12:00:00.000Z',
      '2024-02-29T23:59:59.999Z',
      '2023-02-29T00:00:00.000Z',
      '2026-04-31T00:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-12-01T24:00:00.000Z',
      '0099-01-01T00:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
      '2026-11-29T12:00:00Z',
      '2026-11-29T12:00:00.000+01:00',
      '2026-1a-29T12:00:00.000Z',
      'not a time',
      '',
    ];
    let t = Date.UTC(1990, 0, 1);
    for (let i = 0; i < 2000; i += 1) {
      t += 7_919_993_117; // about 92 days and a bit, so every field varies
      times.push(new Date(t).toISOString());
    }
    for (const time of times) {
      expect([time, parseIsoTime(time)]).toEqual([time, Date.parse(time)]);
    }
  });
});
