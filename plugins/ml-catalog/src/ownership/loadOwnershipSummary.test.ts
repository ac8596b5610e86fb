import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { GroupHierarchy } from '../groups/GroupHierarchy';
import { ORG, model } from '../testing/fixtures';
import { countModels } from './countModels';
import { loadOwnershipSummary } from './loadOwnershipSummary';

const MODELS = [
  model('fraud', {
    owner: 'risk-ml',
    tier: 1,
    stages: ['production', 'staging'],
  }),
  model('credit', { owner: 'risk-ml-oncall', tier: 2 }),
  model('churn', { owner: 'growth-ml', tier: 3, stages: ['development'] }),
  model('orphan', { owner: 'gone-team', tier: 3, stages: ['archived'] }),
];

describe('countModels', () => {
  it('counts models by tier and stage for a set of owners', async () => {
    const catalogApi = catalogApiMock({ entities: [...ORG, ...MODELS] });
    const counts = await countModels(catalogApi, [
      'group:default/risk-ml',
      'group:default/risk-ml-oncall',
    ]);
    expect(counts).toEqual({
      total: 2,
      tiers: { 1: 1, 2: 1, 3: 0 },
      stages: { development: 0, staging: 1, production: 2, archived: 0 },
    });
  });
});

describe('loadOwnershipSummary', () => {
  it('rolls counts up the team tree and keeps owners outside it', async () => {
    const catalogApi = catalogApiMock({ entities: [...ORG, ...MODELS] });
    const facets = jest.spyOn(catalogApi, 'getEntityFacets');
    const rows = await loadOwnershipSummary(
      catalogApi,
      GroupHierarchy.fromEntities(ORG),
    );
    expect(
      rows.map(r => [
        r.ref,
        r.depth,
        r.counts.total,
        r.direct,
        r.counts.tiers[1],
      ]),
    ).toEqual([
      ['group:default/ml-department', 0, 3, 0, 1],
      ['group:default/growth-ml', 1, 1, 1, 0],
      ['group:default/risk-ml', 1, 2, 1, 1],
      ['group:default/risk-ml-oncall', 2, 1, 1, 0],
      ['group:default/gone-team', 0, 1, 1, 0],
    ]);
    expect(rows[0].counts.stages).toEqual({
      development: 1,
      staging: 1,
      production: 2,
      archived: 0,
    });
    // One owner facet overall, one per tier (3) and one per stage (4),
    // however many teams there are.
    expect(facets).toHaveBeenCalledTimes(8);
  });
});
