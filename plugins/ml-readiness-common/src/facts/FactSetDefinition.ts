import { z } from 'zod';

/**
 * A named, versioned set of facts about one model, with the zod schema its
 * values must satisfy. Collectors produce fact sets; policy rules (CEL) read
 * them as top-level variables named after the fact set id.
 *
 * Every field of a fact set schema is required: a collector that cannot
 * establish a fact set at all reports it as unavailable (with a reason), so
 * a check reading it is `unknown` rather than silently passing or vanishing.
 *
 * @public
 */
export interface FactSetDefinition<
  TSchema extends z.ZodTypeAny = z.ZodTypeAny,
> {
  /** Identifier used as the CEL variable name, e.g. `entity`. */
  id: string;
  /** Bumped whenever the schema changes incompatibly. */
  version: number;
  /** One sentence: what the facts describe and where they come from. */
  description: string;
  /** Schema of the values. */
  schema: TSchema;
}

/** Defines a fact set (identity helper that keeps the schema's type). @public */
export function defineFactSet<TSchema extends z.ZodTypeAny>(
  definition: FactSetDefinition<TSchema>,
): FactSetDefinition<TSchema> {
  return definition;
}
