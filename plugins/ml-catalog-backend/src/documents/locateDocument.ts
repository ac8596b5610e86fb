import path from 'node:path';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  MODEL_DOCUMENT_FIELDS,
  ModelDocumentName,
  hasUrlScheme,
  isHttpUrl,
  isSafeRelativePath,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { UnreadableDocumentError } from './errors';

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

function readLocationAnnotation(entity: Entity, annotation: string) {
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
  entity: Entity,
  field: string,
  value: string,
  integrations: ScmIntegrationRegistry,
): DocumentLocation {
  const source = readLocationAnnotation(entity, ANNOTATION_SOURCE_LOCATION);
  if (source?.type === 'url' && isHttpUrl(source.target)) {
    const base = sourceFolderUrl(source.target, integrations);
    return { type: 'url', url: new URL(value, base).toString() };
  }
  const managedBy = readLocationAnnotation(entity, ANNOTATION_LOCATION);
  if (managedBy?.type === 'url' && isHttpUrl(managedBy.target)) {
    return { type: 'url', url: new URL(value, managedBy.target).toString() };
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

/**
 * Finds the document an entity names in `spec.mlops.<field>`: an http(s) URL
 * as is, or a safe relative path resolved against the entity's
 * `backstage.io/source-location` (url, treated as a folder) or its
 * managed-by location (`url:` or `file:`).
 * Throws NotFoundError when the field is absent, UnreadableDocumentError when
 * the value is unsafe or cannot be resolved.
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
    throw new UnreadableDocumentError(`${field} must be a string`);
  }
  if (hasUrlScheme(value)) {
    if (!isHttpUrl(value)) {
      throw new UnreadableDocumentError(
        `${field} must be an http(s) URL or a relative path`,
      );
    }
    return { field, value, location: { type: 'url', url: value } };
  }
  if (!isSafeRelativePath(value)) {
    throw new UnreadableDocumentError(
      `${field} must be a relative path without "..", a leading "/", backslashes or control characters`,
    );
  }
  return {
    field,
    value,
    location: resolveRelative(entity, field, value, integrations),
  };
}
