/*
 * Writes schema/ai-model.schema.json from the zod schema.
 * Run with `yarn generate:schema` in this package.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateAiModelJsonSchema } from '../src/schema/generateJsonSchema';

const target = resolve(__dirname, '../schema/ai-model.schema.json');
writeFileSync(
  target,
  `${JSON.stringify(generateAiModelJsonSchema(), null, 2)}\n`,
);
process.stdout.write(`wrote ${target}\n`);
