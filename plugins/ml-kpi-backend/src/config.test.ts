import { ConfigReader } from '@backstage/config';
import { readKpiConfig } from './config';

const read = (kpi: unknown) =>
  readKpiConfig(new ConfigReader({ mlGoldenPaths: { kpi } } as any));

describe('readKpiConfig backfill', () => {
  it('defaults to an hourly backfill of 2 repositories at a time, 90 days back', () => {
    expect(read({}).backfill).toEqual({
      schedule: { frequency: { hours: 1 }, timeout: { minutes: 30 } },
      concurrency: 2,
      lookbackDays: 90,
    });
  });

  it('takes a cron line or a duration', () => {
    expect(
      read({ backfill: { schedule: { frequency: { cron: '0 */2 * * *' } } } })
        .backfill.schedule.frequency,
    ).toEqual({ cron: '0 */2 * * *' });
    expect(
      read({ backfill: { schedule: { frequency: { minutes: 15 } } } }).backfill
        .schedule.frequency,
    ).toEqual({ minutes: 15 });
  });

  it.each([
    [
      { backfill: { concurrency: 0 } },
      /backfill\.concurrency: Number must be greater than or equal to 1/,
    ],
    [
      { backfill: { concurrency: 'many' } },
      /backfill\.concurrency: Expected number/,
    ],
    [
      { backfill: { lookbackDays: 10 } },
      /backfill\.lookbackDays: must be at least windowDays \(30\)/,
    ],
    [
      { backfill: { schedule: { frequency: { hours: -1 } } } },
      /backfill\.schedule\.frequency\.hours: Number must be greater than or equal to 0/,
    ],
    [
      { backfill: { schedule: { frequency: { cron: 'hourly' } } } },
      /backfill\.schedule\.frequency\.cron: must be a cron line of 5 or 6 fields/,
    ],
    [
      { backfill: { schedule: { timeout: {} } } },
      /backfill\.schedule\.timeout: must be a positive duration/,
    ],
    [
      { backfill: { every: 3 } },
      /Invalid mlGoldenPaths\.kpi\.backfill: Unrecognized key/,
    ],
  ])('names the bad field of %j', (kpi, message) => {
    expect(() => read(kpi)).toThrow(message);
  });
});
