#!/usr/bin/env node
/*
 * Generates src/schema/openapi.generated.ts from src/schema/openapi.yaml: the
 * spec as a typed constant, from which the validated router derives the
 * request and response types of every route. Run after editing the spec:
 *   yarn workspace @ml-golden-paths/plugin-ml-readiness-backend generate:openapi
 * A test fails when the generated file is out of date.
 */
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

function render(yamlText) {
  const spec = YAML.parse(yamlText);
  return [
    '// GENERATED from openapi.yaml by scripts/generate-openapi.cjs; do not edit.',
    '/* eslint-disable */',
    "import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';",
    "import type { Router } from 'express';",
    '',
    `export const spec = ${JSON.stringify(spec, null, 2)} as const;`,
    '',
    '/** A router that validates requests against the spec. */',
    'export const createOpenApiRouter = async (',
    '  options?: Parameters<typeof createValidatedOpenApiRouter>[1],',
    '): Promise<Router> => createValidatedOpenApiRouter(spec as any, options) as unknown as Router;',
    '',
  ].join('\n');
}

module.exports = { render };

if (require.main === module) {
  (async () => {
    const prettier = require('prettier');
    const dir = path.resolve(__dirname, '../src/schema');
    const target = path.join(dir, 'openapi.generated.ts');
    const text = fs.readFileSync(path.join(dir, 'openapi.yaml'), 'utf8');
    const options = (await prettier.resolveConfig(target)) ?? {};
    const code = await prettier.format(render(text), {
      ...options,
      filepath: target,
    });
    fs.writeFileSync(target, code);
    process.stdout.write('wrote src/schema/openapi.generated.ts\n');
  })();
}
