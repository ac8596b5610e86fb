import { group, row } from '../testing/fixtures';
import { rollUpByTeam, teamTree } from './teamRollup';

const GROUPS = [
  group('ml-platform'),
  group('risk-ml', 'ml-platform'),
  group('fraud-ml', 'risk-ml'),
  group('growth-ml', 'ml-platform'),
];

describe('rollUpByTeam', () => {
  const rows = [
    row('fraud', {
      owner: 'group:default/fraud-ml',
      level: 'bronze',
      requiredLevel: 'gold',
      meetsRequiredLevel: false,
      failing: 3,
      unknown: 1,
    }),
    row('credit', {
      owner: 'group:default/risk-ml',
      level: 'gold',
      failing: 0,
    }),
    row('churn', {
      owner: 'group:default/growth-ml',
      level: 'silver',
      failing: 1,
    }),
    row('orphan', {
      owner: 'user:default/dana',
      level: 'none',
      meetsRequiredLevel: false,
    }),
  ];

  it('counts each model for its team and every team above it, in tree order', () => {
    const result = rollUpByTeam(rows, GROUPS);
    expect(
      result.map(r => [r.ref, r.depth, r.models, r.meetingRequired]),
    ).toEqual([
      ['group:default/ml-platform', 0, 3, 2],
      ['group:default/growth-ml', 1, 1, 1],
      ['group:default/risk-ml', 1, 2, 1],
      ['group:default/fraud-ml', 2, 1, 0],
      ['user:default/dana', 0, 1, 0],
    ]);
    const risk = result.find(r => r.ref === 'group:default/risk-ml')!;
    expect(risk.failingChecks).toBe(3);
    expect(risk.unknownChecks).toBe(1);
    expect(risk.levels).toEqual({ none: 0, bronze: 1, silver: 0, gold: 1 });
  });

  it('limits the roll-up to a chosen team and its sub-teams', () => {
    const result = rollUpByTeam(rows, GROUPS, 'group:default/risk-ml');
    expect(result.map(r => [r.ref, r.depth])).toEqual([
      ['group:default/risk-ml', 0],
      ['group:default/fraud-ml', 1],
    ]);
  });

  it('keeps teams whose parents form a cycle', () => {
    const cyclic = [group('a', 'b'), group('b', 'a')];
    const result = rollUpByTeam(
      [row('m', { owner: 'group:default/a' })],
      cyclic,
    );
    expect(result.map(r => r.ref).sort()).toEqual([
      'group:default/a',
      'group:default/b',
    ]);
    expect(result.every(r => r.models === 1)).toBe(true);
  });
});

describe('teamTree', () => {
  it('lists every group, parents before children', () => {
    expect(
      teamTree(GROUPS).map(t => `${'-'.repeat(t.depth)}${t.title}`),
    ).toEqual(['ml-platform', '-growth-ml', '-risk-ml', '--fraud-ml']);
  });
});
