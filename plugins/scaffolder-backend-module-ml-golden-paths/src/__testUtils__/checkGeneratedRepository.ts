import fs from 'node:fs';
import path from 'node:path';
import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  KindValidator,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  formatValidationIssues,
  validateMlEntity,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import yaml from 'yaml';

const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

const kindValidators: KindValidator[] = [
  resourceEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  apiEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
];

/**
 * Replaces catalog placeholders (`$text`, `$json`, `$yaml`) with the text of
 * the file they point at, as the catalog does, reporting missing targets.
 */
function resolvePlaceholders(
  value: unknown,
  dir: string,
  problems: string[],
): unknown {
  if (Array.isArray(value)) {
    return value.map(item => resolvePlaceholders(item, dir, problems));
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && /^\$(text|json|yaml)$/.test(entries[0][0])) {
      const target = path.resolve(dir, String(entries[0][1]));
      if (!fs.existsSync(target)) {
        problems.push(
          `catalog-info.yaml: ${entries[0][0]} target ${entries[0][1]} does not exist`,
        );
        return '';
      }
      return fs.readFileSync(target, 'utf8');
    }
    return Object.fromEntries(
      entries.map(([key, inner]) => [
        key,
        resolvePlaceholders(inner, dir, problems),
      ]),
    );
  }
  return value;
}

/** Every file under `dir` as workspace-relative paths, skipping `.git`. */
export function listFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap(entry => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.name === '.git') {
        return [];
      }
      return entry.isDirectory() ? listFiles(dir, relative) : [relative];
    });
}

async function checkEntity(entity: Entity, file: string): Promise<string[]> {
  const problems: string[] = [];
  const label = `${file}: ${entity.kind}:${entity.metadata?.name}`;
  try {
    await policy.enforce(entity);
    const known = await Promise.all(
      kindValidators.map(validator => validator.check(entity)),
    );
    if (!known.some(Boolean) && entity.kind !== 'Location') {
      problems.push(`${label}: no catalog kind validator accepts it`);
    }
  } catch (error) {
    problems.push(`${label}: ${(error as Error).message}`);
  }
  const ml = validateMlEntity(entity);
  if (ml && !ml.success) {
    problems.push(
      `${label}: rejected by the ML entity contract: ${formatValidationIssues(
        ml.issues,
      )}`,
    );
  }
  return problems;
}

/**
 * Checks a generated repository: no unresolved template expressions, every
 * YAML file parses, and every entity in catalog-info.yaml passes the
 * catalog's validators and our ML entity contract. Returns the problems and
 * the entities found.
 */
export async function checkGeneratedRepository(
  dir: string,
): Promise<{ problems: string[]; entities: Entity[] }> {
  const problems: string[] = [];
  const entities: Entity[] = [];
  for (const file of listFiles(dir)) {
    const content = fs.readFileSync(path.join(dir, file));
    if (content.includes(0)) {
      continue; // binary
    }
    const text = content.toString('utf8');
    // GitHub workflow files legitimately contain `${{ … }}` expressions.
    if (!file.startsWith('.github/') && text.includes('${{')) {
      problems.push(`${file}: contains an unresolved \${{ expression`);
    }
    if (/\$\{\{\s*(values|parameters)\b/.test(text)) {
      problems.push(`${file}: contains an unresolved template value`);
    }
    if (/\.ya?ml$/.test(file)) {
      const documents = yaml.parseAllDocuments(text);
      for (const document of documents) {
        for (const error of document.errors) {
          problems.push(`${file}: invalid YAML: ${error.message}`);
        }
      }
      if (file === 'catalog-info.yaml') {
        for (const document of documents) {
          const entity = resolvePlaceholders(
            document.toJS(),
            dir,
            problems,
          ) as Entity | null;
          if (entity) {
            entities.push(entity);
            problems.push(...(await checkEntity(entity, file)));
          }
        }
      }
    }
  }
  if (entities.length === 0) {
    problems.push('catalog-info.yaml: missing or without entities');
  }
  return { problems, entities };
}
