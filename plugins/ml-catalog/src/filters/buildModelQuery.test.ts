import { buildModelFilter, buildModelQuery } from './buildModelQuery';
import { DEFAULT_MODEL_FILTERS } from './modelFilters';

describe('buildModelFilter', () => {
  it('selects only ai-model resources when nothing is filtered', () => {
    expect(buildModelFilter(DEFAULT_MODEL_FILTERS)).toEqual({
      kind: 'resource',
      'spec.type': 'ai-model',
    });
  });

  it('maps the stage filter onto the indexed versions array', () => {
    expect(
      buildModelFilter({
        ...DEFAULT_MODEL_FILTERS,
        stage: ['production', 'staging'],
      }),
    ).toEqual({
      kind: 'resource',
      'spec.type': 'ai-model',
      'spec.mlops.versions.stage': ['production', 'staging'],
    });
  });

  it('filters on ownedBy with the owner and its descendants', () => {
    expect(
      buildModelFilter(
        { ...DEFAULT_MODEL_FILTERS, owner: 'group:default/risk-ml', tier: [1] },
        ['group:default/risk-ml', 'group:default/risk-ml-oncall'],
      ),
    ).toEqual({
      kind: 'resource',
      'spec.type': 'ai-model',
      'relations.ownedBy': [
        'group:default/risk-ml',
        'group:default/risk-ml-oncall',
      ],
      'spec.mlops.tier': ['1'],
    });
  });

  it('falls back to the owner alone when descendants are unknown', () => {
    expect(
      buildModelFilter({
        ...DEFAULT_MODEL_FILTERS,
        owner: 'user:default/dana',
      })['relations.ownedBy'],
    ).toEqual(['user:default/dana']);
  });
});

describe('buildModelQuery', () => {
  it('adds paging, projection, order and free text', () => {
    const request = buildModelQuery(
      { ...DEFAULT_MODEL_FILTERS, text: 'fraud', sort: 'owner', order: 'desc' },
      { limit: 50 },
    );
    expect(request).toMatchObject({
      limit: 50,
      orderFields: { field: 'spec.owner', order: 'desc' },
      fullTextFilter: { term: 'fraud' },
    });
    expect(request.fields).toContain('spec.mlops');
    expect(request.fields).not.toContain('relations');
  });
});
