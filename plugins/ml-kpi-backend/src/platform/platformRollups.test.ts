import {
  contribution,
  platformRollups,
  ReadinessModel,
} from './platformRollups';

const NOW = new Date('2026-11-29T12:00:00Z');

const model = (
  name: string,
  opts: Partial<ReadinessModel> & {
    states?: Record<string, [string, string]>;
  } = {},
): ReadinessModel => ({
  entityRef: `resource:default/${name}`,
  owner: 'group:default/risk-ml',
  tier: 1,
  stage: 'production',
  gradedAt: NOW.toISOString(),
  checks: Object.entries(opts.states ?? {}).map(([id, [category, state]]) => ({
    id,
    category,
    state,
  })),
  docs: {
    modelCardAgeDays: 10,
    rollbackRunbookAgeDays: 10,
    collectedAt: NOW.toISOString(),
  },
  ...opts,
});

const monitoring = (...states: string[]) =>
  Object.fromEntries(
    states.map((s, i) => [`mon-${i}`, ['monitoring', s] as [string, string]]),
  );

describe('platformRollups', () => {
  it('computes monitoring coverage over tier-1 production models only (hand-computed)', () => {
    const models = [
      model('a', { states: monitoring('pass', 'pass', 'not-applicable') }),
      model('b', { states: monitoring('pass', 'fail') }),
      model('c', { states: monitoring('pass', 'exempt') }),
      model('d', { states: monitoring('pass', 'unknown') }),
      model('e', { tier: 2, states: monitoring('pass') }),
      model('f', { stage: 'staging', states: monitoring('pass') }),
      model('g', { states: monitoring('pass', 'pass') }),
    ];
    const coverage = platformRollups(models, NOW).find(
      r => r.id === 'monitoringCoverage',
    )!;
    // a, g meet; b (fail) and c (exempt) miss; d unknown; e, f out of scope.
    expect(coverage).toMatchObject({
      meets: 2,
      misses: 2,
      unknown: 1,
      value: { state: 'value', value: 0.5, samples: 4, unit: 'ratio' },
      target: { comparator: '>', value: 0.8 },
    });
  });

  it('says there is not enough data rather than 0 % when no model is in scope', () => {
    const rollups = platformRollups([model('x', { tier: 3 })], NOW);
    const security = rollups.find(r => r.id === 'securityControlCompliance')!;
    expect(security.value).toMatchObject({
      state: 'insufficient-data',
      reason: 'no model in scope',
    });
    const unknownOnly = platformRollups(
      [model('y', { states: monitoring('unknown') })],
      NOW,
    ).find(r => r.id === 'monitoringCoverage')!;
    expect(unknownOnly.value).toMatchObject({
      state: 'insufficient-data',
      reason: 'the readiness facts of all 1 model(s) in scope are unknown',
    });
  });

  it('reads golden-path adoption, data-quality gates and reproducibility from their checks', () => {
    const models = [
      model('gp', {
        tier: 2,
        stage: 'development',
        states: {
          'golden-path-recorded': ['reproducibility', 'pass'],
          'ci-data-validation': ['testing-quality', 'pass'],
          'data-validation-versioned': ['reproducibility', 'fail'],
        },
      }),
      model('manual', {
        states: {
          'golden-path-recorded': ['reproducibility', 'fail'],
          'ci-data-validation': ['testing-quality', 'pass'],
          'data-validation-versioned': ['reproducibility', 'pass'],
          'dependencies-pinned': ['reproducibility', 'pass'],
          'version-commit-recorded': ['reproducibility', 'pass'],
        },
      }),
      model('archived', {
        stage: 'archived',
        states: { 'golden-path-recorded': ['reproducibility', 'pass'] },
      }),
    ];
    const byId = Object.fromEntries(
      platformRollups(models, NOW).map(r => [r.id, r]),
    );
    expect(byId.goldenPathAdoption).toMatchObject({ meets: 1, misses: 1 });
    expect(byId.dataQualityGateAdoption).toMatchObject({ meets: 1, misses: 1 });
    // Only tier-1 models count; 'manual' passes every applicable one.
    expect(byId.reproducibilityRate).toMatchObject({
      meets: 1,
      misses: 0,
      value: { value: 1 },
    });
  });

  it('counts documentation as fresh only when both documents changed within 90 days as of now', () => {
    const collected = new Date(NOW.getTime() - 20 * 86_400_000).toISOString();
    const docs = (card: number, runbook: number, at = NOW.toISOString()) => ({
      modelCardAgeDays: card,
      rollbackRunbookAgeDays: runbook,
      collectedAt: at,
    });
    expect(
      contribution(
        'documentationFreshness',
        model('a', { docs: docs(90, 3) }),
        NOW,
      ),
    ).toBe('meets');
    // 75 days old when collected 20 days ago: 95 days now.
    expect(
      contribution(
        'documentationFreshness',
        model('b', { docs: docs(75, 3, collected) }),
        NOW,
      ),
    ).toBe('misses');
    expect(
      contribution(
        'documentationFreshness',
        model('c', { docs: docs(5, -1) }),
        NOW,
      ),
    ).toBe('misses');
    expect(
      contribution(
        'documentationFreshness',
        model('d', { docs: undefined }),
        NOW,
      ),
    ).toBe('unknown');
  });
});
