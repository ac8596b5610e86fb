import { Environment, ParseError } from '@marcbachmann/cel-js';
import { FactSetDefinition } from '../facts/FactSetDefinition';
import {
  CheckDefinition,
  checkDefinitionSchema,
  freshnessToMillis,
} from './CheckDefinition';
import { celShapeOfFactSet } from './celSchema';
import { defaultTierLevels, TierLevels } from './levels';

/**
 * An extra function policy rules may call, e.g.
 * `{ signature: 'isTeam(string): bool', handler: ref => ref.startsWith('group:') }`.
 *
 * @public
 */
export interface CheckFunction {
  /** CEL signature, `name(argType, ...): returnType`. */
  signature: string;
  /** Synchronous implementation; integers arrive as bigint. */
  handler: (...args: any[]) => unknown;
  description: string;
}

/**
 * A policy that cannot be used. The message names the check, the field and,
 * for rule errors, the line and column in the rule.
 *
 * @public
 */
export class PolicyError extends Error {
  readonly checkId?: string;
  readonly position?: { line: number; column: number };

  constructor(
    message: string,
    options?: { checkId?: string; position?: { line: number; column: number } },
  ) {
    super(message);
    this.name = 'PolicyError';
    this.checkId = options?.checkId;
    this.position = options?.position;
  }
}

/** A check whose rule is parsed and type-checked. @public */
export interface CompiledCheck extends CheckDefinition {
  freshnessMs: number;
  /** Runs the rule on prepared fact values (see CompiledPolicy.prepareFacts). */
  run(facts: Record<string, unknown>): boolean;
}

/**
 * Checks reading the same fact sets, evaluated together in one CEL call
 * (a list of the rules) for speed; `runAll` throws if any rule fails at
 * runtime, then callers fall back to `run` per check.
 *
 * @public
 */
export interface CompiledCheckGroup {
  facts: readonly string[];
  checks: readonly CompiledCheck[];
  runAll(facts: Record<string, unknown>): boolean[];
  /**
   * One CEL call running only some of the group's checks (`positions` index
   * `checks`, ascending), e.g. those applicable to a model's tier and stage;
   * the results come in the order of `positions`. Compiled on first use and
   * kept per set of positions.
   */
  runnerFor(
    positions: readonly number[],
  ): (facts: Record<string, unknown>) => boolean[];
}

/** A validated, parsed and type-checked policy. @public */
export interface CompiledPolicy {
  checks: readonly CompiledCheck[];
  /** The checks grouped by the fact sets they read. */
  groups: readonly CompiledCheckGroup[];
  checksById: ReadonlyMap<string, CompiledCheck>;
  factSets: ReadonlyMap<string, FactSetDefinition>;
  tierLevels: TierLevels;
  /** Turns schema-valid fact values into the values rules read. */
  prepareFacts(factSetId: string, values: unknown): unknown;
}

/** Options of {@link compilePolicy}. @public */
export interface CompilePolicyOptions {
  /** Raw check definitions (validated here). */
  checks: readonly unknown[];
  /** Fact sets rules may read. */
  factSets: readonly FactSetDefinition[];
  functions?: readonly CheckFunction[];
  tierLevels?: TierLevels;
}

function positionOf(
  input: string,
  offset: number,
): { line: number; column: number } {
  const before = input.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}

function checkLabel(raw: unknown, index: number): string {
  const id =
    raw && typeof raw === 'object' && typeof (raw as any).id === 'string'
      ? (raw as any).id
      : undefined;
  return id ? `check '${id}' (#${index + 1})` : `check #${index + 1}`;
}

/**
 * Validates, parses and type-checks a policy once. Throws a
 * {@link PolicyError} naming the check and position for a syntax error, an
 * unknown fact set or field, a wrong type, a non-boolean rule or a
 * duplicate id.
 *
 * @public
 */
export function compilePolicy(options: CompilePolicyOptions): CompiledPolicy {
  const factSets = new Map<string, FactSetDefinition>();
  const converters = new Map<string, (value: unknown) => unknown>();
  const celSchemas = new Map<string, ReturnType<typeof celShapeOfFactSet>>();
  for (const factSet of options.factSets) {
    if (factSets.has(factSet.id)) {
      throw new PolicyError(`Fact set '${factSet.id}' is defined twice`);
    }
    factSets.set(factSet.id, factSet);
    const shape = celShapeOfFactSet(factSet.schema);
    celSchemas.set(factSet.id, shape);
    converters.set(factSet.id, shape.convert);
  }

  const environments = new Map<string, Environment>();
  const environmentFor = (facts: string[]): Environment => {
    const key = [...facts].sort().join(',');
    let env = environments.get(key);
    if (!env) {
      env = new Environment();
      for (const id of [...facts].sort()) {
        env.registerVariable({
          name: id,
          schema: celSchemas.get(id)!.schema as any,
        });
      }
      for (const fn of options.functions ?? []) {
        env.registerFunction(fn.signature, fn.handler as any, {
          description: fn.description,
        });
      }
      environments.set(key, env);
    }
    return env;
  };

  // Rules are type-checked in an environment typed by the fact schemas;
  // they run in one where fact sets are plain maps (no per-call conversion
  // of the values into typed wrappers), which is the same program once
  // type-checked.
  const runtime = new Environment({ homogeneousAggregateLiterals: false });
  for (const id of factSets.keys()) {
    runtime.registerVariable(id, 'map');
  }
  for (const fn of options.functions ?? []) {
    runtime.registerFunction(fn.signature, fn.handler as any, {
      description: fn.description,
    });
  }

  const seen = new Map<string, number>();
  const checks: CompiledCheck[] = [];
  options.checks.forEach((raw, index) => {
    const label = checkLabel(raw, index);
    const parsed = checkDefinitionSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.join('.') || '(check)';
      throw new PolicyError(
        `Invalid policy: ${label}, field '${field}': ${issue.message}`,
        { checkId: (raw as any)?.id },
      );
    }
    const check = parsed.data as CheckDefinition;
    const previous = seen.get(check.id);
    if (previous !== undefined) {
      throw new PolicyError(
        `Invalid policy: duplicate check id '${check.id}' (checks #${
          previous + 1
        } and #${index + 1})`,
        { checkId: check.id },
      );
    }
    seen.set(check.id, index);
    check.facts.forEach((fact, factIndex) => {
      if (!factSets.has(fact)) {
        throw new PolicyError(
          `Invalid policy: ${label}, field 'facts.${factIndex}': unknown fact set '${fact}' (known: ${[
            ...factSets.keys(),
          ].join(', ')})`,
          { checkId: check.id },
        );
      }
    });

    const env = environmentFor(check.facts);
    const fail = (kind: string, error: any): never => {
      const start: number | undefined = error?.range?.start;
      const position =
        start === undefined ? undefined : positionOf(check.rule, start);
      const where = position
        ? ` at line ${position.line}, column ${position.column}`
        : '';
      throw new PolicyError(
        `Invalid policy: ${label}, field 'rule': ${kind}${where}: ${firstLine(
          error?.message ?? String(error),
        )}`,
        { checkId: check.id, position },
      );
    };
    let result;
    try {
      result = env.check(check.rule);
    } catch (error) {
      return fail(
        error instanceof ParseError ? 'syntax error' : 'error',
        error,
      );
    }
    if (!result.valid) {
      return fail(
        result.error instanceof ParseError ? 'syntax error' : 'type error',
        result.error,
      );
    }
    if (result.type !== 'bool') {
      return fail('type error', {
        message: `the rule must return bool, it returns ${result.type}`,
        range: { start: 0, end: check.rule.length },
      });
    }
    const evaluate = runtime.parse(check.rule);
    const compiled: CompiledCheck = {
      ...check,
      freshnessMs: freshnessToMillis(check.freshness),
      run: facts => {
        const value = evaluate(facts);
        if (typeof value !== 'boolean') {
          throw new Error(`rule returned ${typeof value}, not bool`);
        }
        return value;
      },
    };
    checks.push(compiled);
    return undefined;
  });

  const byFacts = new Map<string, CompiledCheck[]>();
  for (const check of checks) {
    const key = [...check.facts].sort().join(',');
    byFacts.set(key, [...(byFacts.get(key) ?? []), check]);
  }
  // One CEL list call for the members (the interpreter of the CEL
  // implementation evaluates every rule).
  const listOf = (members: readonly CompiledCheck[]) => {
    const list = runtime.parse(
      `[${members.map(c => `(${c.rule})`).join(',\n')}]`,
    );
    return (facts: Record<string, unknown>) => list(facts) as boolean[];
  };
  const groups: CompiledCheckGroup[] = [...byFacts].map(([key, members]) => {
    const runAll = listOf(members);
    const runners = new Map<
      string,
      (facts: Record<string, unknown>) => boolean[]
    >();
    return {
      facts: key.split(','),
      checks: members,
      runAll,
      runnerFor(positions) {
        if (positions.length === members.length) {
          return runAll;
        }
        const runnerKey = positions.join(',');
        let runner = runners.get(runnerKey);
        if (!runner) {
          runner = listOf(positions.map(i => members[i]));
          runners.set(runnerKey, runner);
        }
        return runner;
      },
    };
  });

  return {
    checks,
    groups,
    checksById: new Map(checks.map(c => [c.id, c])),
    factSets,
    tierLevels: options.tierLevels ?? defaultTierLevels,
    prepareFacts(factSetId, values) {
      const convert = converters.get(factSetId);
      if (!convert) {
        throw new Error(`Unknown fact set '${factSetId}'`);
      }
      return convert(values);
    },
  };
}
