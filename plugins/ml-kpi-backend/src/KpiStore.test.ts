import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { computeDeliveryKpis } from '@ml-golden-paths/plugin-ml-kpi-common';
import { KpiStore, RecordChange } from './KpiStore';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const now = new Date('2026-11-29T12:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * DAY);
const sha = (n: number) => n.toString(16).padStart(40, '0');

/** A year of mixed records for one model (deterministic). */
function history(seed: number): RecordChange[] {
  let x = seed;
  const random = () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
  const changes: RecordChange[] = [];
  const commits = Array.from({ length: 200 }, (_, c) => ({
    sha: sha(seed * 1000 + c + 1),
    parents: c === 0 ? [] : [sha(seed * 1000 + c)],
    committedAt: at(-365 + c * 1.8),
  }));
  changes.push({ kind: 'commits', commits });
  for (let d = 0; d < 60; d += 1) {
    const created = at(-360 + d * 6);
    const base = {
      kind: 'deploymentStatus' as const,
      deploymentId: String(d),
      environment: ['production', 'Production ', 'staging', ''][
        d % 4 === 3 ? Math.floor(random() * 4) : 0
      ],
      sha: commits[Math.min(199, Math.floor(d * 3.3 + random() * 3))].sha,
      createdAt: created,
    };
    changes.push({
      ...base,
      state: 'in_progress',
      at: new Date(created.getTime() + 60_000),
    });
    if (random() < 0.9) {
      const state = ['success', 'success', 'success', 'failure', 'error'][
        Math.floor(random() * 5)
      ];
      changes.push({ ...base, state, at: new Date(created.getTime() + HOUR) });
      if (state === 'success' && random() < 0.5) {
        changes.push({
          ...base,
          state: 'inactive',
          at: new Date(created.getTime() + 5 * DAY),
        });
      }
    }
  }
  for (let i = 0; i < 25; i += 1) {
    const opened = at(-365 + i * 14.5 + random() * 3);
    changes.push({
      kind: 'incident',
      issueId: String(i),
      openedAt: opened,
      impactStartedAt:
        random() < 0.7 ? new Date(opened.getTime() - 40 * 60_000) : undefined,
      closedAt:
        random() < 0.9
          ? new Date(opened.getTime() + random() * 3 * DAY)
          : undefined,
    });
  }
  for (let r = 0; r < 150; r += 1) {
    changes.push({
      kind: 'workflowRun',
      runId: `${r}.1`,
      headBranch: random() < 0.8 ? 'main' : 'feature',
      defaultBranch: 'main',
      conclusion: ['success', 'success', 'failure', 'cancelled', 'skipped'][
        Math.floor(random() * 5)
      ],
      completedAt: at(-365 + r * 2.4),
    });
  }
  return changes;
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())('KpiStore on %s', databaseId => {
  async function store() {
    const knex = await databases.init(databaseId);
    return {
      knex,
      store: await KpiStore.create(
        mockServices.database({ knex, migrations: { skip: false } }),
      ),
    };
  }

  it('reads for a KPI window exactly what the definitions need: the KPIs equal those of every record', async () => {
    const { store: s } = await store();
    const refs = Array.from({ length: 6 }, (_, m) => `resource:default/m-${m}`);
    await s.applyChanges(
      refs.flatMap((entityRef, m) =>
        history(m + 1).map(change => ({ entityRef, change })),
      ),
    );
    const options = {
      now,
      productionEnvironments: ['production'],
      windowDays: 30,
    };
    const windowed = await s.recordsOf(refs, { kpiWindowStart: at(-30) });
    let compared = 0;
    let withValues = 0;
    for (const ref of refs) {
      const full = await s.records(ref);
      const kpis = computeDeliveryKpis(full, options);
      if (
        kpis.leadTime.state === 'value' &&
        kpis.changeFailureRate.state === 'value' &&
        kpis.pipelineSuccessRate.state === 'value'
      ) {
        withValues += 1;
      }
      expect(full.deployments.length).toBeGreaterThan(
        windowed.get(ref)!.deployments.length - 1,
      );
      expect(computeDeliveryKpis(windowed.get(ref)!, options)).toEqual(
        computeDeliveryKpis(full, options),
      );
      compared += 1;
    }
    expect(compared).toBe(6);
    expect(withValues).toBeGreaterThan(3);
    // The reduced read really is smaller.
    const full = await s.records(refs[0]);
    expect(windowed.get(refs[0])!.workflowRuns.length).toBeLessThan(
      full.workflowRuns.length / 5,
    );
  });

  it('applies a batch like the changes one by one: natural keys, last change wins, duplicates in one batch are fine', async () => {
    const { store: s, knex } = await store();
    const e = 'resource:default/a';
    const status = (state: string, when: number): RecordChange => ({
      kind: 'deploymentStatus',
      deploymentId: '7',
      environment: 'production',
      sha: sha(1),
      createdAt: at(-2),
      state,
      at: at(when),
    });
    await s.applyChanges([
      { entityRef: e, change: status('success', -1) },
      { entityRef: e, change: status('success', -1) },
      { entityRef: e, change: status('inactive', -0.5) },
      {
        entityRef: e,
        change: { kind: 'incident', issueId: '1', openedAt: at(-1) },
      },
      { entityRef: e, change: { kind: 'incidentRemoved', issueId: '1' } },
      { entityRef: e, change: { kind: 'incidentRemoved', issueId: '2' } },
      {
        entityRef: e,
        change: { kind: 'incident', issueId: '2', openedAt: at(-1) },
      },
      {
        entityRef: e,
        change: {
          kind: 'incident',
          issueId: '2',
          openedAt: at(-1),
          closedAt: at(-0.5),
        },
      },
      {
        entityRef: e,
        change: {
          kind: 'workflowRun',
          runId: '5.1',
          headBranch: 'main',
          defaultBranch: 'main',
          conclusion: 'failure',
          completedAt: at(-1),
        },
      },
      {
        entityRef: e,
        change: {
          kind: 'workflowRun',
          runId: '5.1',
          headBranch: 'main',
          defaultBranch: 'main',
          conclusion: 'success',
          completedAt: at(-0.9),
        },
      },
      {
        entityRef: e,
        change: {
          kind: 'commits',
          commits: [
            { sha: sha(1), parents: [], committedAt: at(-3) },
            { sha: sha(1), parents: [], committedAt: at(-3) },
          ],
        },
      },
    ]);
    // Once more: nothing doubles.
    await s.applyChanges([{ entityRef: e, change: status('success', -1) }]);
    const records = await s.records(e);
    expect(records.deployments).toHaveLength(1);
    expect(records.deployments[0].statuses.map(x => x.state).sort()).toEqual([
      'inactive',
      'success',
    ]);
    expect(records.incidents).toEqual([
      {
        issueId: '2',
        openedAt: at(-1),
        closedAt: at(-0.5),
        impactStartedAt: undefined,
      },
    ]);
    expect(records.workflowRuns).toEqual([
      expect.objectContaining({ id: '5.1', conclusion: 'success' }),
    ]);
    expect(records.commits).toHaveLength(1);
    expect(
      Number((await knex('kpi_deployment_statuses').count({ n: '*' }))[0].n),
    ).toBe(2);
  });

  it("lets GitHub's parents replace those a push implied, never the other way round", async () => {
    const { store: s } = await store();
    const e = 'resource:default/a';
    const commit = (parents: string[]) => ({
      sha: sha(9),
      parents,
      committedAt: at(-1),
    });
    // A push implied c8 as the parent; the compare says c8 and c7 (a merge).
    await s.applyChanges([
      {
        entityRef: e,
        change: { kind: 'commits', commits: [commit([sha(8)])] },
      },
    ]);
    await s.applyChanges([
      {
        entityRef: e,
        change: {
          kind: 'commits',
          commits: [commit([sha(8), sha(7)])],
          exactParents: true,
        },
      },
    ]);
    // A redelivered push changes nothing.
    await s.applyChanges([
      {
        entityRef: e,
        change: { kind: 'commits', commits: [commit([sha(8)])] },
      },
    ]);
    expect((await s.records(e)).commits).toEqual([commit([sha(8), sha(7)])]);
  });

  it('keeps the backfill state per repository (case-insensitive) and resource', async () => {
    const { store: s } = await store();
    expect(await s.backfillState('Acme/Repo', 'github:issues')).toBeUndefined();
    await s.saveBackfillState('Acme/Repo', 'github:issues', { since: 'a' });
    await s.saveBackfillState('acme/repo', 'github:issues', { since: 'b' });
    await s.saveBackfillState('acme/repo', 'github:commits', { since: 'c' });
    expect(await s.backfillState('ACME/REPO', 'github:issues')).toEqual({
      since: 'b',
    });
    expect(await s.backfillState('acme/repo', 'github:commits')).toEqual({
      since: 'c',
    });
  });
});
