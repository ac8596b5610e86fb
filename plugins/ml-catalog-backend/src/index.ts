/**
 * The ml-catalog backend plugin: reads a model's repository documents (model
 * card, runbook) for the ML catalog frontend.
 *
 * @packageDocumentation
 */

export { mlCatalogPlugin as default } from './plugin';
export {
  readDocumentsConfig,
  DEFAULT_MAX_DOCUMENT_BYTES,
} from './documents/DocumentsConfig';
export type { DocumentsConfig } from './documents/DocumentsConfig';
export { ModelDocumentReader } from './documents/ModelDocumentReader';
