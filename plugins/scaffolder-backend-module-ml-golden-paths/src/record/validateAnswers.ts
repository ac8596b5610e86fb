import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { makeValidator } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { JsonValue } from '@backstage/types';

/** What an answer that names a catalog entity must point at. */
export type EntityRefAnswerRule = {
  /** Accepted entity kinds, lower case. */
  kinds: string[];
  /** Required `spec.type` of the entity, if any. */
  specType?: string;
};

/**
 * The answers that name catalog entities. Each, when given, must be a full
 * entity ref (`kind:namespace/name`) of one of the kinds listed, and the
 * entity must exist in the catalog as the task's initiator sees it.
 */
export const ENTITY_REF_ANSWERS: Readonly<Record<string, EntityRefAnswerRule>> =
  {
    owner: { kinds: ['group'] },
    approvers: { kinds: ['group'] },
    system: { kinds: ['system'] },
    dataset: { kinds: ['resource'], specType: 'dataset' },
    onCall: { kinds: ['group', 'user'] },
  };

/**
 * The model name: repository, entity and Kubernetes names derive from it.
 * YAML keywords (`null`, `true`, `false`) are refused: a manifest that writes
 * the name unquoted would read them as something other than a name.
 */
export const NAME_ANSWER_PATTERN =
  /^(?!(null|true|false)$)[a-z][a-z0-9-]{2,40}[a-z0-9]$/;

/** `host?owner=<org>&repo=<name>` as the RepoUrlPicker writes it. */
export const REPO_URL_ANSWER_PATTERN =
  /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?\?(?:owner=[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})&repo=[A-Za-z0-9._-]{1,100}|repo=[A-Za-z0-9._-]{1,100}&owner=[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$/;

/** Longest string answer accepted anywhere. */
export const MAX_ANSWER_LENGTH = 2000;

/** A full entity ref: `kind:namespace/name`. */
const FULL_ENTITY_REF = /^([A-Za-z][A-Za-z0-9]*):([^:/]+)\/([^:/]+)$/;

/**
 * Characters no answer may contain: C0 and C1 controls (line feed, tab, NUL,
 * NEL …), the Unicode line and paragraph separators, bidirectional overrides
 * and the byte-order mark. Each can change how a YAML or text file reads.
 */
const UNSAFE_CHARACTER =
  // eslint-disable-next-line no-control-regex -- finding them is the point
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;

/** A `..` path segment, or an absolute path (POSIX, home or Windows drive). */
const PATH_LIKE = /(^|[/\\])\.\.([/\\]|$)|^(\/|~\/|[a-z]:[/\\])/i;

const entityNames = makeValidator();

type StringAnswer = { field: string; value: string };
type RefAnswer = { field: string; ref: string; rule: EntityRefAnswerRule };

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

function codePoint(char: string): string {
  return `U+${char
    .codePointAt(0)!
    .toString(16)
    .toLocaleUpperCase('en-US')
    .padStart(4, '0')}`;
}

/** Shortens a hostile value for an error message, escaping what is invisible. */
function show(value: string): string {
  const short = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return JSON.stringify(short);
}

function checkString({ field, value }: StringAnswer): string | undefined {
  if (value.length > MAX_ANSWER_LENGTH) {
    return `answers.${field}: is ${value.length} characters long; at most ${MAX_ANSWER_LENGTH} are accepted`;
  }
  const unsafe = UNSAFE_CHARACTER.exec(value);
  if (unsafe) {
    return `answers.${field}: contains the control or line-separator character ${codePoint(
      unsafe[0],
    )}; only printable characters on one line are accepted`;
  }
  if (PATH_LIKE.test(value)) {
    return `answers.${field}: '${value}' looks like a file path; paths are not accepted here`;
  }
  return undefined;
}

function checkRef(
  field: string,
  value: JsonValue | undefined,
  rule: EntityRefAnswerRule,
  refs: RefAnswer[],
): string[] {
  const example = `${rule.kinds[0]}:default/<name>`;
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      checkRef(`${field}[${index}]`, item, rule, refs),
    );
  }
  if (typeof value !== 'string') {
    return [
      `answers.${field}: must be an entity reference like ${example}, got ${typeof value}`,
    ];
  }
  const match = FULL_ENTITY_REF.exec(value);
  if (
    !match ||
    !entityNames.isValidNamespace(match[2]) ||
    !entityNames.isValidEntityName(match[3])
  ) {
    return [
      `answers.${field}: ${show(
        value,
      )} is not an entity reference; expected ${example}`,
    ];
  }
  const kind = match[1].toLocaleLowerCase('en-US');
  if (!rule.kinds.includes(kind)) {
    return [
      `answers.${field}: ${show(value)} is a ${kind}; expected ${rule.kinds
        .map(k => `a ${k}`)
        .join(' or ')} like ${example}`,
    ];
  }
  refs.push({
    field,
    ref: `${kind}:${match[2]}/${match[3]}`.toLocaleLowerCase('en-US'),
    rule,
  });
  return [];
}

/**
 * Validates template answers before anything is recorded or published.
 *
 * - every string answer, at any depth, is at most {@link MAX_ANSWER_LENGTH}
 *   characters, has no control or line-separator characters and is not a
 *   relative (`..`) or absolute path;
 * - `name` matches {@link NAME_ANSWER_PATTERN} and `repoUrl`
 *   {@link REPO_URL_ANSWER_PATTERN};
 * - every answer in {@link ENTITY_REF_ANSWERS} (owner, approvers, system,
 *   dataset, onCall) is a full entity ref of the right kind that exists in
 *   the catalog as the initiator sees it (datasets must be `spec.type:
 *   dataset`).
 *
 * Throws one InputError naming every offending answer.
 */
export async function validateAnswers(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  answers: JsonValue;
}): Promise<void> {
  const { answers } = options;
  const strings: StringAnswer[] = [];
  collectStrings(answers, '', strings);
  const problems = strings
    .map(checkString)
    .filter((problem): problem is string => Boolean(problem));

  const fields =
    answers && typeof answers === 'object' && !Array.isArray(answers)
      ? answers
      : {};
  const name = fields.name;
  if (
    name !== undefined &&
    (typeof name !== 'string' || !NAME_ANSWER_PATTERN.test(name))
  ) {
    problems.push(
      `answers.name: ${show(
        String(name),
      )} must be 4 to 43 lower-case letters, digits and dashes, starting with a letter, and not null, true or false`,
    );
  }
  const repoUrl = fields.repoUrl;
  if (
    repoUrl !== undefined &&
    (typeof repoUrl !== 'string' || !REPO_URL_ANSWER_PATTERN.test(repoUrl))
  ) {
    problems.push(
      `answers.repoUrl: ${show(
        String(repoUrl),
      )} must look like github.com?owner=<org>&repo=<name>`,
    );
  }

  const refs: RefAnswer[] = [];
  for (const [field, rule] of Object.entries(ENTITY_REF_ANSWERS)) {
    if (fields[field] !== undefined) {
      problems.push(...checkRef(field, fields[field], rule, refs));
    }
  }
  if (problems.length > 0) {
    throw new InputError([...new Set(problems)].join('; '));
  }
  if (refs.length === 0) {
    return;
  }

  const { items } = await options.catalog.getEntitiesByRefs(
    {
      entityRefs: refs.map(item => item.ref),
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.type'],
    },
    { credentials: options.credentials },
  );
  refs.forEach(({ field, ref, rule }, index) => {
    const entity = items[index];
    if (!entity) {
      problems.push(`answers.${field}: '${ref}' is not in the catalog`);
    } else if (rule.specType && entity.spec?.type !== rule.specType) {
      problems.push(
        `answers.${field}: '${ref}' is a ${entity.kind} of type '${String(
          entity.spec?.type ?? 'none',
        )}', not a ${rule.specType}`,
      );
    }
  });
  if (problems.length > 0) {
    throw new InputError(problems.join('; '));
  }
}
