import { Environment } from '@marcbachmann/cel-js';
import { builtInFactSets } from '../facts';
import { exemplaryFacts } from '../testing/factFixtures';
import { celShapeOfFactSet } from './celSchema';
import { compilePolicy } from './compilePolicy';
import { compileRuleToJs } from './compileRuleToJs';
import { defaultPolicy } from './defaultPolicy';

const shapes = new Map(
  builtInFactSets.map(set => [set.id, celShapeOfFactSet(set.schema)]),
);

/** Type-checked like compilePolicy does, with the fact schemas. */
const typed = new Environment();
for (const [id, shape] of shapes) {
  typed.registerVariable({ name: id, schema: shape.schema as any });
}
/** The interpreter as rules run without the fast path. */
const interpreter = new Environment({ homogeneousAggregateLiterals: false });
for (const id of shapes.keys()) {
  interpreter.registerVariable(id, 'map');
}

function compile(rule: string) {
  const parsed = typed.parse(rule);
  expect(parsed.check().valid).toBe(true);
  return compileRuleToJs(parsed.ast, { sizeIsBuiltIn: true });
}

function prepared(values: any): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const [id, shape] of shapes) {
    facts[id] = shape.convert(values[id]);
  }
  return facts;
}

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Changes prepared fact values at random: other values of the same type,
 * and values CEL would reject (missing, null, other types, other objects).
 */
function mutate(value: any, rnd: () => number): any {
  if (Array.isArray(value)) {
    return rnd() < 0.3 ? [] : value.map(v => mutate(v, rnd));
  }
  if (value && typeof value === 'object') {
    const copy: any = {};
    for (const [key, inner] of Object.entries(value)) {
      const r = rnd();
      if (r < 0.04) {
        continue; // missing
      }
      if (r < 0.06) {
        copy[key] = null;
      } else if (r < 0.08) {
        copy[key] = new Map();
      } else if (r < 0.09 && inner && typeof inner === 'object') {
        // An own `constructor` key changes how the interpreter reads it.
        copy[key] = { ...mutate(inner, rnd), constructor: 'x' };
      } else {
        copy[key] = mutate(inner, rnd);
      }
    }
    return copy;
  }
  const r = rnd();
  if (r < 0.05) {
    return 'text';
  }
  if (r < 0.08) {
    return 1.5;
  }
  if (r < 0.1) {
    return 2n;
  }
  switch (typeof value) {
    case 'boolean':
      return rnd() < 0.5;
    case 'bigint':
      return BigInt(Math.floor(rnd() * 5) - 1);
    case 'number':
      return rnd() < 0.2 ? 0 : rnd() * 400;
    case 'string':
      return rnd() < 0.3 ? '' : value;
    default:
      return value;
  }
}

const extraRules = [
  'entity.tier == 1',
  'entity.tier != 2 && entity.tier < 3',
  '!(entity.tier > 1) || entity.tier <= 0',
  'entity.slo.latencyP99Ms >= 100.0',
  'entity.owner == "group:default/team-a" || entity.owner != ""',
  'entity.hasRunbook == true',
  'size(repository.codeowners.owners) == 0',
];

describe('compileRuleToJs', () => {
  it('compiles every rule of the default policy', () => {
    for (const check of defaultPolicy) {
      expect(compile(check.rule)).toBeDefined();
    }
  });

  it('writes strings from rules as data, never as code', () => {
    const rule = compile(
      'entity.owner != "\\"]; globalThis.injected = true; [\\"" && entity.owner != "\u2028`${1}`"',
    )!;
    expect(rule(prepared(exemplaryFacts()))).toBe(true);
    expect((globalThis as any).injected).toBeUndefined();
    const equal = compile('entity.owner == "\\"]; x; [\\""')!;
    const values: any = exemplaryFacts();
    values.entity.owner = '"]; x; ["';
    expect(equal(prepared(values))).toBe(true);
  });

  it('leaves rules outside its subset to the interpreter', () => {
    for (const rule of [
      'entity.owner < "m"', // CEL orders strings by code point
      'entity.tier + 1 > 1',
      'has(entity.owner)',
      'repository.codeowners.owners.exists(o, o == "x")',
      'size(entity.owner) > 0',
      'entity.tier in [1, 2]',
    ]) {
      expect(compile(rule)).toBeUndefined();
    }
    const parsed = typed.parse('size(repository.codeowners.owners) > 0');
    parsed.check();
    expect(
      compileRuleToJs(parsed.ast, { sizeIsBuiltIn: false }),
    ).toBeUndefined();
  });

  it('returns what the interpreter returns, or throws, for any fact values', () => {
    const rules = [...defaultPolicy.map(c => c.rule), ...extraRules];
    const compiled = rules.map(rule => ({
      rule,
      fast: compile(rule)!,
      slow: interpreter.parse(rule),
    }));
    const rnd = random(7);
    let answered = 0;
    let declined = 0;
    for (let round = 0; round < 400; round += 1) {
      const facts =
        round === 0
          ? prepared(exemplaryFacts())
          : mutate(prepared(exemplaryFacts()), rnd);
      for (const { rule, fast, slow } of compiled) {
        let expected: unknown;
        try {
          expected = slow(facts);
        } catch (error) {
          expected = error;
        }
        let actual: unknown;
        try {
          actual = fast(facts);
        } catch {
          declined += 1;
          continue;
        }
        answered += 1;
        if (actual !== expected) {
          throw new Error(
            `${rule}: compiled ${String(actual)}, interpreted ${String(
              expected,
            )} for ${JSON.stringify(facts, (_, v) =>
              typeof v === 'bigint' ? `${v}n` : v,
            )}`,
          );
        }
      }
    }
    // Both paths were exercised.
    expect(answered).toBeGreaterThan(declined);
    expect(declined).toBeGreaterThan(100);
  });

  it('gives group results equal to the interpreter, falling back on surprises', () => {
    const policy = compilePolicy({
      checks: defaultPolicy,
      factSets: builtInFactSets,
    });
    const rnd = random(11);
    for (let round = 0; round < 200; round += 1) {
      const facts = mutate(prepared(exemplaryFacts()), rnd);
      // Now and then a whole fact set is missing, null or not a plain object.
      const id = [...shapes.keys()][round % shapes.size];
      if (round % 7 === 1) {
        delete facts[id];
      } else if (round % 7 === 2) {
        facts[id] = null;
      } else if (round % 7 === 3) {
        facts[id] = new Map(Object.entries(facts[id] ?? {}));
      }
      for (const group of policy.groups) {
        const list = interpreter.parse(
          `[${group.checks.map(c => `(${c.rule})`).join(',\n')}]`,
        );
        let expected: unknown;
        try {
          expected = list(facts);
        } catch (error) {
          expected = (error as Error).message;
        }
        let actual: unknown;
        try {
          actual = group.runAll(facts);
        } catch (error) {
          actual = (error as Error).message;
        }
        expect(actual).toEqual(expected);
      }
    }
  });
});
