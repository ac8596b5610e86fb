import { zodToJsonSchema } from 'zod-to-json-schema';
import { aiModelEntitySchema } from './entitySchemas';

/**
 * Generates the JSON Schema of a `Resource`/`ai-model` entity from the zod
 * schema. The committed copy lives in `schema/ai-model.schema.json`; a test
 * keeps the two identical. Refinements (URL schemes, forbidden keys, size
 * limits beyond `maxLength`) are enforced by the validator only.
 *
 * @public
 */
export function generateAiModelJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = zodToJsonSchema(aiModelEntitySchema, {
    $refStrategy: 'none',
    effectStrategy: 'input',
  }) as Record<string, unknown>;
  return {
    $schema,
    $id: 'https://ml-golden-paths.example.com/schema/ai-model.schema.json',
    title: 'AiModelEntity',
    description:
      'A registered ML model: kind Resource, spec.type ai-model, ML fields under spec.mlops.',
    ...rest,
  };
}
