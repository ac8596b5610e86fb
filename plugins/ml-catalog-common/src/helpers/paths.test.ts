import {
  findUnsafePathPart,
  hasUrlScheme,
  isHttpUrl,
  isSafeRelativePath,
} from './paths';

describe('path helpers', () => {
  it.each([
    'docs/model-card.md',
    './card.md',
    'a/b.c/d.md',
    'runbooks/..x.md',
    'docs/model%20card.md',
  ])('accepts the relative path %s', value =>
    expect(isSafeRelativePath(value)).toBe(true),
  );

  it.each([
    '',
    '../secret.md',
    'docs/../../secret.md',
    '/etc/passwd',
    '//evil.example.com/x',
    'docs\\card.md',
    'docs/\u0000card.md',
    'file:card.md',
    'https://example.com/card.md',
    'C:\\Windows\\win.ini',
    'C:/Windows/win.ini',
    '%2e%2e/secret.md',
    'docs/%2E%2E/%2e%2E/secret.md',
    'docs/%2e./secret.md',
    'docs/.%2E/secret.md',
    'docs/%252e%252e/secret.md',
    'docs/%25252e%25252e/secret.md',
    'docs%2F..%2Fsecret.md',
    'docs/%5c..%5csecret.md',
    'docs/card.md%00.png',
    '%2Fetc%2Fpasswd',
    'docs/%zz.md',
    'https%3A//evil.example.com/x',
  ])('rejects %j as a relative path', value =>
    expect(isSafeRelativePath(value)).toBe(false),
  );

  it('names what is unsafe in a path', () => {
    expect(findUnsafePathPart('/acme/x/blob/main/%2e%2e/y')).toBe(
      'a ".." segment',
    );
    expect(findUnsafePathPart('/a%5cb')).toBe('a backslash');
    expect(findUnsafePathPart('/a%00b')).toBe('a control character');
    expect(findUnsafePathPart('/a%2')).toBe(
      'a malformed or deeply nested percent-encoding',
    );
    expect(findUnsafePathPart('/acme/x/blob/main/docs/card.md')).toBe(
      undefined,
    );
  });

  it('recognises schemes and http(s) URLs', () => {
    expect(hasUrlScheme('HTTPS://x')).toBe(true);
    expect(hasUrlScheme('docs/x.md')).toBe(false);
    expect(isHttpUrl('https://example.com/a')).toBe(true);
    // eslint-disable-next-line no-script-url
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpUrl('docs/x.md')).toBe(false);
  });
});
