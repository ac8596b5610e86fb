const REDACTED = '[REDACTED]';

/** Shapes of credentials that must never leave the process, with their replacement. */
const CREDENTIAL_SHAPES: Array<[RegExp, string]> = [
  [/\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, REDACTED],
  [/\bgithub_pat_[A-Za-z0-9_]{20,}\b/g, REDACTED],
  [/\b(authorization:\s*(?:token|bearer|basic))\s+\S+/gi, `$1 ${REDACTED}`],
  [/(\w+:\/\/)[^/@\s]+@/g, `$1${REDACTED}@`],
];

/**
 * Replaces the given secret values, and anything shaped like a GitHub token
 * or like credentials embedded in a URL, with `[REDACTED]`.
 *
 * @public
 */
export function redactSecrets(
  text: string,
  secrets: readonly string[],
): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) {
      result = result.split(secret).join(REDACTED);
    }
  }
  for (const [shape, replacement] of CREDENTIAL_SHAPES) {
    result = result.replace(shape, replacement);
  }
  return result;
}
