import { UrlReaderService } from '@backstage/backend-plugin-api';
import { isError, NotFoundError } from '@backstage/errors';
import {
  DocumentSourceError,
  DocumentTooLargeError,
  UnreadableDocumentError,
} from './errors';

/** What {@link readUrlDocument} needs. */
export type ReadUrlDocumentOptions = {
  urlReader: UrlReaderService;
  url: string;
  /** The entity field, for messages. */
  field: string;
  maxBytes: number;
  /** The ETag of a copy the caller holds; the host may answer "not modified". */
  etag?: string;
};

/** What {@link readUrlDocument} read. */
export type UrlDocumentResult =
  { notModified: false; buffer: Buffer; etag?: string } | { notModified: true };

/** The URL without user name or password, safe to show and return. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}

async function readCapped(
  response: Awaited<ReturnType<UrlReaderService['readUrl']>>,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Buffer> {
  if (!response.stream) {
    const buffer = await response.buffer();
    if (buffer.length > maxBytes) {
      throw tooLarge();
    }
    return buffer;
  }
  const stream = response.stream();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    total += bytes.length;
    if (total > maxBytes) {
      stream.destroy();
      throw tooLarge();
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a document through the backend's UrlReader (so integration tokens
 * stay on the server), at most `maxBytes`. A host the reader does not
 * support becomes an UnreadableDocumentError; other failures are reported by
 * error name only, so a reader's message never reaches the caller. With an
 * `etag`, a "not modified" answer (which GitHub does not count against the
 * rate limit) is returned as `{ notModified: true }`.
 */
export async function readUrlDocument(
  options: ReadUrlDocumentOptions,
): Promise<UrlDocumentResult> {
  const { urlReader, field, maxBytes } = options;
  const shown = redactUrl(options.url);
  const tooLarge = () =>
    new DocumentTooLargeError(
      `${field} (${shown}) is larger than the ${maxBytes} byte limit`,
    );
  let response;
  try {
    response = await urlReader.readUrl(
      options.url,
      options.etag ? { etag: options.etag } : undefined,
    );
  } catch (error) {
    const name = isError(error) ? error.name : 'Error';
    if (name === 'NotModifiedError' && options.etag) {
      return { notModified: true };
    }
    if (name === 'NotAllowedError') {
      throw new UnreadableDocumentError(
        `${field} (${shown}) is on a host the backend may not read; configure it under integrations or backend.reading.allow`,
      );
    }
    if (name === 'NotFoundError') {
      throw new NotFoundError(`${field} (${shown}) was not found`);
    }
    throw new DocumentSourceError(
      `${field} (${shown}) could not be read (${name})`,
    );
  }
  return {
    notModified: false,
    buffer: await readCapped(response, maxBytes, tooLarge),
    etag: response.etag || undefined,
  };
}
