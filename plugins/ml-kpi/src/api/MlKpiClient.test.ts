import { MlKpiClient } from './MlKpiClient';

function client(body: unknown, status = 200) {
  const urls: string[] = [];
  const api = MlKpiClient.create({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/ml-kpi' },
    fetchApi: {
      fetch: async (url: any) => {
        urls.push(String(url));
        return new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        });
      },
    } as any,
  });
  return { api, urls };
}

const kpi = { state: 'value', value: 0.2, unit: 'ratio', samples: 5 };

describe('MlKpiClient', () => {
  it('asks for a model by namespace and name and keeps only KPI values', async () => {
    const { api, urls } = client({
      entityRef: 'resource:default/fraud-scoring',
      ownerRef: 'group:default/risk-ml',
      tier: 1,
      targets: { changeFailureRate: { comparator: '<', value: 0.15 } },
      kpis: {
        windowStart: '2026-10-30T00:00:00.000Z',
        windowEnd: '2026-11-29T00:00:00.000Z',
        changeFailureRate: kpi,
      },
      computedAt: '2026-11-29T00:00:00.000Z',
      daily: [],
    });
    const model = await api.getModelKpis('resource:default/fraud-scoring', {
      days: 30,
    });
    expect(urls).toEqual([
      'http://backend/api/ml-kpi/models/default/fraud-scoring?days=30',
    ]);
    expect(model.kpis).toEqual({ changeFailureRate: kpi });
    expect(model.windowDays).toBe(30);
    await expect(api.getModelKpis('group:default/x')).rejects.toThrow(
      /not a model/,
    );
  });

  it('splits a team row into its place and its KPIs', async () => {
    const { api, urls } = client({
      items: [
        {
          ownerRef: 'group:default/risk-ml',
          title: 'Risk ML',
          depth: 1,
          parentRef: 'group:default/ml-platform',
          models: 2,
          changeFailureRate: kpi,
        },
      ],
    });
    const teams = await api.getTeams('group:default/risk-ml');
    expect(urls[0]).toBe(
      'http://backend/api/ml-kpi/teams?owner=group%3Adefault%2Frisk-ml',
    );
    expect(teams).toEqual([
      {
        ownerRef: 'group:default/risk-ml',
        title: 'Risk ML',
        depth: 1,
        parentRef: 'group:default/ml-platform',
        models: 2,
        kpis: { changeFailureRate: kpi },
      },
    ]);
  });

  it('refuses a malformed answer, naming the field', async () => {
    const { api } = client({
      computedAt: 'x',
      models: 'three',
      rollups: [],
      teams: [],
    });
    await expect(api.getPlatform()).rejects.toThrow(
      /Unexpected response from the ml-kpi backend: models Expected number/,
    );
  });

  it('passes the backend error on', async () => {
    const { api } = client(
      { error: { name: 'NotFoundError', message: 'No model' } },
      404,
    );
    await expect(api.getModelKpis('resource:default/x')).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});
