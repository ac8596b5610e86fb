import { CustomErrorBase } from '@backstage/errors';

/**
 * The entity names a document the backend will not or cannot read (unsafe
 * path, host not configured, location outside the allowed roots). HTTP 422.
 */
export class UnreadableDocumentError extends CustomErrorBase {
  name = 'UnreadableDocumentError' as const;
  statusCode = 422;
}

/** The document is larger than the configured limit. HTTP 413. */
export class DocumentTooLargeError extends CustomErrorBase {
  name = 'DocumentTooLargeError' as const;
  statusCode = 413;
}

/** The document's host failed to answer. HTTP 502. */
export class DocumentSourceError extends CustomErrorBase {
  name = 'DocumentSourceError' as const;
  statusCode = 502;
}
