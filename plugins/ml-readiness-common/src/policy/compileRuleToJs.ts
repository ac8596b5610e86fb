/**
 * A fast path for type-checked policy rules: rules made only of field
 * selections, literals, `!`, `&&`, `||`, comparisons of values of the same
 * primitive type and `size()` of a list become one plain JavaScript function
 * per group of rules (generated source; names and strings are written with
 * JSON.stringify, numbers only when finite).
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

/**
 * Values the interpreter reads as a map by own property: plain objects (what
 * fact values are). It tests `constructor`, so an own `constructor` field
 * other than Object makes it answer differently: not plain here either.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    return false;
  }
  const constructor = (value as { constructor?: unknown }).constructor;
  return constructor === Object || constructor === undefined;
}

function fail(): never {
  throw new TypeError('value does not have the type the rule was checked with');
}

const primitiveTypes: Record<string, string> = {
  bool: 'boolean',
  int: 'bigint',
  double: 'number',
  string: 'string',
};

const operators: Record<string, string> = {
  '==': '===',
  '!=': '!==',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

/** Source of a check that `expression` has the node's checked type. */
function guardSource(node: CheckedNode, expression: string): string {
  const type = node.checkedType;
  const primitive = type && primitiveTypes[type.name];
  if (primitive) {
    return `typeof ${expression} === ${JSON.stringify(primitive)}`;
  }
  if (type?.kind === 'message') {
    return `isPlain(${expression})`;
  }
  if (type?.kind === 'list') {
    return `Array.isArray(${expression})`;
  }
  throw new NotCompiled();
}

/** Source of a literal. */
function literalSource(node: CheckedNode): string {
  const value = node.args;
  const type = node.checkedType?.name;
  if (type === 'bool' && typeof value === 'boolean') {
    return String(value);
  }
  if (type === 'int' && typeof value === 'bigint') {
    return `(${value}n)`;
  }
  if (type === 'double' && typeof value === 'number' && isFinite(value)) {
    return Object.is(value, -0) ? '(-0)' : `(${String(value)})`;
  }
  if (type === 'string' && typeof value === 'string') {
    return JSON.stringify(value);
  }
  throw new NotCompiled();
}

/** Writes the source of rule expressions, with numbered temporaries. */
class SourceWriter {
  temps = 0;

  constructor(private readonly options: CompileRuleOptions) {}

  private temp(): string {
    this.temps += 1;
    return `t${this.temps}`;
  }

  expression(node: CheckedNode): string {
    switch (node.op) {
      case 'value':
        return literalSource(node);
      case 'id':
        return this.variable(node);
      case '.':
        return this.select(node);
      case '!_': {
        const operand = node.args as CheckedNode;
        if (operand.checkedType?.name !== 'bool') {
          throw new NotCompiled();
        }
        return `(!${this.expression(operand)})`;
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
        const a = this.expression(left);
        return `(${a} ${node.op} ${this.expression(right)})`;
      }
      case '==':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=':
        return this.comparison(node);
      case 'call':
        return this.size(node);
      default:
        throw new NotCompiled();
    }
  }

  private variable(node: CheckedNode): string {
    const name = JSON.stringify(node.args as string);
    if (this.options.rootsChecked && node.checkedType?.kind === 'message') {
      return `facts[${name}]`;
    }
    const t = this.temp();
    const read = `(${t} = facts[${name}])`;
    return `(hasOwn(facts, ${name}) && ${guardSource(node, read)} ? ${t} : fail())`;
  }

  private select(node: CheckedNode): string {
    const [target, field] = node.args as [CheckedNode, unknown];
    if (typeof field !== 'string' || target.checkedType?.kind !== 'message') {
      throw new NotCompiled();
    }
    // The target is a checked plain object (its own check ran).
    const object = this.expression(target);
    const key = JSON.stringify(field);
    const value = this.temp();
    const kind = node.checkedType?.kind;
    if (kind === 'message' || kind === 'list') {
      const holder = this.temp();
      const read = `(${value} = ${holder}[${key}])`;
      return `(hasOwn((${holder} = ${object}), ${key}) && ${guardSource(
        node,
        read,
      )} ? ${value} : fail())`;
    }
    // A primitive: what an object inherits (functions, objects) never
    // passes the check, so no own-property test is needed.
    const read = `(${value} = ${object}[${key}])`;
    return `(${guardSource(node, read)} ? ${value} : fail())`;
  }

  private comparison(node: CheckedNode): string {
    const [left, right] = node.args as [CheckedNode, CheckedNode];
    const type = left.checkedType?.name;
    // Same primitive type on both sides; strings only for equality (CEL
    // orders strings by code point, JavaScript by UTF-16 unit).
    const allowed =
      node.op === '==' || node.op === '!='
        ? ['bool', 'int', 'double', 'string']
        : ['int', 'double'];
    if (!type || type !== right.checkedType?.name || !allowed.includes(type)) {
      throw new NotCompiled();
    }
    const a = this.expression(left);
    return `(${a} ${operators[node.op]} ${this.expression(right)})`;
  }

  private size(node: CheckedNode): string {
    const [name, args] = node.args as [string, CheckedNode[]];
    if (
      name !== 'size' ||
      !this.options.sizeIsBuiltIn ||
      args.length !== 1 ||
      args[0].checkedType?.kind !== 'list'
    ) {
      throw new NotCompiled();
    }
    return `BigInt(${this.expression(args[0])}.length)`;
  }
}

/**
 * Compiles the type-checked ASTs of rules to one function returning their
 * values in order, or returns undefined when a rule uses anything outside
 * the subset above or does not return bool. The function throws when a
 * fact value does not have the checked type; evaluate with the interpreter
 * then.
 */
export function compileRulesToJs(
  asts: readonly unknown[],
  options: CompileRuleOptions,
): ((facts: Record<string, unknown>) => unknown[]) | undefined {
  const writer = new SourceWriter(options);
  let list: string[];
  try {
    list = asts.map(ast => {
      const node = ast as CheckedNode;
      if (node.checkedType?.name !== 'bool') {
        throw new NotCompiled();
      }
      return writer.expression(node);
    });
  } catch (error) {
    if (error instanceof NotCompiled) {
      return undefined;
    }
    throw error;
  }
  const temps = Array.from({ length: writer.temps }, (_, i) => `t${i + 1}`);
  const body = [
    '"use strict";',
    'return function compiledRules(facts) {',
    temps.length ? `  let ${temps.join(', ')};` : '',
    `  return [${list.join(',\n    ')}];`,
    '};',
  ].join('\n');
  // Generated from the checked AST only (see the class above). Where code
  // generation is disallowed (a CSP, --disallow-code-generation-from-strings)
  // the rules stay with the interpreter.
  let build: Function;
  try {
    // eslint-disable-next-line no-new-func
    build = new Function('hasOwn', 'isPlain', 'fail', body);
  } catch {
    return undefined;
  }
  return build(Object.hasOwn, isPlainObject, fail);
}

/** Compiles one rule (see {@link compileRulesToJs}). */
export function compileRuleToJs(
  ast: unknown,
  options: CompileRuleOptions,
): CompiledRule | undefined {
  const rules = compileRulesToJs([ast], options);
  return rules && (facts => rules(facts)[0]);
}
