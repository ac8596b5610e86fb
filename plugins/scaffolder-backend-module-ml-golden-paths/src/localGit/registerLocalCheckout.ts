import path from 'node:path';
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  CatalogService,
  locationSpecToMetadataName,
} from '@backstage/plugin-catalog-node';
import {
  localGitCatalogLocation,
  localGitLocationEntityRef,
} from './localGitCatalogLocation';

/** How the catalog learned about a local checkout. */
export type LocalRegistration =
  | { method: 'refreshed-location'; locationEntityRef: string }
  | { method: 'added-file-location'; locationId: string };

function isNotFound(error: unknown): boolean {
  const e = error as {
    name?: string;
    statusCode?: number;
    cause?: { name?: string };
  };
  return (
    e?.name === 'NotFoundError' ||
    e?.statusCode === 404 ||
    e?.cause?.name === 'NotFoundError'
  );
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .split('**')
    .map(part =>
      part
        .split('*')
        .map(piece => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${escaped}$`);
}

/**
 * Finds a `file` location in `catalog.locations` whose target (a path or a
 * glob, resolved against the working directory like the catalog does)
 * covers the given file.
 */
export function findCoveringConfigLocation(
  config: Config,
  file: string,
  cwd: string = process.cwd(),
): string | undefined {
  for (const location of config.getOptionalConfigArray('catalog.locations') ??
    []) {
    if (location.getOptionalString('type') !== 'file') {
      continue;
    }
    const target = path.resolve(cwd, location.getString('target'));
    if (target === file || globToRegExp(target).test(file)) {
      return target;
    }
  }
  return undefined;
}

/**
 * Makes the catalog read a checked-out `catalog-info.yaml` from local disk,
 * trying in turn: the Location entity of {@link LocalGitLocationProvider}
 * (the catalog module of this package) or a `catalog.locations` entry that
 * covers the file — refreshed so the new entities appear within seconds —
 * and finally adding a `file` location, which the catalog accepts only when
 * `file` is an allowed location type. Uses the scaffolder's own credentials.
 */
export async function registerLocalCheckout(options: {
  catalog: CatalogService;
  auth: AuthService;
  config: Config;
  root: string;
  catalogInfoPath: string;
  logger: LoggerService;
}): Promise<LocalRegistration> {
  const { catalog, auth, config, root, catalogInfoPath, logger } = options;
  const credentials = await auth.getOwnServiceCredentials();
  const candidates = [localGitLocationEntityRef(root)];
  const covering = findCoveringConfigLocation(config, catalogInfoPath);
  if (covering && covering !== localGitCatalogLocation(root).target) {
    candidates.push(
      `location:default/${locationSpecToMetadataName({
        type: 'file',
        target: covering,
      })}`,
    );
  }
  for (const locationEntityRef of candidates) {
    try {
      await catalog.refreshEntity(locationEntityRef, { credentials });
      logger.info(
        `Refreshed catalog location ${locationEntityRef} so it reads ${catalogInfoPath}`,
      );
      return { method: 'refreshed-location', locationEntityRef };
    } catch (error) {
      if (!isNotFound(error)) {
        throw error;
      }
    }
  }
  try {
    const { location } = await catalog.addLocation(
      { type: 'file', target: catalogInfoPath },
      { credentials },
    );
    logger.info(`Registered catalog location file:${catalogInfoPath}`);
    return { method: 'added-file-location', locationId: location.id };
  } catch (error) {
    throw new InputError(
      `The catalog cannot read local repositories: install this package's catalog module (the default export adds it), or add a catalog.locations entry { type: file, target: <mlGoldenPaths.localGit.root>/checkouts/*/catalog-info.yaml }, or allow 'file' locations in the catalog. Catalog said: ${
        (error as Error).message
      }`,
    );
  }
}
