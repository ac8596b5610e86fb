import { ConfigReader } from '@backstage/config';
import { DEFAULT_QUERIES, readPrometheusKpiConfig } from './config';

const read = (prometheus: object, kpi: object = {}) =>
  readPrometheusKpiConfig(
    new ConfigReader({ mlGoldenPaths: { kpi: { ...kpi, prometheus } } }),
  );

describe('readPrometheusKpiConfig', () => {
  it('is off without a base URL', () => {
    expect(readPrometheusKpiConfig(new ConfigReader({}))).toBeUndefined();
    expect(read({ windowDays: 7 })).toBeUndefined();
  });

  it('fills the defaults and takes the KPI window', () => {
    expect(
      read({ baseUrl: 'http://prometheus:9090' }, { windowDays: 14 }),
    ).toEqual({
      baseUrl: 'http://prometheus:9090',
      windowMinutes: 14 * 1440,
      stepSeconds: 300,
      timeoutMs: 15_000,
      minRequests: 100,
      minLatencyPoints: 12,
      queries: DEFAULT_QUERIES,
    });
    expect(read({ baseUrl: 'http://p:9090' })?.windowMinutes).toBe(30 * 1440);
  });

  it('replaces single templates', () => {
    const config = read({
      baseUrl: 'https://p.example.com/prom',
      queries: { servingCost: 'sum(cost{model="{{model}}"})' },
    });
    expect(config?.queries.servingCost).toBe('sum(cost{model="{{model}}"})');
    expect(config?.queries.requests).toBe(DEFAULT_QUERIES.requests);
  });

  it.each([
    [{ baseUrl: 'not a url' }, /baseUrl: baseUrl must be an absolute/],
    [{ baseUrl: 'file:///etc/passwd' }, /baseUrl must use http or https/],
    [{ baseUrl: 'http://u:p@prom:9090' }, /must not carry credentials/],
    [{ baseUrl: 'http://prom:9090/?x=1' }, /must not have a query/],
    [
      { baseUrl: 'http://p', windowDays: 0 },
      /windowDays: windowMinutes must be positive/,
    ],
    [
      { baseUrl: 'http://p', stepSeconds: 1.5 },
      /stepSeconds: stepSeconds must be a whole number/,
    ],
    [
      { baseUrl: 'http://p', queries: { request: 'up' } },
      /queries has unknown keys request/,
    ],
    [
      {
        baseUrl: 'http://p',
        queries: { requests: 'sum(x{job="{{entity.spec.owner}}"})' },
      },
      /mlGoldenPaths.kpi.prometheus.queries.requests uses unknown placeholder \{\{entity.spec.owner\}\}/,
    ],
    [
      { baseUrl: 'http://p', queries: { requests: '  ' } },
      /queries.requests must be a non-empty PromQL template/,
    ],
  ])('rejects %j', (prometheus, message) => {
    expect(() => read(prometheus)).toThrow(message);
  });
});
