import { redactSecrets } from './redactSecrets';

describe('redactSecrets', () => {
  it('removes known secrets and anything shaped like GitHub credentials', () => {
    const text = [
      'token my-config-token-value in use',
      'pat ghp_0123456789abcdefghijABCDEFGHIJ0123',
      'fine-grained github_pat_11ABCDEFG0123456789_abcdefghijklmnop',
      'authorization: token abc123def',
      'clone https://x-access-token:ghs_secretvalue@github.com/acme/repo.git',
    ].join('\n');
    const redacted = redactSecrets(text, ['my-config-token-value']);
    expect(redacted).not.toMatch(
      /my-config-token-value|ghp_0123|github_pat_11|abc123def|ghs_secretvalue/,
    );
    expect(redacted).toContain('https://[REDACTED]@github.com/acme/repo.git');
    expect(redacted).toContain('authorization: token [REDACTED]');
  });

  it('leaves ordinary text alone', () => {
    expect(redactSecrets('protect branch main of acme/fraud', [])).toBe(
      'protect branch main of acme/fraud',
    );
  });
});
