import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { isError, NotFoundError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  ModelDocument,
  ModelDocumentName,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { DocumentsConfig } from './DocumentsConfig';
import { DocumentCache } from './DocumentCache';
import { UnreadableDocumentError } from './errors';
import { locateDocument } from './locateDocument';
import { readFileDocument } from './readFileDocument';
import { readUrlDocument, redactUrl } from './readUrlDocument';

function toText(field: string, value: string, buffer: Buffer): string {
  if (buffer.includes(0)) {
    throw new UnreadableDocumentError(
      `${field} "${value}" is not a text document`,
    );
  }
  return buffer.toString('utf8');
}

/**
 * Reads the model card and runbook an ai-model entity names, from its
 * repository: http(s) URLs and url: source locations (inside the entity's own
 * repository) through the UrlReader, `file:` locations from checkouts inside
 * the configured roots. Documents read from URLs are cached briefly.
 */
export class ModelDocumentReader {
  private readonly cache: DocumentCache;

  private constructor(
    private readonly urlReader: UrlReaderService,
    private readonly integrations: ScmIntegrationRegistry,
    private readonly config: DocumentsConfig,
  ) {
    this.cache = new DocumentCache({
      freshMillis: config.cacheSeconds * 1000,
    });
  }

  /**
   * Creates a reader over the backend's UrlReader, the SCM integrations (to
   * recognise GitHub repository roots) and the documents config.
   */
  static create(options: {
    urlReader: UrlReaderService;
    integrations: ScmIntegrationRegistry;
    config: DocumentsConfig;
  }): ModelDocumentReader {
    return new ModelDocumentReader(
      options.urlReader,
      options.integrations,
      options.config,
    );
  }

  /** Reads one document of the entity; errors name the entity field. */
  async read(
    entity: Entity,
    document: ModelDocumentName,
  ): Promise<ModelDocument> {
    const { field, value, location } = locateDocument(
      entity,
      document,
      this.integrations,
    );
    const { maxBytes } = this.config;
    if (location.type === 'file') {
      const buffer = await readFileDocument({
        directory: location.directory,
        relativePath: location.relativePath,
        field,
        fileRoots: this.config.fileRoots,
        maxBytes,
      });
      return {
        format: 'markdown',
        content: toText(field, value, buffer),
        path: value,
      };
    }

    const key = [
      stringifyEntityRef(entity),
      document,
      entity.metadata.etag ?? '',
      location.url,
    ].join('\n');
    const cached = this.cache.get(key);
    if (cached?.fresh) {
      if (cached.value.type === 'missing') {
        throw new NotFoundError(cached.value.message);
      }
      return cached.value.document;
    }
    const sourceEtag =
      cached?.value.type === 'document' ? cached.value.sourceEtag : undefined;
    let result;
    try {
      result = await readUrlDocument({
        urlReader: this.urlReader,
        url: location.url,
        field,
        maxBytes,
        etag: sourceEtag,
      });
    } catch (error) {
      if (isError(error) && error.name === 'NotFoundError') {
        this.cache.set(key, { type: 'missing', message: error.message });
      }
      throw error;
    }
    if (result.notModified && cached?.value.type === 'document') {
      this.cache.set(key, cached.value);
      return cached.value.document;
    }
    if (result.notModified) {
      throw new UnreadableDocumentError(
        `${field} answered "not modified" to an unconditional request`,
      );
    }
    const read: ModelDocument = {
      format: 'markdown',
      content: toText(field, value, result.buffer),
      sourceUrl: redactUrl(location.url),
      path: value,
    };
    this.cache.set(key, {
      type: 'document',
      document: read,
      sourceEtag: result.etag,
    });
    return read;
  }
}
