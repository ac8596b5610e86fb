import { builtInFactSets } from '../facts';
import { CheckDefinition } from './CheckDefinition';
import { compilePolicy, PolicyError } from './compilePolicy';
import { defaultPolicy } from './defaultPolicy';
import { buildPolicy } from './policyDocument';

const base: CheckDefinition = {
  id: 'runbook-linked',
  title: 'Runbook linked',
  category: 'ownership-documentation',
  level: 'silver',
  tiers: [1, 2, 3],
  stages: ['production'],
  facts: ['entity'],
  rule: 'entity.hasRunbook',
  description: 'A runbook is linked.',
  freshness: '2d',
  remediation: 'Link a runbook.',
  goldenPathLink: 'templates/golden-paths',
};

function compile(...checks: unknown[]) {
  return compilePolicy({ checks, factSets: builtInFactSets });
}

function errorOf(fn: () => unknown): PolicyError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return error as PolicyError;
  }
  throw new Error('expected a PolicyError');
}

describe('compilePolicy', () => {
  it('compiles the default policy', () => {
    const policy = compile(...defaultPolicy);
    expect(policy.checks).toHaveLength(defaultPolicy.length);
    expect(policy.checksById.get('runbook-linked')?.freshnessMs).toBe(
      2 * 86_400_000,
    );
  });

  it('names the check and position of a syntax error', () => {
    const error = errorOf(() =>
      compile(base, { ...base, id: 'broken', rule: 'entity.hasRunbook &&' }),
    );
    expect(error.message).toMatch(
      /check 'broken' \(#2\), field 'rule': syntax error at line 1, column 21/,
    );
    expect(error.checkId).toBe('broken');
    expect(error.position).toEqual({ line: 1, column: 21 });
  });

  it('names the position on later lines of a multi-line rule', () => {
    const error = errorOf(() =>
      compile({ ...base, rule: 'entity.hasRunbook &&\n  entity.nope' }),
    );
    expect(error.message).toMatch(
      /type error at line 2, column 10: No such key: nope/,
    );
  });

  it('rejects an unknown field of a fact set', () => {
    const error = errorOf(() =>
      compile({ ...base, rule: 'entity.hasRunBook' }),
    );
    expect(error.message).toContain(
      "check 'runbook-linked' (#1), field 'rule': type error",
    );
    expect(error.message).toContain('hasRunBook');
  });

  it('rejects an unknown fact set in facts', () => {
    const error = errorOf(() =>
      compile({ ...base, facts: ['entity', 'prometheus'] }),
    );
    expect(error.message).toContain(
      "field 'facts.1': unknown fact set 'prometheus' (known: entity, repository, repositorySettings)",
    );
  });

  it('rejects a rule reading a fact set it does not declare', () => {
    const error = errorOf(() =>
      compile({ ...base, rule: 'entity.hasRunbook && repository.hasTests' }),
    );
    expect(error.message).toMatch(
      /field 'rule': type error at line 1, column 22/,
    );
  });

  it('rejects wrong types', () => {
    expect(
      errorOf(() => compile({ ...base, rule: 'entity.tier == "1"' })).message,
    ).toMatch(/type error/);
    expect(
      errorOf(() => compile({ ...base, rule: 'entity.owner' })).message,
    ).toContain('the rule must return bool, it returns string');
  });

  it('rejects a duplicate id', () => {
    expect(errorOf(() => compile(base, base)).message).toBe(
      "Invalid policy: duplicate check id 'runbook-linked' (checks #1 and #2)",
    );
  });

  it('names the field of a malformed check', () => {
    expect(
      errorOf(() => compile({ ...base, level: 'platinum' })).message,
    ).toContain("check 'runbook-linked' (#1), field 'level'");
    expect(
      errorOf(() => compile({ ...base, freshness: 'soon' })).message,
    ).toContain("field 'freshness': must be a duration like 90m, 36h or 7d");
    expect(errorOf(() => compile({ ...base, id: 'Bad Id' })).message).toContain(
      "field 'id': must be lowercase kebab-case",
    );
    const { rule: _rule, ...noRule } = base;
    expect(errorOf(() => compile(noRule)).message).toContain(
      "field 'rule': Required",
    );
    expect(errorOf(() => compile({ ...base, extra: 1 })).message).toContain(
      "Unrecognized key(s) in object: 'extra'",
    );
  });

  it('lets extra functions be called from rules, type-checked', () => {
    const policy = compilePolicy({
      checks: [{ ...base, rule: 'isGroup(entity.owner)' }],
      factSets: builtInFactSets,
      functions: [
        {
          signature: 'isGroup(string): bool',
          handler: (ref: string) => ref.startsWith('group:'),
          description: 'Whether a ref names a group',
        },
      ],
    });
    expect(policy.checks).toHaveLength(1);
    expect(() => compile({ ...base, rule: 'isGroup(entity.owner)' })).toThrow(
      PolicyError,
    );
  });
});

describe('buildPolicy', () => {
  const extra = { ...base, id: 'custom-check', rule: 'entity.tier <= 2' };

  it('extends the default policy, dropping disabled checks', () => {
    const policy = buildPolicy({
      factSets: builtInFactSets,
      documents: [
        {
          source: 'config',
          document: { checks: [extra], disabledChecks: ['lineage-pipeline'] },
        },
      ],
    });
    expect(policy.checksById.has('custom-check')).toBe(true);
    expect(policy.checksById.has('lineage-pipeline')).toBe(false);
    expect(policy.checks).toHaveLength(defaultPolicy.length);
  });

  it('replaces the default policy and maps tiers to levels', () => {
    const policy = buildPolicy({
      factSets: builtInFactSets,
      documents: [
        {
          source: 'policy.yaml',
          document: {
            mode: 'replace',
            checks: [extra],
            tierLevels: { '3': 'silver' },
          },
        },
      ],
    });
    expect(policy.checks.map(c => c.id)).toEqual(['custom-check']);
    expect(policy.tierLevels).toEqual({ 1: 'gold', 2: 'silver', 3: 'silver' });
  });

  it('names the source and field of a bad document', () => {
    expect(() =>
      buildPolicy({
        factSets: builtInFactSets,
        documents: [{ source: 'policy.yaml', document: { mode: 'merge' } }],
      }),
    ).toThrow(/Invalid policy in policy.yaml, field 'mode'/);
    expect(() =>
      buildPolicy({
        factSets: builtInFactSets,
        documents: [
          { source: 'config', document: { disabledChecks: ['nope'] } },
        ],
      }),
    ).toThrow(
      "Invalid policy in config, field 'disabledChecks': no check with id 'nope'",
    );
    expect(() =>
      buildPolicy({
        factSets: builtInFactSets,
        documents: [
          {
            source: 'config',
            document: { checks: [{ ...base, id: 'owner-defined' }] },
          },
        ],
      }),
    ).toThrow("duplicate check id 'owner-defined'");
    expect(() =>
      buildPolicy({
        factSets: builtInFactSets,
        documents: [{ source: 'config', document: { mode: 'replace' } }],
      }),
    ).toThrow('Invalid policy: it has no checks');
  });
});
