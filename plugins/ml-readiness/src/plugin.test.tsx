import { screen, waitFor, within } from '@testing-library/react';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import type { ExtensionDefinition } from '@backstage/frontend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { mlReadinessApiRef } from './api/MlReadinessApi';
import { mlReadinessPlugin, readinessCard, readinessContent } from './plugin';
import {
  FRAUD_MODEL,
  FRAUD_SCORECARD,
  FakeReadinessApi,
} from './testing/fixtures';

function render(
  extension: ExtensionDefinition,
  api: FakeReadinessApi,
  allow: boolean = false,
) {
  return renderTestApp({
    extensions: [createTestEntityPage({ entity: FRAUD_MODEL }), extension],
    apis: [
      [mlReadinessApiRef, api],
      mockApis.permission({
        authorize: allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      }),
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('mlReadinessPlugin', () => {
  it.each([
    'api:ml-readiness',
    'page:ml-readiness',
    'entity-card:ml-readiness/readiness',
    'entity-content:ml-readiness/readiness',
    'ml-catalog-models-column:ml-readiness/readiness',
  ] as const)('provides %s', id => {
    expect(mlReadinessPlugin.getExtension(id)).toBeDefined();
  });
});

describe('readiness card', () => {
  it('shows level, required level, the blocked gate and failing and unknown checks with remediation', async () => {
    render(
      readinessCard,
      new FakeReadinessApi({ scorecards: [FRAUD_SCORECARD] }),
    );
    const failing = await screen.findByRole('list', { name: 'Failing checks' });
    expect(screen.getByText('Level: Silver')).toBeInTheDocument();
    expect(screen.getByText('Required: Gold')).toBeInTheDocument();
    expect(screen.getByText(/Production gate: blocked/)).toBeInTheDocument();

    expect(within(failing).getByText('Runbook is linked')).toBeInTheDocument();
    expect(
      within(failing).getByText('spec.mlops.runbook is not set'),
    ).toBeInTheDocument();
    expect(
      within(failing).getByText(/Add a rollback runbook/),
    ).toBeInTheDocument();
    expect(
      within(failing).getByRole('link', {
        name: 'How to fix: Runbook is linked',
      }),
    ).toHaveAttribute('href', 'https://golden-paths.example.com/docs/runbook');

    const unknown = screen.getByRole('list', { name: 'Unknown checks' });
    expect(within(unknown).getByText('Drift is monitored')).toBeInTheDocument();
    expect(
      within(unknown).getByRole('link', {
        name: 'How to fix: Drift is monitored',
      }),
    ).toHaveAttribute(
      'href',
      '/docs/default/component/golden-paths/monitoring',
    );
    // Passing and not-applicable checks are not on the card.
    expect(screen.queryByText('Owner is set')).not.toBeInTheDocument();
    expect(screen.getAllByTestId('readiness-card-check')).toHaveLength(2);
  });

  it('never renders a script link from the policy', async () => {
    const hostile = {
      ...FRAUD_SCORECARD,
      checks: FRAUD_SCORECARD.checks.map(c =>
        c.state === 'fail'
          ? // eslint-disable-next-line no-script-url
            { ...c, goldenPathLink: 'javascript:alert(1)' }
          : c,
      ),
    };
    render(readinessCard, new FakeReadinessApi({ scorecards: [hostile] }));
    await screen.findByText('Runbook is linked');
    expect(
      screen.queryByRole('link', { name: 'How to fix: Runbook is linked' }),
    ).not.toBeInTheDocument();
    for (const link of screen.getAllByRole('link')) {
      expect(link.getAttribute('href')).not.toMatch(/^javascript:/i);
    }
  });

  it('says so when no facts have been collected yet', async () => {
    const ungraded = {
      ...FRAUD_SCORECARD,
      level: 'none' as const,
      checks: FRAUD_SCORECARD.checks.map(c => ({
        ...c,
        state: 'unknown' as const,
        reason: 'No facts collected',
        factTimes: {},
      })),
    };
    render(readinessCard, new FakeReadinessApi({ scorecards: [ungraded] }));
    expect(
      await screen.findByText(/Not graded yet: no facts have been collected/),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('readiness-card-check')).toHaveLength(6);
  });

  it('does not claim a grade is missing when some facts are in', async () => {
    render(
      readinessCard,
      new FakeReadinessApi({ scorecards: [FRAUD_SCORECARD] }),
    );
    await screen.findByText('Level: Silver');
    expect(screen.queryByText(/Not graded yet/)).not.toBeInTheDocument();
  });

  it('says the backend cannot find the model on a 404', async () => {
    render(readinessCard, new FakeReadinessApi({ scorecards: [] }));
    expect(
      await screen.findByText(/the readiness backend cannot find this model/),
    ).toBeInTheDocument();
  });

  it('says the user is not allowed on a 403', async () => {
    const forbidden = Object.assign(new Error('Forbidden'), {
      name: 'ResponseError',
      statusCode: 403,
    });
    render(readinessCard, new FakeReadinessApi({ error: forbidden }));
    expect(await screen.findByText('Not allowed')).toBeInTheDocument();
    expect(
      screen.getByText(
        /You do not have permission to see this model's readiness/,
      ),
    ).toBeInTheDocument();
  });
});

describe('readiness tab', () => {
  it('groups every check by category in checklist order with state, evidence and fact age', async () => {
    render(
      readinessContent,
      new FakeReadinessApi({ scorecards: [FRAUD_SCORECARD] }),
    );
    await waitFor(() =>
      expect(screen.getAllByTestId('check-category').length).toBeGreaterThan(0),
    );
    const sections = screen.getAllByTestId('check-category');
    expect(sections.map(s => s.getAttribute('aria-label'))).toEqual([
      'Ownership & documentation',
      'Testing & quality gates',
      'Deployment & rollback',
      'Monitoring',
    ]);
    const monitoring = within(sections[3]);
    expect(
      monitoring
        .getAllByTestId('check-row')
        .map(r => within(r).getAllByRole('cell')[0].textContent),
    ).toEqual([
      'Drift is monitoreddrift-monitored',
      'SLOs are definedslo-defined',
    ]);
    const drift = monitoring.getByText('Drift is monitored').closest('tr')!;
    expect(within(drift).getByText('Unknown')).toBeInTheDocument();
    expect(
      within(drift).getByText('No repository facts collected yet'),
    ).toBeInTheDocument();
    expect(within(drift).getByText('no facts')).toBeInTheDocument();
    const ownership = within(sections[0]);
    const owner = ownership.getByText('Owner is set').closest('tr')!;
    expect(within(owner).getByText(/ago$/)).toBeInTheDocument();
    expect(screen.getByText('Not applicable')).toBeInTheDocument();
  });

  it('hides the exemption button from users without ml-readiness.exemption.create', async () => {
    render(
      readinessContent,
      new FakeReadinessApi({ scorecards: [FRAUD_SCORECARD] }),
      false,
    );
    await screen.findAllByTestId('check-category');
    expect(
      screen.queryByRole('button', { name: /Grant an exemption/ }),
    ).not.toBeInTheDocument();
  });
});
