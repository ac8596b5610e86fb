import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import yaml from 'yaml';
import { z } from 'zod';

const entitySchema = z.object({
  kind: z.string().min(1),
  metadata: z.object({
    name: z.string().min(1),
    namespace: z.string().min(1).optional(),
  }),
  spec: z.record(z.unknown()).optional(),
});

/** The entities of a catalog-info file, reduced to what is checked. */
export type CatalogInfoEntities = {
  /** Ref of the main entity: the `ai-model` resource, else the first. */
  mainEntityRef: string;
  /** Every entity's ref with its `spec.owner` (normalised), if any. */
  entities: Array<{ ref: string; owner?: string }>;
};

function normaliseOwner(owner: string, namespace: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: namespace,
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * Parses a catalog-info file as read from the repository. Throws an
 * InputError naming `file` when it is not YAML or holds a document that is
 * not an entity (kind and metadata.name).
 */
export function parseCatalogInfo(
  text: string,
  file: string,
): CatalogInfoEntities {
  const documents = yaml.parseAllDocuments(text);
  const entities: CatalogInfoEntities['entities'] = [];
  let modelRef: string | undefined;
  for (const [index, document] of documents.entries()) {
    if (document.errors.length > 0) {
      throw new InputError(
        `${file}: document ${index + 1} is not valid YAML: ${document.errors[0].message}`,
      );
    }
    const value = document.toJS();
    if (value === null || value === undefined) {
      continue;
    }
    const parsed = entitySchema.safeParse(value);
    if (!parsed.success) {
      throw new InputError(
        `${file}: document ${index + 1} is not an entity with kind and metadata.name`,
      );
    }
    const entity = parsed.data;
    const namespace = entity.metadata.namespace ?? 'default';
    const ref = stringifyEntityRef({
      kind: entity.kind,
      namespace,
      name: entity.metadata.name,
    });
    const owner = entity.spec?.owner;
    entities.push({
      ref,
      owner:
        typeof owner === 'string'
          ? normaliseOwner(owner, namespace)
          : undefined,
    });
    if (entity.spec?.type === 'ai-model' && !modelRef) {
      modelRef = ref;
    }
  }
  const mainEntityRef = modelRef ?? entities[0]?.ref;
  if (!mainEntityRef) {
    throw new InputError(`${file}: contains no entity`);
  }
  return { mainEntityRef, entities };
}

/**
 * Checks that every entity of a catalog-info file is owned by the task's
 * `owner` answer. Returns the reasons for a refusal (empty when all match).
 */
export function checkCatalogInfoOwner(options: {
  file: string;
  catalogInfo: CatalogInfoEntities;
  ownerAnswer: unknown;
}): string[] {
  const { file, catalogInfo, ownerAnswer } = options;
  const expected =
    typeof ownerAnswer === 'string'
      ? normaliseOwner(ownerAnswer, 'default')
      : undefined;
  if (!expected) {
    return [
      `the task has no valid 'owner' answer to compare the owners in ${file} with`,
    ];
  }
  return catalogInfo.entities
    .filter(entity => entity.owner !== expected)
    .map(entity =>
      entity.owner
        ? `${entity.ref} in ${file} is owned by ${entity.owner}, not by the task's owner ${expected}`
        : `${entity.ref} in ${file} names no valid spec.owner (the task's owner is ${expected})`,
    );
}
