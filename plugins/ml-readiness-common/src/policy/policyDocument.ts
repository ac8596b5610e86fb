import { z } from 'zod';
import { FactSetDefinition } from '../facts/FactSetDefinition';
import { CheckDefinition } from './CheckDefinition';
import {
  CheckFunction,
  compilePolicy,
  CompiledPolicy,
  PolicyError,
} from './compilePolicy';
import { defaultPolicy } from './defaultPolicy';
import { defaultTierLevels, readinessLevelSchema, TierLevels } from './levels';

/**
 * How an organisation changes the policy, from config
 * (`mlGoldenPaths.readiness.policy`) or a YAML file with the same shape:
 * `extend` adds `checks` to the default policy (minus `disabledChecks`),
 * `replace` uses only `checks`.
 *
 * @public
 */
export const policyDocumentSchema = z
  .object({
    mode: z.enum(['extend', 'replace']).default('extend'),
    /** Check definitions, validated one by one by compilePolicy. */
    checks: z.array(z.unknown()).default([]),
    /** Ids of default checks to drop (extend mode). */
    disabledChecks: z.array(z.string()).default([]),
    tierLevels: z
      .object({
        '1': readinessLevelSchema.optional(),
        '2': readinessLevelSchema.optional(),
        '3': readinessLevelSchema.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** A parsed policy document. @public */
export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

/**
 * Builds and compiles the effective policy from the default checks and zero
 * or more policy documents (applied in order: config, then file). Throws a
 * {@link PolicyError} naming the check and position when anything is wrong.
 *
 * @public
 */
export function buildPolicy(options: {
  documents?: ReadonlyArray<{ source: string; document: unknown }>;
  factSets: readonly FactSetDefinition[];
  functions?: readonly CheckFunction[];
  defaults?: readonly CheckDefinition[];
}): CompiledPolicy {
  let checks: unknown[] = [...(options.defaults ?? defaultPolicy)];
  let tierLevels: TierLevels = { ...defaultTierLevels };
  for (const { source, document } of options.documents ?? []) {
    const parsed = policyDocumentSchema.safeParse(document ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PolicyError(
        `Invalid policy in ${source}, field '${issue.path.join('.')}': ${
          issue.message
        }`,
      );
    }
    const doc = parsed.data;
    if (doc.mode === 'replace') {
      checks = [...doc.checks];
    } else {
      const ids = new Set(checks.map(c => (c as CheckDefinition).id));
      for (const id of doc.disabledChecks) {
        if (!ids.has(id)) {
          throw new PolicyError(
            `Invalid policy in ${source}, field 'disabledChecks': no check with id '${id}'`,
            { checkId: id },
          );
        }
      }
      const disabled = new Set(doc.disabledChecks);
      checks = [
        ...checks.filter(c => !disabled.has((c as CheckDefinition).id)),
        ...doc.checks,
      ];
    }
    if (doc.tierLevels) {
      tierLevels = {
        1: doc.tierLevels['1'] ?? tierLevels[1],
        2: doc.tierLevels['2'] ?? tierLevels[2],
        3: doc.tierLevels['3'] ?? tierLevels[3],
      };
    }
  }
  if (checks.length === 0) {
    throw new PolicyError('Invalid policy: it has no checks');
  }
  return compilePolicy({
    checks,
    factSets: options.factSets,
    functions: options.functions,
    tierLevels,
  });
}
