import path from 'node:path';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  LocationSpec,
  locationSpecToLocationEntity,
} from '@backstage/plugin-catalog-node';
import { CHECKOUTS_FOLDER } from './LocalGitRepositories';

/**
 * The catalog location that covers every local checkout:
 * `<root>/checkouts/*\/catalog-info.yaml`, optional so an empty root is not
 * an error.
 */
export function localGitCatalogLocation(root: string): LocationSpec {
  return {
    type: 'file',
    target: path.join(root, CHECKOUTS_FOLDER, '*', 'catalog-info.yaml'),
    presence: 'optional',
  };
}

/** The Location entity for {@link localGitCatalogLocation}. */
export function localGitLocationEntity(root: string) {
  return locationSpecToLocationEntity({
    location: localGitCatalogLocation(root),
  });
}

/** The ref of the Location entity that covers every local checkout. */
export function localGitLocationEntityRef(root: string): string {
  return stringifyEntityRef(localGitLocationEntity(root));
}
