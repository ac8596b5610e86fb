import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { DocumentsConfig } from './DocumentsConfig';
import { locateDocument } from './locateDocument';
import {
  ModelDocument,
  ModelDocumentName,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { UnreadableDocumentError } from './errors';
import { readFileDocument } from './readFileDocument';
import { readUrlDocument, redactUrl } from './readUrlDocument';

/**
 * Reads the model card and runbook an ai-model entity names, from its
 * repository: http(s) URLs and url: source locations through the UrlReader,
 * `file:` locations from checkouts inside the configured roots.
 */
export class ModelDocumentReader {
  private constructor(
    private readonly urlReader: UrlReaderService,
    private readonly integrations: ScmIntegrationRegistry,
    private readonly config: DocumentsConfig,
  ) {}

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
    const buffer =
      location.type === 'url'
        ? await readUrlDocument({
            urlReader: this.urlReader,
            url: location.url,
            field,
            maxBytes,
          })
        : await readFileDocument({
            directory: location.directory,
            relativePath: location.relativePath,
            field,
            fileRoots: this.config.fileRoots,
            maxBytes,
          });
    if (buffer.includes(0)) {
      throw new UnreadableDocumentError(
        `${field} "${value}" is not a text document`,
      );
    }
    return {
      format: 'markdown',
      content: buffer.toString('utf8'),
      sourceUrl: location.type === 'url' ? redactUrl(location.url) : undefined,
      path: value,
    };
  }
}
