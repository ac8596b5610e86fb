import { z } from 'zod';

/**
 * The repository documents the ml-catalog backend serves, by route name, and
 * the `spec.mlops` field each one is read from.
 *
 * @public
 */
export const MODEL_DOCUMENT_FIELDS = {
  'model-card': 'modelCard',
  runbook: 'runbook',
} as const;

/**
 * A document name as used in the API route: `model-card` or `runbook`.
 *
 * @public
 */
export type ModelDocumentName = keyof typeof MODEL_DOCUMENT_FIELDS;

/**
 * zod schema of a {@link ModelDocumentName}.
 *
 * @public
 */
export const modelDocumentNameSchema = z.enum(['model-card', 'runbook'], {
  errorMap: () => ({ message: 'expected model-card or runbook' }),
});

/**
 * The body of `GET /api/ml-catalog/v1/entities/:namespace/:kind/:name/documents/:document`.
 *
 * @public
 */
export const modelDocumentSchema = z.object({
  format: z.literal('markdown'),
  /** The document's text. */
  content: z.string(),
  /**
   * Where the document was read from, when that is an http(s) URL a browser
   * may open; absent for documents read from a local checkout.
   */
  sourceUrl: z.string().url().optional(),
  /** The entity field's value, e.g. `docs/model-card.md`. */
  path: z.string(),
});

/**
 * A document read from a model's repository.
 *
 * @public
 */
export type ModelDocument = z.infer<typeof modelDocumentSchema>;
