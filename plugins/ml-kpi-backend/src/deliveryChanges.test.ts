import { ConfigReader } from '@backstage/config';
import { readKpiConfig } from './config';
import { deliveryChange, impactStart } from './deliveryChanges';

const config = readKpiConfig(new ConfigReader({}));
const repository = { full_name: 'acme/fraud-scoring', default_branch: 'main' };
const sha = (c: string) => c.repeat(40);

describe('deliveryChange', () => {
  it('chains the commits of a push to the default branch through their parents', () => {
    expect(
      deliveryChange(
        'push',
        {
          repository,
          ref: 'refs/heads/main',
          before: sha('a'),
          after: sha('c'),
          commits: [
            { id: sha('b'), timestamp: '2026-11-02T10:00:00Z' },
            { id: sha('c'), timestamp: '2026-11-03T10:00:00+02:00' },
          ],
        },
        config,
      ),
    ).toEqual({
      kind: 'commits',
      commits: [
        {
          sha: sha('b'),
          parents: [sha('a')],
          committedAt: new Date('2026-11-02T10:00:00Z'),
        },
        {
          sha: sha('c'),
          parents: [sha('b')],
          committedAt: new Date('2026-11-03T08:00:00Z'),
        },
      ],
    });
  });

  it('ignores pushes to other branches and tags, and a new branch has no parent', () => {
    const push = (ref: string, before = sha('a')) => ({
      repository,
      ref,
      before,
      after: sha('b'),
      commits: [{ id: sha('b'), timestamp: '2026-11-02T10:00:00Z' }],
    });
    expect(
      deliveryChange('push', push('refs/heads/feature'), config),
    ).toBeUndefined();
    expect(
      deliveryChange('push', push('refs/tags/v1'), config),
    ).toBeUndefined();
    expect(
      deliveryChange('push', push('refs/heads/main', sha('0')), config),
    ).toMatchObject({
      commits: [{ parents: [] }],
    });
  });

  it('takes only completed workflow runs, keyed by run and attempt', () => {
    const run = (action: string, conclusion: string | null) => ({
      repository,
      action,
      workflow_run: {
        id: 7,
        run_attempt: 2,
        head_branch: 'main',
        status: 'completed',
        conclusion,
        updated_at: '2026-11-02T10:00:00Z',
      },
    });
    expect(
      deliveryChange('workflow_run', run('in_progress', null), config),
    ).toBeUndefined();
    expect(
      deliveryChange('workflow_run', run('completed', 'failure'), config),
    ).toEqual({
      kind: 'workflowRun',
      runId: '7.2',
      headBranch: 'main',
      defaultBranch: 'main',
      conclusion: 'failure',
      completedAt: new Date('2026-11-02T10:00:00Z'),
    });
  });

  it('keeps an issue as an incident only while it carries the incident label', () => {
    const issue = (labels: string[], body?: string) => ({
      repository,
      action: 'labeled',
      issue: {
        id: 55,
        number: 3,
        created_at: '2026-11-02T10:00:00Z',
        closed_at: null,
        body,
        labels: labels.map(name => ({ name })),
      },
    });
    expect(deliveryChange('issues', issue(['bug']), config)).toEqual({
      kind: 'incidentRemoved',
      issueId: '55',
    });
    expect(
      deliveryChange(
        'issues',
        issue(['incident'], '**Impact start:** 2026-11-02T09:15:00Z'),
        config,
      ),
    ).toEqual({
      kind: 'incident',
      issueId: '55',
      openedAt: new Date('2026-11-02T10:00:00Z'),
      closedAt: undefined,
      impactStartedAt: new Date('2026-11-02T09:15:00Z'),
    });
  });
});

describe('impactStart', () => {
  it('reads the label first, then the body field, and ignores what is not a time', () => {
    expect(
      impactStart(
        {
          labels: [{ name: 'impact-start:2026-11-02T08:00Z' }],
          body: 'Impact start: 2026-11-02T09:00:00Z',
        },
        config,
      ),
    ).toEqual(new Date('2026-11-02T08:00:00Z'));
    expect(
      impactStart(
        {
          labels: [{ name: 'impact-start:soon' }],
          body: 'impact start: yesterday',
        },
        config,
      ),
    ).toBeUndefined();
  });
});

describe('readKpiConfig', () => {
  it('names the bad field', () => {
    expect(() =>
      readKpiConfig(
        new ConfigReader({ mlGoldenPaths: { kpi: { windowDays: 0 } } }),
      ),
    ).toThrow(/mlGoldenPaths\.kpi\.windowDays/);
    expect(() =>
      readKpiConfig(
        new ConfigReader({
          mlGoldenPaths: { kpi: { bands: { leadTime: [{ band: 'great' }] } } },
        }),
      ),
    ).toThrow(/mlGoldenPaths\.kpi\.bands\.leadTime\.0\.band/);
  });

  it('replaces only the configured band ranges', () => {
    const read = readKpiConfig(
      new ConfigReader({
        mlGoldenPaths: {
          kpi: { bands: { leadTime: [{ band: 'elite', max: 2 }] } },
        },
      }),
    );
    expect(read.bands.leadTime).toEqual([{ band: 'elite', max: 2 }]);
    expect(read.bands.changeFailureRate[0]).toEqual({
      band: 'elite',
      max: 0.075,
    });
    expect(read.productionEnvironments).toEqual(['production']);
  });

  it('leaves the keys its modules own (targets, prometheus, demo) to them, still refusing unknown keys', () => {
    const read = readKpiConfig(
      new ConfigReader({
        mlGoldenPaths: {
          kpi: {
            windowDays: 14,
            targets: { changeFailureRate: { tier1: 0.1 } },
            prometheus: { baseUrl: 'http://127.0.0.1:9464' },
            demo: { replay: true },
          },
        },
      }),
    );
    expect(read.windowDays).toBe(14);
    expect(read).not.toHaveProperty('targets');
    expect(() =>
      readKpiConfig(
        new ConfigReader({ mlGoldenPaths: { kpi: { windowDay: 14 } } }),
      ),
    ).toThrow(
      /mlGoldenPaths\.kpi\.: Unrecognized key\(s\) in object: 'windowDay'/,
    );
  });
});
