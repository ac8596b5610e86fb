import {
  parseReadinessFilters,
  serializeReadinessFilters,
  toOverviewQuery,
} from './readinessFilters';

describe('readiness filters', () => {
  it('round-trips every filter through the URL and keeps other parameters', () => {
    const filters = {
      owner: 'group:default/risk-ml',
      tier: 1 as const,
      level: 'none' as const,
      check: 'runbook-linked',
      stage: 'staging' as const,
    };
    const params = serializeReadinessFilters(
      filters,
      new URLSearchParams('page=2&tier=3'),
    );
    expect(params.get('page')).toBe('2');
    expect(parseReadinessFilters(params)).toEqual({ filters, issues: [] });
    expect(toOverviewQuery(filters)).toEqual({
      owner: 'group:default/risk-ml',
      tier: 1,
      level: 'none',
      stage: 'staging',
      failingCheck: 'runbook-linked',
    });
  });

  it('removes cleared filters from the URL', () => {
    const params = serializeReadinessFilters(
      { tier: 2 },
      new URLSearchParams('tier=1&stage=production'),
    );
    expect(params.toString()).toBe('tier=2');
  });

  it('drops invalid values and names each one', () => {
    const { filters, issues } = parseReadinessFilters(
      new URLSearchParams(
        'owner=<script>&tier=0&level=platinum&check=DROP TABLE&stage=prod',
      ),
    );
    expect(filters).toEqual({});
    expect(issues).toEqual([
      expect.stringMatching(/^owner '<script>'/),
      expect.stringMatching(/^tier '0'/),
      expect.stringMatching(/^level 'platinum'/),
      expect.stringMatching(/^check 'DROP TABLE'/),
      expect.stringMatching(/^stage 'prod'/),
    ]);
  });
});
