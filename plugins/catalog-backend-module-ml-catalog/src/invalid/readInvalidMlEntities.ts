import {
  ANNOTATION_LOCATION,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  getMlEntityType,
  InvalidMlEntity,
  InvalidMlEntitiesResponse,
  validateMlEntity,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { Knex } from 'knex';

/** At most this many rows with errors are read per request. */
export const MAX_INVALID_ROWS = 2000;

type RefreshStateRow = {
  entity_ref: string;
  unprocessed_entity: string | null;
  errors: string | null;
};

type StoredError = {
  name?: unknown;
  message?: unknown;
  cause?: { name?: unknown; message?: unknown };
};

function parseJson<T>(value: string | null): T | undefined {
  if (!value) {
    return undefined;
  }
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}

/** The owner as a full ref, resolved the way the catalog resolves it. */
export function ownerRef(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata?.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * The catalog stores "Processor X threw an error while validating the
 * entity …; caused by InputError: Invalid ai-model entity: spec.mlops.tier: …".
 * The cause is what the owner needs; the wrapper is kept when there is none.
 */
function toErrors(stored: StoredError[] | undefined) {
  return (stored ?? []).map(error => {
    const source =
      error.cause && typeof error.cause.message === 'string'
        ? error.cause
        : error;
    return {
      name: typeof source.name === 'string' ? source.name : 'Error',
      message: typeof source.message === 'string' ? source.message : '',
    };
  });
}

/**
 * Reads the ML entities (ai-model, dataset, ml-pipeline, model-server) that
 * the catalog could not process from its `refresh_state` table: the entity
 * as read from its location, and the errors the catalog recorded. Each one
 * is re-validated against the ML contract so the failing fields are listed
 * one by one. `owners` (full refs) keeps only entities owned by one of them.
 */
export async function readInvalidMlEntities(
  knex: Knex,
  options: { owners?: string[] } = {},
): Promise<InvalidMlEntitiesResponse> {
  const rows: RefreshStateRow[] = await knex<RefreshStateRow>('refresh_state')
    .select('entity_ref', 'unprocessed_entity', 'errors')
    .whereNotNull('errors')
    .whereNot('errors', '')
    .whereNot('errors', '[]')
    .where(builder =>
      builder
        .where('entity_ref', 'like', 'resource:%')
        .orWhere('entity_ref', 'like', 'component:%'),
    )
    .orderBy('entity_ref')
    .limit(MAX_INVALID_ROWS + 1);
  const truncated = rows.length > MAX_INVALID_ROWS;
  const owners = options.owners ? new Set(options.owners) : undefined;
  const items: InvalidMlEntity[] = [];
  for (const row of rows.slice(0, MAX_INVALID_ROWS)) {
    const entity = parseJson<Entity>(row.unprocessed_entity);
    const type = entity && getMlEntityType(entity);
    const errors = toErrors(parseJson<StoredError[]>(row.errors));
    if (!entity || !type || errors.length === 0) {
      continue;
    }
    const owner = ownerRef(entity);
    if (owners && (!owner || !owners.has(owner))) {
      continue;
    }
    const validation = validateMlEntity(entity);
    const title = entity.metadata?.title;
    items.push({
      entityRef: row.entity_ref,
      kind: entity.kind,
      type,
      title: typeof title === 'string' ? title : undefined,
      owner,
      location: entity.metadata?.annotations?.[ANNOTATION_LOCATION],
      issues:
        validation && !validation.success
          ? validation.issues.map(issue => ({
              field: issue.path,
              message: issue.message,
            }))
          : [],
      errors,
    });
  }
  return { items, truncated };
}
