import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { GoldenPathCard, behindLabel } from './GoldenPathCard';
import {
  GoldenPathClient,
  GoldenPathFleetResponse,
  GoldenPathStatusResponse,
  goldenPathApiRef,
} from './GoldenPathClient';
import { GoldenPathFleetPage } from './GoldenPathFleetPage';

const RELEASES = [
  {
    version: '1.10.0',
    date: '2026-12-10',
    changes: [{ text: 'CI checks formatting.' }],
  },
  {
    version: '1.9.0',
    date: '2026-12-01',
    changes: [{ text: 'Rollback runbook fixed.' }],
  },
];

const STATUS: GoldenPathStatusResponse = {
  entityRef: 'resource:default/fraud-scoring',
  title: 'Fraud scoring',
  owner: 'group:default/risk-ml',
  template: 'online-inference',
  version: '1.8.0',
  latestVersion: '1.10.0',
  releasesBehind: 2,
  destination: 'local',
  createdFrom: '1.2.0',
  changes: RELEASES,
  openUpgrade: {
    location: 'golden-path/upgrade-1.10.0',
    toVersion: '1.10.0',
    conflicts: ['docs/runbooks/rollback.md'],
  },
};

const FLEET: GoldenPathFleetResponse = {
  latestVersion: '1.10.0',
  releases: RELEASES,
  repositories: [
    { ...STATUS },
    {
      ...STATUS,
      entityRef: 'resource:default/churn',
      title: 'Churn',
      template: 'batch-scoring',
      version: '1.10.0',
      releasesBehind: 0,
    },
  ],
};

const client = (overrides: Partial<GoldenPathClient>) =>
  ({
    getFleet: jest.fn(async () => FLEET),
    getStatus: jest.fn(async () => STATUS),
    ...overrides,
  }) as unknown as GoldenPathClient;

describe('golden-path UI', () => {
  it('labels how far behind', () => {
    expect(behindLabel(0)).toBe('current');
    expect(behindLabel(1)).toBe('1 release behind');
    expect(behindLabel(2)).toBe('2 releases behind');
  });

  it('shows versions, what changed and the conflicted open upgrade on the card', async () => {
    const api = client({});
    await renderInTestApp(
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: 'fraud-scoring', namespace: 'default' },
          spec: { type: 'ai-model' },
        }}
      >
        <GoldenPathCard />
      </EntityProvider>,
      { apis: [[goldenPathApiRef, api]] },
    );
    expect(await screen.findByText('online-inference')).toBeInTheDocument();
    expect(screen.getByText('at 1.8.0')).toBeInTheDocument();
    expect(screen.getByText('newest 1.10.0')).toBeInTheDocument();
    expect(
      screen.getByText('2 releases behind · created from 1.2.0'),
    ).toBeInTheDocument();
    expect(screen.getByText('CI checks formatting.')).toBeInTheDocument();
    expect(screen.getByText('golden-path/upgrade-1.10.0')).toBeInTheDocument();
    expect(
      screen.getByText('Conflicts to resolve in docs/runbooks/rollback.md'),
    ).toBeInTheDocument();
    expect(api.getStatus).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'fraud-scoring',
    });
  });

  it('lists the fleet with how far behind each repository is', async () => {
    await renderInTestApp(<GoldenPathFleetPage />, {
      apis: [[goldenPathApiRef, client({})]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByText('Newest release 1.10.0'),
    ).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      expect.stringContaining('2 releases behind'),
      expect.stringContaining('current'),
    ]);
    expect(screen.getByText('1 of 2 repositories behind')).toBeInTheDocument();
  });
});
