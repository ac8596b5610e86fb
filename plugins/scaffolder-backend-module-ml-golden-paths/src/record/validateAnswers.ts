import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { JsonValue } from '@backstage/types';

/** Full entity refs of the kinds template answers point at, e.g. `group:default/risk-ml`. */
const ENTITY_REF =
  /^(group|user|system|domain|resource|component|api):[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*$/i;

/** A `..` path segment, or an absolute path (POSIX, home or Windows drive). */
const PATH_LIKE = /(^|[/\\])\.\.([/\\]|$)|^(\/|~\/|[a-z]:[/\\])/i;

type StringAnswer = { field: string; value: string };

function collectStrings(
  value: JsonValue | undefined,
  at: string,
  found: StringAnswer[],
) {
  if (typeof value === 'string') {
    found.push({ field: at, value });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) =>
      collectStrings(item, `${at}[${index}]`, found),
    );
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      collectStrings(inner, at ? `${at}.${key}` : key, found);
    }
  }
}

/**
 * Validates template answers before anything is recorded or published:
 * no answer may be a relative (`..`) or absolute path, and every full entity
 * ref among them (owner, system, dataset, approvers, …) must name an entity
 * in the catalog. Throws an InputError naming each offending answer.
 */
export async function validateAnswers(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  answers: JsonValue;
}): Promise<void> {
  const strings: StringAnswer[] = [];
  collectStrings(options.answers, '', strings);
  const paths = strings.filter(({ value }) => PATH_LIKE.test(value));
  if (paths.length > 0) {
    throw new InputError(
      paths
        .map(
          ({ field, value }) =>
            `answers.${field}: '${value}' looks like a file path; paths are not accepted here`,
        )
        .join('; '),
    );
  }
  const refs = strings
    .filter(({ value }) => ENTITY_REF.test(value))
    .map(({ field, value }) => ({
      field,
      ref: value.toLocaleLowerCase('en-US'),
    }));
  if (refs.length === 0) {
    return;
  }
  const { items } = await options.catalog.getEntitiesByRefs(
    {
      entityRefs: refs.map(item => item.ref),
      fields: ['kind', 'metadata.name'],
    },
    { credentials: options.credentials },
  );
  const missing = refs.filter((_, index) => !items[index]);
  if (missing.length > 0) {
    throw new InputError(
      missing
        .map(
          ({ field, ref }) =>
            `answers.${field}: '${ref}' is not in the catalog`,
        )
        .join('; '),
    );
  }
}
