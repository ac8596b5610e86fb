import path from 'node:path';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  MODEL_DOCUMENT_FIELDS,
  ModelDocumentName,
  findUnsafePathPart,
  hasUrlScheme,
  isHttpUrl,
  isSafeRelativePath,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { UnreadableDocumentError } from './errors';
import {
  RepositoryId,
  formatRepository,
  rawUrlPath,
  repositoryOf,
  sameRepository,
} from './repository';
import { redactUrl } from './readUrlDocument';

/** Where a document is read from. */
export type DocumentLocation =
  | { type: 'url'; url: string }
  | {
      type: 'file';
      /** Folder of the entity's `file:` location (the repository checkout). */
      directory: string;
      /** Path inside that folder, as written in the entity. */
      relativePath: string;
    };

/** A document named by an entity field, and where to read it. */
export type LocatedDocument = {
  /** The field, e.g. `spec.mlops.modelCard`. */
  field: string;
  /** The field's value. */
  value: string;
  location: DocumentLocation;
};

type LocationRef = { type: string; target: string };

function readLocationAnnotation(
  entity: Entity,
  annotation: string,
): LocationRef | undefined {
  const value = entity.metadata.annotations?.[annotation];
  if (!value) {
    return undefined;
  }
  try {
    return parseLocationRef(value);
  } catch {
    throw new UnreadableDocumentError(
      `The entity's ${annotation} annotation is not a valid location reference`,
    );
  }
}

/** The http(s) target of a `url:` location, else undefined. */
const urlTarget = (ref: LocationRef | undefined): string | undefined =>
  ref?.type === 'url' && isHttpUrl(ref.target) ? ref.target : undefined;

/**
 * The repository whose files may be read for the entity with the portal's
 * credentials, and how it was found (for messages).
 *
 * - Registered from a `url:` location: the repository of that location. The
 *   catalog sets `backstage.io/managed-by-location` itself, so the entity's
 *   author cannot point it elsewhere; a `backstage.io/source-location` in
 *   another repository does not widen the scope.
 * - Registered from a `file:` location (the operator's config, or a checkout
 *   the golden paths' local git destination created): the repository of its
 *   `url:` source location, if any.
 */
function documentScope(
  managedBy: LocationRef | undefined,
  source: LocationRef | undefined,
): { repository: RepositoryId; origin: string } | undefined {
  const managedByUrl = urlTarget(managedBy);
  if (managedByUrl) {
    const repository = repositoryOf(managedByUrl);
    return repository
      ? { repository, origin: 'the repository it was registered from' }
      : undefined;
  }
  const sourceUrl = urlTarget(source);
  if (managedBy?.type === 'file' && sourceUrl) {
    const repository = repositoryOf(sourceUrl);
    return repository
      ? { repository, origin: `its ${ANNOTATION_SOURCE_LOCATION}` }
      : undefined;
  }
  return undefined;
}

/**
 * The source location as a folder URL. A GitHub repository root
 * (`https://github.com/acme/fraud`) becomes its default-branch tree
 * (`…/tree/HEAD/`), which the GitHub UrlReader understands.
 */
export function sourceFolderUrl(
  target: string,
  integrations: ScmIntegrationRegistry,
): string {
  const url = new URL(target);
  const segments = url.pathname.split('/').filter(Boolean);
  if (integrations.github.byUrl(url) && segments.length === 2) {
    url.pathname = `/${segments.join('/')}/tree/HEAD/`;
  } else if (!url.pathname.endsWith('/')) {
    url.pathname = `${url.pathname}/`;
  }
  return url.toString();
}

function resolveRelative(
  field: string,
  value: string,
  managedBy: LocationRef | undefined,
  source: LocationRef | undefined,
  integrations: ScmIntegrationRegistry,
): DocumentLocation {
  const sourceUrl = urlTarget(source);
  if (sourceUrl) {
    const base = sourceFolderUrl(sourceUrl, integrations);
    return { type: 'url', url: new URL(value, base).toString() };
  }
  const managedByUrl = urlTarget(managedBy);
  if (managedByUrl) {
    return { type: 'url', url: new URL(value, managedByUrl).toString() };
  }
  if (managedBy?.type === 'file') {
    return {
      type: 'file',
      directory: path.dirname(managedBy.target),
      relativePath: value,
    };
  }
  throw new UnreadableDocumentError(
    `${field} is a relative path, but the entity has neither a url: ${ANNOTATION_SOURCE_LOCATION} nor a file: ${ANNOTATION_LOCATION} to resolve it against`,
  );
}

/** Refuses a URL that is not inside the entity's repository. */
function confineToScope(
  field: string,
  url: string,
  scope: ReturnType<typeof documentScope>,
): string {
  if (!scope) {
    throw new UnreadableDocumentError(
      `${field} (${redactUrl(url)}) is a URL, but the entity was not registered from a repository location, so no URL is read for it`,
    );
  }
  const repository = repositoryOf(url);
  if (!repository || !sameRepository(repository, scope.repository)) {
    throw new InputError(
      `${field} (${redactUrl(url)}) is outside the entity's repository ${formatRepository(
        scope.repository,
      )} (${scope.origin}); only documents in that repository are read`,
    );
  }
  return url;
}

/**
 * Finds the document an entity names in `spec.mlops.<field>`: an http(s) URL
 * or a safe relative path resolved against the entity's
 * `backstage.io/source-location` (url, treated as a folder) or its
 * managed-by location (`url:` or `file:`). Every URL must lie in the entity's
 * own repository (see {@link documentScope}), compared after normalisation.
 *
 * Throws NotFoundError when the field is absent; InputError (400, naming the
 * field) when the value is unsafe — `..` or backslashes (also
 * percent-encoded, once or repeatedly), control characters, absolute paths,
 * credentials — or points outside the repository; UnreadableDocumentError
 * (422) when it cannot be resolved.
 */
export function locateDocument(
  entity: Entity,
  document: ModelDocumentName,
  integrations: ScmIntegrationRegistry,
): LocatedDocument {
  const key = MODEL_DOCUMENT_FIELDS[document];
  const field = `spec.mlops.${key}`;
  const mlops = entity.spec?.mlops as Record<string, unknown> | undefined;
  const value = mlops?.[key];
  if (value === undefined || value === '') {
    throw new NotFoundError(`The entity has no ${field}`);
  }
  if (typeof value !== 'string') {
    throw new InputError(`${field} must be a string`);
  }
  const managedBy = readLocationAnnotation(entity, ANNOTATION_LOCATION);
  const source = readLocationAnnotation(entity, ANNOTATION_SOURCE_LOCATION);
  const scope = documentScope(managedBy, source);

  if (hasUrlScheme(value)) {
    if (!isHttpUrl(value)) {
      throw new InputError(
        `${field} must be an http(s) URL in the entity's repository or a relative path`,
      );
    }
    const unsafe = value.includes('\\')
      ? 'a backslash'
      : findUnsafePathPart(rawUrlPath(value));
    if (unsafe) {
      throw new InputError(`${field} must not contain ${unsafe}`);
    }
    const { username, password } = new URL(value);
    if (username || password) {
      throw new InputError(`${field} must not contain credentials`);
    }
    return {
      field,
      value,
      location: { type: 'url', url: confineToScope(field, value, scope) },
    };
  }
  if (value.startsWith('/')) {
    throw new InputError(
      `${field} must be a path relative to the repository, not an absolute path`,
    );
  }
  const unsafe = findUnsafePathPart(value);
  if (unsafe) {
    throw new InputError(`${field} must not contain ${unsafe}`);
  }
  if (!isSafeRelativePath(value)) {
    throw new InputError(
      `${field} must be a relative path inside the repository (no scheme, no leading "/", not percent-encoded to one)`,
    );
  }
  const location = resolveRelative(
    field,
    value,
    managedBy,
    source,
    integrations,
  );
  if (location.type === 'url') {
    confineToScope(field, location.url, scope);
  }
  return { field, value, location };
}
