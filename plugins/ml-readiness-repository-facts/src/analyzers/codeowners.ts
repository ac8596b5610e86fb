/** Where GitHub looks for CODEOWNERS, in its order of precedence. */
export const CODEOWNERS_PATHS = [
  '.github/CODEOWNERS',
  'CODEOWNERS',
  'docs/CODEOWNERS',
];

/**
 * The owners a CODEOWNERS file names (`@user`, `@org/team` or an e-mail
 * address), unique and sorted. Comments and patterns are skipped.
 */
export function parseCodeowners(text: string): string[] {
  const owners = new Set<string>();
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/(^|\s)#.*$/, '').trim();
    if (!line) {
      continue;
    }
    const [, ...rest] = line.split(/\s+/);
    for (const owner of rest) {
      if (
        /^@[\w.-]+(\/[\w.-]+)?$/.test(owner) ||
        /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(owner)
      ) {
        owners.add(owner);
      }
    }
  }
  return [...owners].sort();
}
