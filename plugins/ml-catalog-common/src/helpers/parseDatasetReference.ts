import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';

/**
 * Shape of a model version's `dataset` field: `[kind:][namespace/]name[@snapshot]`.
 *
 * @public
 */
export const DATASET_REFERENCE_PATTERN =
  /^(?:[a-zA-Z][\w-]*:)?(?:[a-z0-9][\w.-]*\/)?[a-zA-Z0-9][\w.-]*(?:@[\w.:+-]+)?$/;

/**
 * A dataset named by a model version: the dataset entity and, optionally, the
 * snapshot that was used.
 *
 * @public
 */
export interface DatasetReference {
  ref: CompoundEntityRef;
  snapshot?: string;
}

/**
 * Parses a model version's `dataset` field, `<entity ref>[@<snapshot>]`, e.g.
 * `card-transactions@2026-09-30` → `resource:default/card-transactions` and
 * snapshot `2026-09-30`. The kind defaults to `resource`. Returns `undefined`
 * when the value is not a valid reference.
 *
 * @public
 */
export function parseDatasetReference(
  value: string,
  defaultNamespace = 'default',
): DatasetReference | undefined {
  if (!DATASET_REFERENCE_PATTERN.test(value)) {
    return undefined;
  }
  const at = value.indexOf('@');
  const refText = at >= 0 ? value.slice(0, at) : value;
  const snapshot = at >= 0 ? value.slice(at + 1) : undefined;
  try {
    const ref = parseEntityRef(refText, {
      defaultKind: 'resource',
      defaultNamespace,
    });
    return snapshot ? { ref, snapshot } : { ref };
  } catch {
    return undefined;
  }
}
