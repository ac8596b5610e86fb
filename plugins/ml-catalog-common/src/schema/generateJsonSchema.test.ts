import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateAiModelJsonSchema } from './generateJsonSchema';

describe('generateAiModelJsonSchema', () => {
  it('matches the committed schema/ai-model.schema.json (run `yarn generate:schema` to update it)', () => {
    const committed = JSON.parse(
      readFileSync(
        resolve(__dirname, '../../schema/ai-model.schema.json'),
        'utf8',
      ),
    );
    expect(committed).toEqual(generateAiModelJsonSchema());
  });

  it('describes the mlops contract', () => {
    const schema = generateAiModelJsonSchema() as any;
    const mlops = schema.properties.spec.properties.mlops;
    expect(mlops.required).toEqual(['tier', 'task', 'servingPattern']);
    expect(mlops.properties.servingPattern.enum).toEqual([
      'online',
      'batch',
      'streaming',
      'embedded',
    ]);
    expect(mlops.additionalProperties).toBe(false);
  });
});
