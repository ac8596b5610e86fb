import path from 'node:path';
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  CatalogService,
  locationSpecToMetadataName,
} from '@backstage/plugin-catalog-node';

/** How the catalog learned about a local checkout. */
export type LocalRegistration =
  | { method: 'refreshed-config-location'; locationEntityRef: string }
  | { method: 'added-file-location'; locationId: string };

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
 * Makes the catalog read a checked-out `catalog-info.yaml` from local disk.
 * When a configured `file` location already covers it (e.g. a glob over
 * `<root>/checkouts/*\/catalog-info.yaml`), that location is refreshed so
 * the new entities appear within seconds. Otherwise a `file` location is
 * added, which the catalog accepts only when `file` is an allowed location
 * type. Uses the scaffolder's own service credentials.
 */
export async function registerLocalCheckout(options: {
  catalog: CatalogService;
  auth: AuthService;
  config: Config;
  catalogInfoPath: string;
  logger: LoggerService;
}): Promise<LocalRegistration> {
  const { catalog, auth, config, catalogInfoPath, logger } = options;
  const credentials = await auth.getOwnServiceCredentials();
  const covering = findCoveringConfigLocation(config, catalogInfoPath);
  if (covering) {
    const locationEntityRef = `location:default/${locationSpecToMetadataName({
      type: 'file',
      target: covering,
    })}`;
    await catalog.refreshEntity(locationEntityRef, { credentials });
    logger.info(
      `Refreshed catalog location ${covering} so it reads ${catalogInfoPath}`,
    );
    return { method: 'refreshed-config-location', locationEntityRef };
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
      `The catalog cannot read local repositories: add a catalog.locations entry { type: file, target: <mlGoldenPaths.localGit.root>/checkouts/*/catalog-info.yaml } (recommended) or allow 'file' locations in the catalog. Catalog said: ${
        (error as Error).message
      }`,
    );
  }
}
