import { InputError } from '@backstage/errors';

function toRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*' && pattern[i + 1] === '*') {
      if (pattern[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/**
 * Compiles repository path patterns: `docs/` (a folder and everything in
 * it), `Makefile` (one file), `*` (within one folder), `**` (any depth).
 * Throws an InputError naming `field` for absolute paths, `..` or empty
 * patterns. Returns a predicate over repository-relative paths.
 */
export function compilePathPatterns(
  patterns: readonly string[],
  field: string,
): (relativePath: string) => boolean {
  const matchers = patterns.map((raw, index) => {
    const pattern = raw.trim();
    if (
      !pattern ||
      pattern.startsWith('/') ||
      /^[a-z]:/i.test(pattern) ||
      pattern.split('/').includes('..') ||
      pattern.includes('\\') ||
      pattern.includes('\0')
    ) {
      throw new InputError(
        `${field}[${index}]: '${raw}' must be a relative repository path or pattern (no leading '/', no '..')`,
      );
    }
    return pattern.endsWith('/') ? toRegExp(`${pattern}**`) : toRegExp(pattern);
  });
  return relativePath => matchers.some(m => m.test(relativePath));
}
