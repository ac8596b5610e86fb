import { z } from 'zod';
import {
  EnvironmentReviewer,
  REQUIRED_APPROVING_REVIEWS,
} from './plannedGuardrails';

const enabledSchema = z.object({ enabled: z.boolean() }).optional();

/** The fields of `GET /repos/{o}/{r}/branches/{b}/protection` we compare. */
export const branchProtectionSchema = z.object({
  required_status_checks: z
    .object({
      contexts: z.array(z.string()).optional(),
      checks: z.array(z.object({ context: z.string() })).optional(),
    })
    .nullish(),
  required_pull_request_reviews: z
    .object({
      required_approving_review_count: z.number().optional(),
      require_last_push_approval: z.boolean().optional(),
      dismissal_restrictions: z
        .object({
          users: z.array(z.unknown()).optional(),
          teams: z.array(z.unknown()).optional(),
          apps: z.array(z.unknown()).optional(),
        })
        .nullish(),
    })
    .nullish(),
  restrictions: z
    .object({
      users: z.array(z.unknown()).optional(),
      teams: z.array(z.unknown()).optional(),
      apps: z.array(z.unknown()).optional(),
    })
    .nullish(),
  required_linear_history: enabledSchema,
  required_conversation_resolution: enabledSchema,
  lock_branch: enabledSchema,
  block_creations: enabledSchema,
});

/** Existing branch protection, as far as the comparison needs it. */
export type ExistingBranchProtection = z.infer<typeof branchProtectionSchema>;

/** The fields of `GET /repos/{o}/{r}/environments/{name}` we compare. */
export const environmentSchema = z.object({
  can_admins_bypass: z.boolean().optional(),
  protection_rules: z
    .array(
      z.object({
        type: z.string(),
        wait_timer: z.number().optional(),
        reviewers: z
          .array(
            z.object({
              type: z.string(),
              reviewer: z
                .object({
                  id: z.number(),
                  login: z.string().optional(),
                  slug: z.string().optional(),
                })
                .nullish(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
  deployment_branch_policy: z
    .object({
      protected_branches: z.boolean(),
      custom_branch_policies: z.boolean(),
    })
    .nullish(),
});

/** An existing environment, as far as the comparison needs it. */
export type ExistingEnvironment = z.infer<typeof environmentSchema>;

const TOGGLES = [
  ['required_linear_history', 'linear history'],
  ['required_conversation_resolution', 'conversation resolution'],
  ['lock_branch', 'the branch lock'],
  ['block_creations', 'blocked branch creation'],
] as const;

function anyEntries(
  value?: {
    users?: unknown[];
    teams?: unknown[];
    apps?: unknown[];
  } | null,
): boolean {
  return Boolean(
    value && (value.users?.length || value.teams?.length || value.apps?.length),
  );
}

/**
 * Lists, in words, what applying the guardrails would weaken on a branch
 * that is already protected: required checks it would drop, a higher review
 * count, push or dismissal restrictions, last-push approval and the other
 * settings GitHub resets when protection is replaced. Empty when nothing is
 * weakened (or the branch is unprotected).
 */
export function findBranchWeakenings(options: {
  branch: string;
  existing?: ExistingBranchProtection;
  requiredChecks: string[];
}): string[] {
  const { branch, existing, requiredChecks } = options;
  if (!existing) {
    return [];
  }
  const found: string[] = [];
  const checks = existing.required_status_checks;
  const existingChecks = new Set([
    ...(checks?.contexts ?? []),
    ...(checks?.checks ?? []).map(check => check.context),
  ]);
  const dropped = [...existingChecks].filter(
    check => !requiredChecks.includes(check),
  );
  if (dropped.length > 0) {
    found.push(
      `branch ${branch}: required status checks ${dropped
        .map(check => `'${check}'`)
        .join(', ')} would no longer be required`,
    );
  }
  const reviews = existing.required_pull_request_reviews;
  const count = reviews?.required_approving_review_count ?? 0;
  if (count > REQUIRED_APPROVING_REVIEWS) {
    found.push(
      `branch ${branch}: ${count} approving reviews are required today; the guardrails require ${REQUIRED_APPROVING_REVIEWS}`,
    );
  }
  if (reviews?.require_last_push_approval) {
    found.push(
      `branch ${branch}: approval of the most recent push would no longer be required`,
    );
  }
  if (anyEntries(reviews?.dismissal_restrictions)) {
    found.push(
      `branch ${branch}: the restriction on who may dismiss reviews would be removed`,
    );
  }
  if (anyEntries(existing.restrictions)) {
    found.push(
      `branch ${branch}: the restriction on who may push would be removed`,
    );
  }
  for (const [key, label] of TOGGLES) {
    if (existing[key]?.enabled) {
      found.push(`branch ${branch}: ${label} would be switched off`);
    }
  }
  return found;
}

/**
 * Lists what configuring `production` would weaken on an existing
 * environment: required reviewers it would remove, a wait timer it would
 * drop, custom deployment branch rules it would replace.
 */
export function findEnvironmentWeakenings(options: {
  name: string;
  existing?: ExistingEnvironment;
  reviewers: EnvironmentReviewer[];
}): string[] {
  const { name, existing, reviewers } = options;
  if (!existing) {
    return [];
  }
  const found: string[] = [];
  const planned = new Set(reviewers.map(r => `${r.type}:${r.id}`));
  for (const rule of existing.protection_rules ?? []) {
    if (rule.type === 'required_reviewers') {
      const removed = (rule.reviewers ?? []).filter(
        r => r.reviewer && !planned.has(`${r.type}:${r.reviewer.id}`),
      );
      if (removed.length > 0) {
        found.push(
          `environment ${name}: required reviewers ${removed
            .map(
              r =>
                `${r.type.toLocaleLowerCase('en-US')} ${
                  r.reviewer?.slug ?? r.reviewer?.login ?? r.reviewer?.id
                }`,
            )
            .join(', ')} would be removed`,
        );
      }
    }
    if (rule.type === 'wait_timer' && (rule.wait_timer ?? 0) > 0) {
      found.push(
        `environment ${name}: the ${rule.wait_timer}-minute wait timer would be removed`,
      );
    }
  }
  if (existing.deployment_branch_policy?.custom_branch_policies) {
    found.push(
      `environment ${name}: its custom deployment branch rules would be replaced by "protected branches"`,
    );
  }
  return found;
}
