import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { mlReadinessApiRef } from '../../api/MlReadinessApi';
import { readinessContent } from '../../plugin';
import {
  FRAUD_MODEL,
  FRAUD_SCORECARD,
  FakeReadinessApi,
} from '../../testing/fixtures';

// In its own file: usePermission caches decisions per permission for the
// whole module, so a denied check in another test would leak in here.

function render(api: FakeReadinessApi, allow: boolean) {
  return renderTestApp({
    extensions: [
      createTestEntityPage({ entity: FRAUD_MODEL }),
      readinessContent,
    ],
    apis: [
      [mlReadinessApiRef, api],
      mockApis.permission({
        authorize: allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      }),
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('readiness tab exemptions', () => {
  it('lets a permitted user grant an exemption for a failing check', async () => {
    const api = new FakeReadinessApi({ scorecards: [FRAUD_SCORECARD] });
    render(api, true);
    const user = userEvent.setup();
    const buttons = await screen.findAllByRole('button', {
      name: /Grant an exemption from/,
    });
    // Only the failing and the unknown check can be exempted.
    expect(buttons.map(b => b.getAttribute('aria-label'))).toEqual([
      'Grant an exemption from Runbook is linked',
      'Grant an exemption from Drift is monitored',
    ]);
    await user.click(buttons[0]);
    const dialog = await screen.findByRole('dialog');
    await user.type(
      within(dialog).getByLabelText(/Reason/),
      'Runbook is being rewritten',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Grant exemption' }),
    );
    // Missing compensating control: named, nothing sent.
    expect(
      await within(dialog).findByText(
        /must name the control that covers the risk/,
      ),
    ).toBeInTheDocument();
    expect(api.created).toHaveLength(0);
    await user.type(
      within(dialog).getByLabelText(/Compensating control/),
      'On-call pairs with the owner',
    );
    await user.clear(within(dialog).getByLabelText(/Approver/));
    await user.type(
      within(dialog).getByLabelText(/Approver/),
      'user:default/dana',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Grant exemption' }),
    );
    await waitFor(() => expect(api.created).toHaveLength(1));
    expect(api.created[0]).toMatchObject({
      entityRef: 'resource:default/fraud-scoring',
      checkId: 'runbook-linked',
      reason: 'Runbook is being rewritten',
      compensatingControl: 'On-call pairs with the owner',
      approver: 'user:default/dana',
    });
    expect(
      await screen.findByText(/Exemption from runbook-linked granted until/),
    ).toBeInTheDocument();
  });
});
