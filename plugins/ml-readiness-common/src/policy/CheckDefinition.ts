import { z } from 'zod';
import {
  modelStageSchema,
  ModelStage,
  ModelTier,
  ReadinessLevel,
  readinessLevelSchema,
} from './levels';

/** The categories of the production-readiness checklist. @public */
export const checkCategories = [
  'ownership-documentation',
  'testing-quality',
  'reproducibility',
  'deployment-rollback',
  'monitoring',
  'security-supply-chain',
  'governance',
  'delivery',
] as const;

/** A checklist category. @public */
export type CheckCategory = (typeof checkCategories)[number];

/** Display names of the categories. @public */
export const checkCategoryTitles: Record<CheckCategory, string> = {
  'ownership-documentation': 'Ownership & documentation',
  'testing-quality': 'Testing & quality gates',
  reproducibility: 'Reproducibility',
  'deployment-rollback': 'Deployment & rollback',
  monitoring: 'Monitoring',
  'security-supply-chain': 'Security & supply chain',
  governance: 'Governance',
  delivery: 'Delivery',
};

/**
 * One check of a readiness policy. The rule is a CEL expression over the
 * fact sets listed in `facts` (each a top-level variable) that must evaluate
 * to a boolean; `true` means pass.
 *
 * @public
 */
export interface CheckDefinition {
  /** Stable identifier, lowercase kebab-case, e.g. `runbook-linked`. */
  id: string;
  title: string;
  category: CheckCategory;
  /** The level this check belongs to. */
  level: ReadinessLevel;
  /** Tiers the check applies to; not applicable for other tiers. */
  tiers: ModelTier[];
  /** Stages the check applies to; not applicable in other stages. */
  stages: ModelStage[];
  /** Fact set ids the rule reads. */
  facts: string[];
  /** CEL expression returning bool. */
  rule: string;
  /** Rule in plain words, for people and the README. */
  description: string;
  /**
   * Maximum age of the facts, as a duration like `36h`, `7d` or `90m`.
   * Older facts make the check `unknown`.
   */
  freshness: string;
  /** What to do when the check fails. */
  remediation: string;
  /** Link to the golden-path part that fixes it (URL or portal path). */
  goldenPathLink: string;
}

const idPattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const durationPattern = /^(\d+)(m|h|d)$/;

/**
 * zod schema of one check as written in config or a policy YAML file.
 * `tiers` and `stages` default to every tier and every live stage.
 *
 * @public
 */
export const checkDefinitionSchema = z
  .object({
    id: z
      .string()
      .regex(idPattern, 'must be lowercase kebab-case, e.g. runbook-linked'),
    title: z.string().min(1),
    category: z.enum(checkCategories),
    level: readinessLevelSchema,
    tiers: z
      .array(z.union([z.literal(1), z.literal(2), z.literal(3)]))
      .min(1)
      .default([1, 2, 3]),
    stages: z
      .array(modelStageSchema)
      .min(1)
      .default(['development', 'staging', 'production']),
    facts: z.array(z.string().min(1)).min(1),
    rule: z.string().min(1),
    description: z.string().min(1),
    freshness: z
      .string()
      .regex(durationPattern, 'must be a duration like 90m, 36h or 7d'),
    remediation: z.string().min(1),
    goldenPathLink: z.string().min(1),
  })
  .strict();

/**
 * Converts a freshness duration (`90m`, `36h`, `7d`) to milliseconds.
 *
 * @public
 */
export function freshnessToMillis(freshness: string): number {
  const match = durationPattern.exec(freshness);
  if (!match) {
    throw new Error(
      `Invalid freshness '${freshness}', expected a duration like 90m, 36h or 7d`,
    );
  }
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[
    match[2] as 'm' | 'h' | 'd'
  ];
  return Number(match[1]) * unit;
}
