import { JsonValue } from '@backstage/types';

/** Keys whose values look like secrets and are never written to the record. */
const SECRET_KEY =
  /(secret|token|passw(or)?d|api[-_]?key|credential|private[-_]?key|^auth$|authorization)/i;

/** The value written in place of anything that looks secret. */
export const REDACTED_VALUE = '[REDACTED]';

/**
 * Returns a copy of the template answers with every value under a
 * secret-looking key (token, password, apiKey, …) replaced by `[REDACTED]`,
 * at any depth.
 */
export function redactAnswers(value: JsonValue): JsonValue {
  if (Array.isArray(value)) {
    return value.map(redactAnswers);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, inner]) => inner !== undefined)
        .map(([key, inner]) => [
          key,
          SECRET_KEY.test(key) ? REDACTED_VALUE : redactAnswers(inner!),
        ]),
    );
  }
  return value;
}
