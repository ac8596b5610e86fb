import { classifyBand, DORA_2024_BANDS } from './bands';
import {
  computeDeliveryKpis,
  deploymentOutcome,
  isProductionEnvironment,
} from './definitions';
import { interpolatedMedian } from './median';
import {
  CommitRecord,
  DeliveryRecords,
  DeploymentRecord,
  WorkflowRunRecord,
} from './records';

/** A time in November 2026 (UTC); day 0 and below reach into October. */
const nov = (day: number, hour = 0, minute = 0) =>
  new Date(Date.UTC(2026, 10, day, hour, minute));
const NOW = nov(30);
const sha = (n: string) => n.padEnd(40, '0');
const commit = (
  name: string,
  at: Date,
  ...parents: string[]
): CommitRecord => ({
  sha: sha(name),
  committedAt: at,
  parents: parents.map(sha),
});
const deployment = (
  id: string,
  environment: string,
  commitName: string,
  ...statuses: Array<[string, Date]>
): DeploymentRecord => ({
  id,
  environment,
  sha: sha(commitName),
  createdAt: statuses[0]?.[1] ?? NOW,
  statuses: statuses.map(([state, at]) => ({ state, at })),
});
const run = (
  id: string,
  branch: string,
  conclusion: string,
  at: Date,
): WorkflowRunRecord => ({
  id,
  headBranch: branch,
  defaultBranch: 'main',
  conclusion,
  completedAt: at,
});
const options = { now: NOW, productionEnvironments: ['production'] };

/*
 * Hand-computed fixture. Window: (Oct 31 00:00, Nov 30 00:00].
 *   c0 Oct 1 ← c1 Nov 2 10:00 ← c2 Nov 3 10:00 ← c3 Nov 10 00:00 ← c4 Nov 15
 *   c2 ← f1 Nov 9 (feature branch);  c5 Nov 16 merges c4 and f1.
 *   d0 production c0 success Oct 20            (before the window: predecessor only)
 *   d1 production c2 success Nov 4 10:00, inactive Nov 20   lead 48 h (c1)
 *   d2 production c3 failure Nov 10 06:00                    failed; restored by d3 after 6 h
 *   d3 production c3 success Nov 10 12:00                    lead 12 h (c3); incident 101 follows
 *   d4 production c5 success Nov 16 06:00                    lead 174 h (f1 Nov 9 00:00)
 *   d5 staging, d6 no environment, d7 production still in progress: not counted
 *   incident 101 opened Nov 11 12:00 (twice: a repeated webhook), impact from
 *     11:30, closed 14:00                                    restore 2 h, detect 30 min
 *   incident 102 opened Nov 25, 8.75 days after d4, still open: not attributed
 * Expected: frequency 3 / (30/7) = 0.7 per week (medium), lead median of
 * 12, 48, 174 = 48 h (high), failure rate (d2, d3) / (d1..d4) = 2/4 (low),
 * restore median of 2 h and 6 h = 4 h (high), detect 30 min, pipeline 3/4.
 */
const records: DeliveryRecords = {
  commits: [
    commit('c0', nov(-30)),
    commit('c1', nov(2, 10), 'c0'),
    commit('c2', nov(3, 10), 'c1'),
    commit('c3', nov(10), 'c2'),
    commit('f1', nov(9), 'c2'),
    commit('c4', nov(15), 'c3'),
    commit('c5', nov(16), 'c4', 'f1'),
  ],
  deployments: [
    deployment('d0', 'production', 'c0', ['success', nov(-10)]),
    deployment(
      'd1',
      'production',
      'c2',
      ['in_progress', nov(3, 11)],
      ['inactive', nov(20)],
      ['success', nov(4, 10)],
    ),
    deployment('d2', 'production', 'c3', ['failure', nov(10, 6)]),
    deployment('d3', 'production', 'c3', ['success', nov(10, 12)]),
    deployment('d4', 'production', 'c5', ['success', nov(16, 6)]),
    deployment('d5', 'staging', 'c5', ['success', nov(17)]),
    deployment('d6', '', 'c5', ['success', nov(18)]),
    deployment('d7', 'production', 'c5', ['in_progress', nov(29)]),
  ],
  incidents: [
    {
      issueId: '101',
      openedAt: nov(11, 12),
      closedAt: nov(11, 14),
      impactStartedAt: nov(11, 11, 30),
    },
    { issueId: '101', openedAt: nov(11, 12), closedAt: nov(11, 14) },
    { issueId: '102', openedAt: nov(25) },
  ],
  workflowRuns: [
    run('r1', 'main', 'success', nov(5)),
    run('r2', 'main', 'failure', nov(6)),
    run('r3', 'main', 'cancelled', nov(7)),
    run('r4', 'main', 'skipped', nov(8)),
    run('r5', 'feature', 'failure', nov(9)),
    run('r6', 'main', 'failure', nov(-20)),
    run('r7', 'main', 'success', nov(20)),
    run('r8', 'main', 'success', nov(21)),
  ],
};

describe('computeDeliveryKpis on the hand-computed fixture', () => {
  const kpis = computeDeliveryKpis(records, options);

  it('reports the window', () => {
    expect(kpis.windowStart).toBe('2026-10-31T00:00:00.000Z');
    expect(kpis.windowEnd).toBe('2026-11-30T00:00:00.000Z');
  });

  it('deployment frequency counts successful production deployments per week', () => {
    expect(kpis.deploymentFrequency).toEqual({
      state: 'value',
      value: expect.closeTo(0.7, 10),
      unit: 'per-week',
      samples: 3,
      band: 'medium',
    });
  });

  it('lead time is the median over deployments of success − earliest first-shipped commit', () => {
    expect(kpis.leadTime).toEqual({
      state: 'value',
      value: 48,
      unit: 'hours',
      samples: 3,
      band: 'high',
    });
  });

  it('change failure rate counts failed deployments and those followed by an incident', () => {
    expect(kpis.changeFailureRate).toEqual({
      state: 'value',
      value: 0.5,
      unit: 'ratio',
      samples: 4,
      band: 'low',
    });
  });

  it('time to restore takes incidents and failures restored by the next deployment', () => {
    expect(kpis.timeToRestore).toEqual({
      state: 'value',
      value: 4,
      unit: 'hours',
      samples: 2,
      band: 'high',
    });
  });

  it('time to detect is opened − impact start', () => {
    expect(kpis.timeToDetect).toEqual({
      state: 'value',
      value: 30,
      unit: 'minutes',
      samples: 1,
    });
  });

  it('pipeline success rate ignores cancelled, skipped and other branches', () => {
    expect(kpis.pipelineSuccessRate).toEqual({
      state: 'value',
      value: 0.75,
      unit: 'ratio',
      samples: 4,
    });
  });
});

describe('mistakes the known DORA tools made', () => {
  it('never pairs the first deployment in the data with all older commits', () => {
    const withoutD0 = {
      ...records,
      deployments: records.deployments.filter(d => d.id !== 'd0'),
    };
    const kpis = computeDeliveryKpis(withoutD0, options);
    // d1 has no predecessor: only d3 (12 h) and d4 (174 h) are samples.
    expect(kpis.leadTime).toMatchObject({ value: 93, samples: 2 });
  });

  it('times a deployment by its success status, not a later inactive one', () => {
    expect(deploymentOutcome(records.deployments[1])).toEqual({
      kind: 'success',
      at: nov(4, 10),
    });
    expect(
      deploymentOutcome(
        deployment(
          'x',
          'production',
          'c1',
          ['error', nov(2)],
          ['inactive', nov(3)],
        ),
      ),
    ).toEqual({ kind: 'failure', at: nov(2) });
  });

  it('counts deployments, not incidents: the rate stays at or below 100 %', () => {
    const kpis = computeDeliveryKpis(
      {
        ...records,
        deployments: [
          deployment('a', 'production', 'c1', ['success', nov(2)]),
          deployment('b', 'production', 'c2', ['success', nov(5)]),
        ],
        incidents: [1, 2, 3, 4, 5].map(n => ({
          issueId: String(n),
          openedAt: nov(5, n),
        })),
      },
      options,
    );
    expect(kpis.changeFailureRate).toMatchObject({ value: 0.5, samples: 2 });
  });

  it('attributes an incident at most attributionDays after a deployment', () => {
    const base = {
      ...records,
      deployments: [
        deployment('a', 'production', 'c1', ['success', nov(2)]),
        deployment('b', 'production', 'c2', ['success', nov(10)]),
      ],
    };
    const late = { issueId: '9', openedAt: nov(17, 6) }; // 7.25 days after b
    expect(
      computeDeliveryKpis({ ...base, incidents: [late] }, options)
        .changeFailureRate,
    ).toMatchObject({ value: 0 });
    expect(
      computeDeliveryKpis(
        { ...base, incidents: [late] },
        { ...options, attributionDays: 8 },
      ).changeFailureRate,
    ).toMatchObject({ value: 0.5 });
  });

  it('does not take an empty or unknown environment for production', () => {
    expect(isProductionEnvironment('', ['production'])).toBe(false);
    expect(isProductionEnvironment(null, ['production'])).toBe(false);
    expect(isProductionEnvironment('prod-eu', ['production'])).toBe(false);
    expect(isProductionEnvironment(' Production ', ['production'])).toBe(true);
    expect(isProductionEnvironment('prod', ['production', 'prod'])).toBe(true);
  });
});

describe('too little data', () => {
  it('is its own state, never a bad value', () => {
    const kpis = computeDeliveryKpis(
      {
        deployments: [deployment('a', 'production', 'c1', ['success', nov(2)])],
        commits: [],
        incidents: [],
        workflowRuns: [],
      },
      options,
    );
    for (const kpi of [
      kpis.deploymentFrequency,
      kpis.leadTime,
      kpis.changeFailureRate,
      kpis.timeToRestore,
      kpis.timeToDetect,
      kpis.pipelineSuccessRate,
    ]) {
      expect(kpi.state).toBe('insufficient-data');
    }
    expect(kpis.deploymentFrequency).toMatchObject({
      reason: expect.stringMatching(/1 production deployment.*at least 2/),
    });
  });
});

describe('interpolatedMedian', () => {
  it.each([
    [[], undefined],
    [[7], 7],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
    [[1, 10], 5.5],
  ])('of %j is %p', (values, expected) => {
    expect(interpolatedMedian(values)).toBe(expected);
  });
});

describe('DORA 2024 bands', () => {
  it('are not monotonic for change failure rate', () => {
    const band = (v: number) =>
      classifyBand(v, DORA_2024_BANDS.changeFailureRate);
    expect([0.05, 0.12, 0.2, 0.45].map(band)).toEqual([
      'elite',
      'medium',
      'high',
      'low',
    ]);
  });

  it('band the other keys by their ranges', () => {
    expect(classifyBand(10, DORA_2024_BANDS.deploymentFrequency)).toBe('elite');
    expect(classifyBand(0.1, DORA_2024_BANDS.deploymentFrequency)).toBe('low');
    expect(classifyBand(23.9, DORA_2024_BANDS.leadTime)).toBe('elite');
    expect(classifyBand(0.5, DORA_2024_BANDS.timeToRestore)).toBe('elite');
    expect(classifyBand(200, DORA_2024_BANDS.timeToRestore)).toBe('low');
  });
});
