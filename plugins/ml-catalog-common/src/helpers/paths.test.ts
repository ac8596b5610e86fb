import { hasUrlScheme, isHttpUrl, isSafeRelativePath } from './paths';

describe('path helpers', () => {
  it.each(['docs/model-card.md', './card.md', 'a/b.c/d.md', 'runbooks/..x.md'])(
    'accepts the relative path %s',
    value => expect(isSafeRelativePath(value)).toBe(true),
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
  ])('rejects %j as a relative path', value =>
    expect(isSafeRelativePath(value)).toBe(false),
  );

  it('recognises schemes and http(s) URLs', () => {
    expect(hasUrlScheme('HTTPS://x')).toBe(true);
    expect(hasUrlScheme('docs/x.md')).toBe(false);
    expect(isHttpUrl('https://example.com/a')).toBe(true);
    // eslint-disable-next-line no-script-url
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpUrl('docs/x.md')).toBe(false);
  });
});
