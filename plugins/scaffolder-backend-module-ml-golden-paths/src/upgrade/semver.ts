import { InputError } from '@backstage/errors';

/** A parsed `major.minor.patch[-prerelease]` version. */
export type SemanticVersion = {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
};

const PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;

/** Whether the text is a semantic version such as `1.10.0`. */
export function isSemanticVersion(text: string): boolean {
  return PATTERN.test(text);
}

/**
 * Parses a semantic version; throws an InputError naming `field` for
 * anything else.
 */
export function parseSemanticVersion(
  text: string,
  field = 'version',
): SemanticVersion {
  const match = PATTERN.exec(text);
  if (!match) {
    throw new InputError(
      `${field}: '${text}' is not a semantic version like 1.2.0`,
    );
  }
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    prerelease: match[4] ? match[4].split('.') : [],
  };
}

function compareIdentifiers(a: string, b: string): number {
  const numericA = /^\d+$/.test(a);
  const numericB = /^\d+$/.test(b);
  if (numericA && numericB) return Number(a) - Number(b);
  if (numericA) return -1;
  if (numericB) return 1;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Compares two semantic versions numerically, part by part (so
 * `1.9.0 < 1.10.0`); a pre-release sorts before its release. Returns a
 * negative number, zero or a positive number.
 */
export function compareVersions(a: string, b: string): number {
  const x = parseSemanticVersion(a);
  const y = parseSemanticVersion(b);
  const core = x.major - y.major || x.minor - y.minor || x.patch - y.patch;
  if (core !== 0) return Math.sign(core);
  if (!x.prerelease.length || !y.prerelease.length) {
    return Math.sign(y.prerelease.length - x.prerelease.length);
  }
  for (let i = 0; i < Math.max(x.prerelease.length, y.prerelease.length); i++) {
    if (x.prerelease[i] === undefined) return -1;
    if (y.prerelease[i] === undefined) return 1;
    const order = compareIdentifiers(x.prerelease[i], y.prerelease[i]);
    if (order !== 0) return Math.sign(order);
  }
  return 0;
}

/** Sorts versions ascending (a new array). */
export function sortVersions(versions: readonly string[]): string[] {
  return [...versions].sort(compareVersions);
}
