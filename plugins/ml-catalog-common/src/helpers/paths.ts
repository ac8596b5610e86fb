const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/**
 * Whether the value starts with a URL scheme such as `https:` or `file:`.
 *
 * @public
 */
export function hasUrlScheme(value: string): boolean {
  return SCHEME.test(value);
}

/**
 * Whether the value is an absolute `http:` or `https:` URL.
 *
 * @public
 */
export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Whether the value is a relative path that stays inside the folder it is
 * resolved against: not empty, no scheme, no leading `/`, no `..` segment, no
 * backslashes and no control characters.
 *
 * @public
 */
export function isSafeRelativePath(value: string): boolean {
  return (
    value.length > 0 &&
    !hasUrlScheme(value) &&
    !value.startsWith('/') &&
    !value.includes('\\') &&
    !CONTROL_CHARACTERS.test(value) &&
    !value.split('/').includes('..')
  );
}
