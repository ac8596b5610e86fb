import { formatTarget, formatValue, meetsTarget } from './kpiFormat';

describe('formatValue', () => {
  it.each([
    [0.5, 'ratio', '50 %'],
    [1 / 6, 'ratio', '16.7 %'],
    [0.9995, 'ratio', '99.95 %'],
    [1, 'ratio', '100 %'],
    [2.333, 'per-week', '2.3 / week'],
    [0.5, 'hours', '30 min'],
    [29, 'hours', '29 h'],
    [74, 'hours', '3.1 d'],
    [45, 'minutes', '45 min'],
    [150, 'minutes', '2.5 h'],
  ] as const)('%s %s → %s', (value, unit, text) => {
    expect(formatValue(value, unit)).toBe(text);
  });
});

describe('targets', () => {
  it('says the target in the unit and compares as it says', () => {
    expect(formatTarget({ comparator: '<', value: 0.15 }, 'ratio')).toBe(
      '< 15 %',
    );
    expect(formatTarget({ comparator: '>=', value: 0.999 }, 'ratio')).toBe(
      '≥ 99.9 %',
    );
    expect(meetsTarget(0.15, { comparator: '<', value: 0.15 })).toBe(false);
    expect(meetsTarget(0.999, { comparator: '>=', value: 0.999 })).toBe(true);
    expect(meetsTarget(0.95, { comparator: '>', value: 0.95 })).toBe(false);
  });
});
