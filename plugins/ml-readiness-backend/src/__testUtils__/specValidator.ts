import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { spec } from '../schema/openapi.generated';

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(
  { components: JSON.parse(JSON.stringify(spec.components)) },
  'spec',
);

/**
 * Asserts a response body matches the schema the spec declares for the
 * route and status (throws with the validation errors otherwise).
 */
export function expectMatchesSpec(
  method: 'get' | 'post',
  path: keyof typeof spec.paths,
  status: number,
  body: unknown,
): void {
  const operation = (spec.paths as any)[path][method];
  const response =
    operation.responses[String(status)] ?? operation.responses.default;
  const resolved = response.$ref
    ? (spec.components as any).responses[response.$ref.split('/').pop()]
    : response;
  const schema = resolved.content['application/json'].schema;
  const ref = schema.$ref ? `spec${schema.$ref}` : undefined;
  const validate = ref ? ajv.getSchema(ref)! : ajv.compile(schema);
  if (!validate(body)) {
    throw new Error(
      `Response of ${method.toUpperCase()} ${path} (${status}) does not match the spec: ${ajv.errorsText(
        validate.errors,
      )}\n${JSON.stringify(body).slice(0, 500)}`,
    );
  }
}
