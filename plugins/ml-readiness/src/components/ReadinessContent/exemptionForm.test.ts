import { dateInDays, toExemptionRequest } from './exemptionForm';

const now = Date.parse('2026-11-29T12:00:00Z');
const valid = {
  reason: 'Runbook is being rewritten',
  compensatingControl: 'On-call pairs with the owner',
  approver: 'dana',
  expiresOn: '2026-12-31',
};

describe('toExemptionRequest', () => {
  it('builds the request with a full approver ref and the end of the expiry day', () => {
    expect(
      toExemptionRequest('resource:default/m', 'runbook-linked', valid, now),
    ).toEqual({
      success: true,
      request: {
        entityRef: 'resource:default/m',
        checkId: 'runbook-linked',
        reason: 'Runbook is being rewritten',
        compensatingControl: 'On-call pairs with the owner',
        approver: 'user:default/dana',
        expiresAt: '2026-12-31T23:59:59.000Z',
      },
    });
  });

  it('caps the last allowed day at exactly 90 days', () => {
    const result = toExemptionRequest(
      'resource:default/m',
      'c',
      {
        ...valid,
        expiresOn: dateInDays(90, now),
      },
      now,
    );
    expect(result).toMatchObject({
      success: true,
      request: { expiresAt: new Date(now + 90 * 86_400_000).toISOString() },
    });
  });

  it.each([
    [{ reason: 'short' }, 'reason', /at least 10/],
    [{ compensatingControl: '' }, 'compensatingControl', /control/],
    [{ approver: 'group:default/risk-ml' }, 'approver', /must be a user/],
    [{ approver: 'user:' }, 'approver', /must be a user/],
    [{ expiresOn: '2026-11-28' }, 'expiresOn', /future/],
    [{ expiresOn: dateInDays(91, now) }, 'expiresOn', /at most 90 days/],
    [{ expiresOn: 'soon' }, 'expiresOn', /must be a date/],
  ])('refuses %j naming the field', (patch, field, message) => {
    const result = toExemptionRequest(
      'resource:default/m',
      'c',
      { ...valid, ...patch },
      now,
    );
    expect(result).toMatchObject({ success: false, field });
    expect(result.success === false && result.message).toMatch(message);
  });
});
