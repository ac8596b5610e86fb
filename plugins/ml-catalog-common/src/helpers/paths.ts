const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
/** How often a value is percent-decoded when looking for hidden segments. */
const MAX_DECODE_ROUNDS = 4;

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
 * The value and every form it takes when percent-decoded again and again
 * (`%252e` → `%2e` → `.`), or `undefined` when an escape is malformed or the
 * value is still encoded after several rounds.
 */
function decodedForms(value: string): string[] | undefined {
  const forms = [value];
  let current = value;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) {
      return forms;
    }
    forms.push(next);
    current = next;
  }
  return undefined;
}

/**
 * Why a path (a relative path, or the path part of a URL) could leave the
 * folder it is resolved against, or `undefined` when it cannot: a `..`
 * segment, a backslash or a control character (NUL included) — also when
 * hidden by percent-encoding, single or repeated (`%2e%2e`, `%2E.`,
 * `%252e%252e`, `%5c`, `%00`) — or a malformed escape.
 *
 * @public
 */
export function findUnsafePathPart(value: string): string | undefined {
  const forms = decodedForms(value);
  if (!forms) {
    return 'a malformed or deeply nested percent-encoding';
  }
  for (const form of forms) {
    if (form.includes('\\')) {
      return 'a backslash';
    }
    if (CONTROL_CHARACTERS.test(form)) {
      return 'a control character';
    }
    if (form.split('/').includes('..')) {
      return 'a ".." segment';
    }
  }
  return undefined;
}

/**
 * Whether the value is a relative path that stays inside the folder it is
 * resolved against: not empty, no scheme, no leading `/`, and nothing
 * {@link findUnsafePathPart} finds (`..` segments, backslashes, control
 * characters, also percent-encoded).
 *
 * @public
 */
export function isSafeRelativePath(value: string): boolean {
  if (value.length === 0 || hasUrlScheme(value)) {
    return false;
  }
  const forms = decodedForms(value);
  return (
    forms !== undefined &&
    forms.every(form => !form.startsWith('/') && !hasUrlScheme(form)) &&
    findUnsafePathPart(value) === undefined
  );
}
