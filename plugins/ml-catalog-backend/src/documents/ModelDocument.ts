import { z } from 'zod';

/** The repository documents the backend serves, by route name. */
export const MODEL_DOCUMENT_FIELDS = {
  'model-card': 'modelCard',
  runbook: 'runbook',
} as const;

/** A document name as used in the route: `model-card` or `runbook`. */
export type ModelDocumentName = keyof typeof MODEL_DOCUMENT_FIELDS;

/** zod schema of a {@link ModelDocumentName}. */
export const modelDocumentNameSchema = z.enum(['model-card', 'runbook'], {
  errorMap: () => ({ message: 'expected model-card or runbook' }),
});

/** A document read from a model's repository. */
export type ModelDocument = {
  format: 'markdown';
  /** The document's text. */
  content: string;
  /**
   * Where the document was read from, when that is an http(s) URL a browser
   * may open; absent for documents read from a local checkout.
   */
  sourceUrl?: string;
  /** The entity field's value, e.g. `docs/model-card.md`. */
  path: string;
};
