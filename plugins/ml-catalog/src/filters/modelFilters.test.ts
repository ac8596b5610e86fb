import {
  DEFAULT_MODEL_FILTERS,
  parseModelFilters,
  serializeModelFilters,
} from './modelFilters';

describe('parseModelFilters', () => {
  it('reads every filter, normalising the owner to a full group ref', () => {
    const { filters, issues } = parseModelFilters(
      new URLSearchParams(
        'owner=risk-ml&tier=2&tier=1&stage=production,staging&serving=batch&framework=xgboost&q=%20fraud%20&sort=tier&order=desc',
      ),
    );
    expect(issues).toEqual([]);
    expect(filters).toEqual({
      owner: 'group:default/risk-ml',
      tier: [1, 2],
      stage: ['production', 'staging'],
      servingPattern: ['batch'],
      framework: ['xgboost'],
      text: 'fraud',
      sort: 'tier',
      order: 'desc',
    });
  });

  it('defaults to everything, sorted by name', () => {
    expect(parseModelFilters(new URLSearchParams(''))).toEqual({
      filters: { ...DEFAULT_MODEL_FILTERS, owner: undefined, text: undefined },
      issues: [],
    });
  });

  it('drops invalid values and names the parameter', () => {
    const { filters, issues } = parseModelFilters(
      new URLSearchParams(
        'tier=0&tier=3&serving=carrier-pigeon&sort=size&owner=group:',
      ),
    );
    expect(filters.tier).toEqual([3]);
    expect(filters.servingPattern).toEqual([]);
    expect(filters.sort).toBe('name');
    expect(filters.owner).toBeUndefined();
    expect(issues.map(i => i.param)).toEqual([
      'owner',
      'tier',
      'serving',
      'sort',
    ]);
    expect(issues[1].message).toBe('ignored "0": expected one of 1, 2, 3');
  });

  it('removes duplicates', () => {
    const { filters } = parseModelFilters(
      new URLSearchParams('stage=production&stage=production'),
    );
    expect(filters.stage).toEqual(['production']);
  });
});

describe('serializeModelFilters', () => {
  it('round-trips through the query string and leaves defaults out', () => {
    const params = new URLSearchParams(
      'owner=group%3Adefault%2Frisk-ml&tier=1&stage=staging&q=churn&order=desc',
    );
    const { filters } = parseModelFilters(params);
    expect(serializeModelFilters(filters).toString()).toBe(params.toString());
    expect(serializeModelFilters(DEFAULT_MODEL_FILTERS).toString()).toBe('');
  });
});
