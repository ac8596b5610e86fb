import { MlReadinessClient } from './MlReadinessClient';
import { FRAUD_SCORECARD } from '../testing/fixtures';

const BASE = 'http://localhost:7007/api/ml-readiness';

function setup(respond: (url: string, init?: RequestInit) => Response) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const client = MlReadinessClient.create({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://localhost:7007/api/${pluginId}`,
    },
    fetchApi: {
      fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        calls.push({ url, init });
        return respond(url, init);
      },
    } as any,
  });
  return { client, calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

describe('MlReadinessClient', () => {
  it('reads a scorecard by namespace and name, encoding each part', async () => {
    const { client, calls } = setup(() => json(FRAUD_SCORECARD));
    await expect(
      client.getScorecard('resource:default/fraud-scoring'),
    ).resolves.toEqual(FRAUD_SCORECARD);
    expect(calls.at(-1)!.url).toBe(`${BASE}/scorecards/default/fraud-scoring`);
    await client.getScorecard('resource:my ns/a?b');
    expect(calls.at(-1)!.url).toBe(`${BASE}/scorecards/my%20ns/a%3Fb`);
  });

  it('refuses a ref that is not a model before asking the backend', async () => {
    const { client, calls } = setup(() => json(FRAUD_SCORECARD));
    await expect(client.getScorecard('component:default/x')).rejects.toThrow(
      /entityRef 'component:default\/x' is not a model/,
    );
    expect(calls).toHaveLength(0);
  });

  it('sends overview filters, sort and page as query parameters', async () => {
    const { client, calls } = setup(() =>
      json({ items: [], totalItems: 0, offset: 50, limit: 25 }),
    );
    await client.getOverview({
      owner: 'group:default/risk-ml',
      tier: 1,
      level: 'none',
      stage: 'production',
      failingCheck: 'runbook-linked',
      orderBy: 'failing',
      order: 'desc',
      offset: 50,
      limit: 25,
    });
    const url = new URL(calls[0].url);
    expect(url.pathname).toBe('/api/ml-readiness/overview');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      owner: 'group:default/risk-ml',
      tier: '1',
      level: 'none',
      stage: 'production',
      failingCheck: 'runbook-linked',
      orderBy: 'failing',
      order: 'desc',
      offset: '50',
      limit: '25',
    });
  });

  it('builds the CSV export URL from the filters only', async () => {
    const { client } = setup(() => json({}));
    await expect(
      client.getOverviewCsvUrl({
        tier: 2,
        offset: 100,
        limit: 50,
        orderBy: 'tier',
      }),
    ).resolves.toBe(`${BASE}/overview/export?tier=2`);
  });

  it('asks for model and team history with a window in days', async () => {
    const { client, calls } = setup(() => json({ items: [] }));
    await client.getModelHistory('resource:default/fraud-scoring', {
      days: 90,
    });
    await client.getTeamHistory('group:default/risk-ml', { days: 30 });
    expect(calls.map(c => c.url)).toEqual([
      `${BASE}/scorecards/default/fraud-scoring/history?days=90`,
      `${BASE}/teams/history?owner=group%3Adefault%2Frisk-ml&days=30`,
    ]);
  });

  it('posts exemptions and revocations as JSON', async () => {
    const exemption = {
      id: 'e1',
      entityRef: 'resource:default/m',
      checkId: 'runbook-linked',
      reason: 'being rewritten',
      compensatingControl: 'pairing',
      approver: 'user:default/dana',
      createdBy: 'user:default/dana',
      createdAt: '2026-11-29T10:00:00Z',
      expiresAt: '2026-12-29T10:00:00Z',
      status: 'active',
    };
    const { client, calls } = setup(() => json(exemption, 201));
    const {
      id: _id,
      createdBy: _c,
      createdAt: _a,
      status: _s,
      ...request
    } = exemption;
    await expect(client.createExemption(request)).resolves.toEqual(exemption);
    await client.revokeExemption('e/1', 'fixed');
    expect(calls[0]).toMatchObject({
      url: `${BASE}/exemptions`,
      init: { method: 'POST', body: JSON.stringify(request) },
    });
    expect(calls[1]).toMatchObject({
      url: `${BASE}/exemptions/e%2F1/revoke`,
      init: { method: 'POST', body: JSON.stringify({ reason: 'fixed' }) },
    });
  });

  it('rejects with the backend status and message', async () => {
    const { client } = setup(() =>
      json(
        { error: { name: 'NotAllowedError', message: 'Unauthorized' } },
        403,
      ),
    );
    await expect(
      client.getScorecard('resource:default/m'),
    ).rejects.toMatchObject({ statusCode: 403 });
  });

  it('refuses a response that does not match the contract, naming the field', async () => {
    const { client } = setup(() =>
      json({ ...FRAUD_SCORECARD, level: 'platinum' }),
    );
    await expect(client.getScorecard('resource:default/m')).rejects.toThrow(
      /Unexpected response from the ml-readiness backend: level/,
    );
  });
});
