import { createHmac } from 'node:crypto';
import { verifyGithubSignature } from './verifyGithubSignature';

const secret = 'canary-webhook-secret-6f1d';
const rawBody = Buffer.from(JSON.stringify({ action: 'completed' }));
const signature = `sha256=${createHmac('sha256', secret)
  .update(rawBody)
  .digest('hex')}`;

describe('verifyGithubSignature', () => {
  it('accepts a delivery signed with the secret', () => {
    expect(
      verifyGithubSignature({
        secret,
        rawBody,
        headers: {
          'x-github-event': 'workflow_run',
          'x-hub-signature-256': signature,
        },
      }),
    ).toEqual({ ok: true });
  });

  it('rejects a body that was changed after signing', () => {
    const result = verifyGithubSignature({
      secret,
      rawBody: Buffer.from('{"action":"requested"}'),
      headers: {
        'x-github-event': 'workflow_run',
        'x-hub-signature-256': signature,
      },
    });
    expect(result).toEqual({
      ok: false,
      status: 401,
      message: 'Signature does not match the configured webhook secret',
    });
  });

  it.each([
    [{}, 400, /x-github-event/],
    [{ 'x-github-event': 'push' }, 401, /Missing x-hub-signature-256/],
    [
      { 'x-github-event': 'push', 'x-hub-signature-256': 'sha1=abc' },
      401,
      /Malformed/,
    ],
  ])('names the problem with headers %j', (headers, status, message) => {
    const result = verifyGithubSignature({ secret, rawBody, headers });
    expect(result).toEqual({
      ok: false,
      status,
      message: expect.stringMatching(message),
    });
    expect(JSON.stringify(result)).not.toContain(secret);
  });
});
