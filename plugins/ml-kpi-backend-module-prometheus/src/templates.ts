import { InputError } from '@backstage/errors';

/** Placeholders a PromQL template may use. */
export const TEMPLATE_PLACEHOLDERS = ['model', 'namespace', 'window'] as const;

/** A placeholder of a PromQL template. */
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * Entity names and namespaces substituted into PromQL: the Backstage name
 * alphabet, at most 63 characters. None of these characters can end a PromQL
 * string literal or start a new selector, so a substituted value can only
 * ever be one label value.
 */
const LABEL_VALUE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * Checks a PromQL template from config: it must be non-empty and use only
 * the known placeholders. Throws an InputError naming the config key.
 */
export function validateTemplate(key: string, template: string): void {
  if (!template.trim()) {
    throw new InputError(`${key} must be a non-empty PromQL template`);
  }
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (!(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(match[1])) {
      throw new InputError(
        `${key} uses unknown placeholder {{${match[1]}}}; allowed: ${TEMPLATE_PLACEHOLDERS.map(
          p => `{{${p}}}`,
        ).join(', ')}`,
      );
    }
  }
}

/**
 * Checks an entity value before it goes into a PromQL label matcher and
 * escapes it for a double-quoted PromQL string (the pattern already excludes
 * `"` and `\`; escaping is a second line of defence).
 */
export function toLabelValue(field: string, value: string): string {
  if (!LABEL_VALUE.test(value)) {
    throw new InputError(
      `${field} ${JSON.stringify(value.slice(0, 80))} cannot be used in a PromQL label matcher: it must match ${LABEL_VALUE.source}`,
    );
  }
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** Formats a window in whole minutes as a PromQL duration, e.g. `30d`. */
export function formatWindow(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes <= 0) {
    throw new InputError(`window must be a positive whole number of minutes`);
  }
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/**
 * Fills a validated template. `model` and `namespace` must pass
 * {@link toLabelValue}; `window` comes from config.
 */
export function renderTemplate(
  template: string,
  values: Record<TemplatePlaceholder, string>,
): string {
  return template.replace(PLACEHOLDER, (_, name: TemplatePlaceholder) => {
    const value = values[name];
    if (value === undefined) {
      throw new InputError(`No value for placeholder {{${name}}}`);
    }
    return value;
  });
}
