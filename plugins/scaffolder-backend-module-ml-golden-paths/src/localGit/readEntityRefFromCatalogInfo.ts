import fs from 'node:fs/promises';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import yaml from 'yaml';
import { z } from 'zod';

const entityHeadSchema = z.object({
  kind: z.string().min(1),
  metadata: z.object({
    name: z.string().min(1),
    namespace: z.string().min(1).optional(),
  }),
  spec: z.object({ type: z.string().optional() }).passthrough().optional(),
});

/**
 * Reads a catalog-info file and returns the ref of its main entity: the
 * `ai-model` resource when there is one, otherwise the first entity.
 * Throws an InputError naming `field` when the file is missing or invalid.
 */
export async function readEntityRefFromCatalogInfo(
  file: string,
  field: string,
): Promise<string> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new InputError(
      `${field}: the published folder has no catalog file at ${file}`,
    );
  }
  const entities = yaml
    .parseAllDocuments(text)
    .map(document => entityHeadSchema.safeParse(document.toJS()))
    .flatMap(result => (result.success ? [result.data] : []));
  const main =
    entities.find(entity => entity.spec?.type === 'ai-model') ?? entities[0];
  if (!main) {
    throw new InputError(
      `${field}: ${file} contains no entity with kind and metadata.name`,
    );
  }
  return stringifyEntityRef({
    kind: main.kind,
    namespace: main.metadata.namespace ?? 'default',
    name: main.metadata.name,
  });
}
