/**
 * A fast path for type-checked policy rules: rules made only of field
 * selections, literals, `!`, `&&`, `||`, comparisons of values of the same
 * primitive type and `size()` of a list become plain JavaScript closures.
 *
 * Every value read from the facts is checked against the type the rule was
 * type-checked with; any value that is missing or of another type (or any
 * other surprise) throws, and the caller then evaluates with the CEL
 * interpreter, which gives the result or error CEL defines. So a compiled rule
 * either returns what the interpreter would return for well-typed facts or
 * does not answer at all. Rules using anything else (macros, arithmetic,
 * string ordering, custom functions, ...) are not compiled.
 */

/** What the type checker leaves on each node of the parsed rule. */
interface CheckedNode {
  op: string;
  args: unknown;
  checkedType?: { name: string; kind: string };
}

/** Options of {@link compileRuleToJs}. */
export interface CompileRuleOptions {
  /** False when a policy function named `size` replaces the built-in one. */
  sizeIsBuiltIn: boolean;
  /**
   * The caller has checked that each fact set the rule reads is an own
   * plain object of the facts (see {@link factSetsReadable}), so the rule
   * does not check it again.
   */
  rootsChecked?: boolean;
}

/** Whether each of the fact sets is an own plain-object value of `facts`. */
export function factSetsReadable(
  facts: Record<string, unknown>,
  ids: readonly string[],
): boolean {
  for (const id of ids) {
    if (!Object.hasOwn(facts, id) || !isPlainObject(facts[id])) {
      return false;
    }
  }
  return true;
}

/** A compiled rule: the rule's value for prepared facts, or a throw. */
export type CompiledRule = (facts: Record<string, unknown>) => unknown;

class NotCompiled extends Error {}

const primitiveGuards: Record<string, (value: unknown) => boolean> = {
  bool: value => typeof value === 'boolean',
  int: value => typeof value === 'bigint',
  double: value => typeof value === 'number',
  string: value => typeof value === 'string',
};

/** Values CEL reads as a map: plain objects (what fact values are). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function guardFor(node: CheckedNode): (value: unknown) => boolean {
  const type = node.checkedType;
  if (!type) {
    throw new NotCompiled();
  }
  const primitive = primitiveGuards[type.name];
  if (primitive) {
    return primitive;
  }
  if (type.kind === 'message') {
    return isPlainObject;
  }
  if (type.kind === 'list') {
    return Array.isArray;
  }
  throw new NotCompiled();
}

function fail(): never {
  throw new TypeError('value does not have the type the rule was checked with');
}

const comparisons: Record<string, (a: any, b: any) => boolean> = {
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

function compileNode(
  node: CheckedNode,
  options: CompileRuleOptions,
): CompiledRule {
  switch (node.op) {
    case 'value': {
      const value = node.args;
      if (!guardFor(node)(value) || typeof value === 'object') {
        throw new NotCompiled();
      }
      return () => value;
    }
    case 'id': {
      const name = node.args as string;
      const guard = guardFor(node);
      if (options.rootsChecked && guard === isPlainObject) {
        return facts => facts[name];
      }
      return facts => {
        const value = Object.hasOwn(facts, name) ? facts[name] : undefined;
        return guard(value) ? value : fail();
      };
    }
    case '.': {
      const [target, field] = node.args as [CheckedNode, unknown];
      if (typeof field !== 'string' || target.checkedType?.kind !== 'message') {
        throw new NotCompiled();
      }
      // The target is a checked plain object (its own guard ran).
      const inner = compileNode(target, options) as (
        facts: Record<string, unknown>,
      ) => Record<string, unknown>;
      const guard = guardFor(node);
      if (guard === isPlainObject || guard === Array.isArray) {
        return facts => {
          const object = inner(facts);
          const value = Object.hasOwn(object, field)
            ? object[field]
            : undefined;
          return guard(value) ? value : fail();
        };
      }
      // A primitive: what an object inherits (functions, objects) never
      // passes the guard, so no own-property test is needed.
      return facts => {
        const value = inner(facts)[field];
        return guard(value) ? value : fail();
      };
    }
    case '!_': {
      const operand = node.args as CheckedNode;
      if (operand.checkedType?.name !== 'bool') {
        throw new NotCompiled();
      }
      const inner = compileNode(operand, options);
      return facts => !inner(facts);
    }
    case '&&':
    case '||': {
      const [left, right] = node.args as [CheckedNode, CheckedNode];
      if (
        left.checkedType?.name !== 'bool' ||
        right.checkedType?.name !== 'bool'
      ) {
        throw new NotCompiled();
      }
      const a = compileNode(left, options);
      const b = compileNode(right, options);
      return node.op === '&&'
        ? facts => a(facts) && b(facts)
        : facts => a(facts) || b(facts);
    }
    case '==':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const [left, right] = node.args as [CheckedNode, CheckedNode];
      const type = left.checkedType?.name;
      // Same primitive type on both sides; strings only for equality (CEL
      // orders strings by code point, JavaScript by UTF-16 unit).
      const allowed =
        node.op === '==' || node.op === '!='
          ? ['bool', 'int', 'double', 'string']
          : ['int', 'double'];
      if (
        !type ||
        type !== right.checkedType?.name ||
        !allowed.includes(type)
      ) {
        throw new NotCompiled();
      }
      const a = compileNode(left, options);
      const b = compileNode(right, options);
      const compare = comparisons[node.op];
      return facts => compare(a(facts), b(facts));
    }
    case 'call': {
      const [name, args] = node.args as [string, CheckedNode[]];
      if (
        name !== 'size' ||
        !options.sizeIsBuiltIn ||
        args.length !== 1 ||
        args[0].checkedType?.kind !== 'list'
      ) {
        throw new NotCompiled();
      }
      const list = compileNode(args[0], options);
      return facts => BigInt((list(facts) as unknown[]).length);
    }
    default:
      throw new NotCompiled();
  }
}

/**
 * Compiles the type-checked AST of a rule to a closure, or returns undefined
 * when the rule uses anything outside the subset above. The closure throws
 * when a fact value does not have the checked type; evaluate with the
 * interpreter then.
 */
export function compileRuleToJs(
  ast: unknown,
  options: CompileRuleOptions,
): CompiledRule | undefined {
  try {
    const node = ast as CheckedNode;
    if (node.checkedType?.name !== 'bool') {
      return undefined;
    }
    return compileNode(node, options);
  } catch (error) {
    if (error instanceof NotCompiled) {
      return undefined;
    }
    throw error;
  }
}
