import { ConfigReader } from '@backstage/config';
import { readDemoConfig } from './config';

const read = (demo: any) =>
  readDemoConfig(new ConfigReader({ mlGoldenPaths: { kpi: { demo } } }));

describe('readDemoConfig', () => {
  it('is off without the key', () => {
    expect(readDemoConfig(new ConfigReader({}))).toBeUndefined();
  });

  it('fills in defaults; prometheus only when asked for', () => {
    expect(read({})).toEqual({
      replay: true,
      days: 90,
      seed: 'ml-golden-paths-demo',
      catalogWaitSeconds: 300,
    });
    expect(read({ replay: false, prometheus: { port: 9500 } })).toMatchObject({
      replay: false,
      prometheus: {
        port: 9500,
        dataDir: '../../.demo-prometheus',
        binDir: '/usr/bin',
        days: 30,
      },
    });
  });

  it.each([
    [{ replay: 'yes' }, 'mlGoldenPaths.kpi.demo.replay: must be true or false'],
    [{ days: 0 }, 'mlGoldenPaths.kpi.demo.days: must be at least 1'],
    [{ days: 2.5 }, 'mlGoldenPaths.kpi.demo.days: must be a whole number'],
    [
      { prometheus: { port: 80 } },
      'mlGoldenPaths.kpi.demo.prometheus.port: must be 1024 or above',
    ],
    [
      { prometheus: { days: 400 } },
      'mlGoldenPaths.kpi.demo.prometheus.days: must be at most 90',
    ],
    [
      { replays: true },
      "mlGoldenPaths.kpi.demo: Unrecognized key(s) in object: 'replays'",
    ],
  ])('refuses %j naming the field', (demo, message) => {
    expect(() => read(demo)).toThrow(`Invalid config ${message}`);
  });
});
