import path from 'node:path';
import { ANNOTATION_LOCATION, Entity } from '@backstage/catalog-model';

/** Local-git repository names, as the scaffolder's publish action allows them. */
const NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The local-git repository an entity was read from: its
 * `backstage.io/managed-by-location` is `file:<checkoutsDir>/<name>/…`.
 * Undefined for any other location, including paths that leave the
 * checkouts folder once normalised.
 */
export function locateCheckout(
  entity: Entity,
  checkoutsDir: string,
): string | undefined {
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  if (!location?.startsWith('file:')) {
    return undefined;
  }
  const target = location.slice('file:'.length);
  if (!path.isAbsolute(target)) {
    return undefined;
  }
  const relative = path.relative(checkoutsDir, path.resolve(target));
  const [name, ...rest] = relative.split(path.sep);
  if (
    relative.startsWith('..') ||
    path.isAbsolute(relative) ||
    rest.length === 0 ||
    !NAME_PATTERN.test(name)
  ) {
    return undefined;
  }
  return name;
}
