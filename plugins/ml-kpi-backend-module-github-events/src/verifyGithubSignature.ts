import { createHmac, timingSafeEqual } from 'node:crypto';

/** Outcome of checking a GitHub webhook delivery's signature. */
export type GithubSignatureCheck =
  { ok: true } | { ok: false; status: number; message: string };

/**
 * Checks the `x-hub-signature-256` header of a GitHub webhook delivery against
 * an HMAC-SHA256 of the raw body with the shared secret, in constant time.
 * The messages name the problem but never include the secret or the expected
 * signature.
 */
export function verifyGithubSignature(options: {
  secret: string;
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
}): GithubSignatureCheck {
  const { secret, rawBody, headers } = options;
  const event = headers['x-github-event'];
  if (typeof event !== 'string' || event.length === 0) {
    return {
      ok: false,
      status: 400,
      message: 'Missing x-github-event header; this is not a GitHub webhook',
    };
  }
  const header = headers['x-hub-signature-256'];
  if (typeof header !== 'string') {
    return {
      ok: false,
      status: 401,
      message:
        'Missing x-hub-signature-256 header; configure the webhook with a secret',
    };
  }
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header);
  if (!match) {
    return {
      ok: false,
      status: 401,
      message: 'Malformed x-hub-signature-256 header; expected sha256=<hex>',
    };
  }
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(match[1], 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      ok: false,
      status: 401,
      message: 'Signature does not match the configured webhook secret',
    };
  }
  return { ok: true };
}
