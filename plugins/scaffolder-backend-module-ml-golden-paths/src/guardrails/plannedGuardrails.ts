/** Approving reviews the guardrails require on the default branch. */
export const REQUIRED_APPROVING_REVIEWS = 1;

/** A required reviewer of a GitHub environment, as the REST API takes it. */
export type EnvironmentReviewer = { type: 'User' | 'Team'; id: number };

/**
 * The branch protection `mlgp:github:guardrails` puts on the default branch:
 * the CI checks (up to date with the base), one approving review that must
 * include a code owner (CODEOWNERS), stale approvals dismissed, and admins
 * held to the same rules.
 */
export function plannedBranchProtection(requiredChecks: string[]) {
  return {
    required_status_checks: { strict: true, contexts: requiredChecks },
    enforce_admins: true,
    required_pull_request_reviews: {
      required_approving_review_count: REQUIRED_APPROVING_REVIEWS,
      dismiss_stale_reviews: true,
      require_code_owner_reviews: true,
    },
    restrictions: null,
  };
}

/**
 * The `production` environment the guardrails configure: the reviewers must
 * approve, the person who started a deployment cannot approve it, and only
 * protected branches deploy.
 */
export function plannedProductionEnvironment(reviewers: EnvironmentReviewer[]) {
  return {
    reviewers,
    prevent_self_review: true,
    deployment_branch_policy: {
      protected_branches: true,
      custom_branch_policies: false,
    },
  };
}
