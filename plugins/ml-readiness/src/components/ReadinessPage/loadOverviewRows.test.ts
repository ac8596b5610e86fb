import { FakeReadinessApi, row } from '../../testing/fixtures';
import { loadOverviewRows } from './loadOverviewRows';

const ROWS = Array.from({ length: 1203 }, (_, i) =>
  row(`model-${String(i).padStart(4, '0')}`, { tier: i % 2 ? 1 : 2 }),
);

describe('loadOverviewRows', () => {
  it('reads every page with the filters, sorted by model', async () => {
    const api = new FakeReadinessApi({ rows: ROWS });
    const result = await loadOverviewRows(api, { tier: 1 });
    expect(result.rows).toHaveLength(601);
    expect(result).toMatchObject({ totalItems: 601, truncated: false });
    expect(api.overviewQueries).toEqual([
      { tier: 1, orderBy: 'entityRef', order: 'asc', offset: 0, limit: 500 },
      { tier: 1, orderBy: 'entityRef', order: 'asc', offset: 500, limit: 500 },
    ]);
  });

  it('stops at the cap and says the list is truncated', async () => {
    const api = new FakeReadinessApi({ rows: ROWS });
    const result = await loadOverviewRows(api, {}, 700);
    expect(result.rows).toHaveLength(700);
    expect(result).toMatchObject({ totalItems: 1203, truncated: true });
    expect(api.overviewQueries.map(q => q.limit)).toEqual([500, 200]);
  });
});
