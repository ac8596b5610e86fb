import { z } from 'zod';

/** A CEL object schema as `@marcbachmann/cel-js` declares variables. */
export interface CelObjectSchema {
  [field: string]: string | CelObjectSchema;
}

type Converter = (value: unknown) => unknown;

/** The CEL type of a zod schema plus the function turning values into CEL values. */
interface CelShape {
  type: string | CelObjectSchema;
  convert: Converter;
}

const identity: Converter = value => value;

function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  let current = schema;
  for (;;) {
    if (
      current instanceof z.ZodDefault ||
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable
    ) {
      current = current._def.innerType;
    } else if (current instanceof z.ZodEffects) {
      current = current._def.schema;
    } else {
      return current;
    }
  }
}

function shapeOf(schema: z.ZodTypeAny, path: string): CelShape {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodString || inner instanceof z.ZodEnum) {
    return { type: 'string', convert: identity };
  }
  if (inner instanceof z.ZodBoolean) {
    return { type: 'bool', convert: identity };
  }
  if (inner instanceof z.ZodNumber) {
    if (inner.isInt) {
      return { type: 'int', convert: v => BigInt(v as number) };
    }
    return { type: 'double', convert: identity };
  }
  if (inner instanceof z.ZodArray) {
    const element = shapeOf(inner.element, `${path}[]`);
    if (typeof element.type !== 'string') {
      // Lists of objects are read dynamically (fields are still there).
      return {
        type: 'list<dyn>',
        convert: v => (v as unknown[]).map(element.convert),
      };
    }
    const convert =
      element.convert === identity
        ? identity
        : (v: unknown) => (v as unknown[]).map(element.convert);
    return { type: `list<${element.type}>`, convert };
  }
  if (inner instanceof z.ZodObject) {
    const fields: CelObjectSchema = {};
    const converters: Array<[string, Converter]> = [];
    for (const [key, fieldSchema] of Object.entries(
      inner.shape as Record<string, z.ZodTypeAny>,
    )) {
      const field = shapeOf(fieldSchema, path ? `${path}.${key}` : key);
      fields[key] = field.type;
      if (field.convert !== identity) {
        converters.push([key, field.convert]);
      }
    }
    const convert: Converter =
      converters.length === 0
        ? identity
        : value => {
            const copy = { ...(value as Record<string, unknown>) };
            for (const [key, fieldConvert] of converters) {
              copy[key] = fieldConvert(copy[key]);
            }
            return copy;
          };
    return { type: fields, convert };
  }
  throw new Error(
    `Fact field '${path}' has a type CEL rules cannot read (use string, number, boolean, arrays and objects)`,
  );
}

/**
 * Derives the CEL declaration of a fact set from its zod object schema, and
 * a converter from schema-valid values to CEL values (integers become
 * bigints).
 */
export function celShapeOfFactSet(schema: z.ZodTypeAny): {
  schema: CelObjectSchema;
  convert: Converter;
} {
  const shape = shapeOf(schema, '');
  if (typeof shape.type === 'string') {
    throw new Error('A fact set schema must be a zod object');
  }
  return { schema: shape.type, convert: shape.convert };
}
