import { Octokit } from '@octokit/rest';
import { RepositorySettingsFacts } from '@ml-golden-paths/plugin-ml-readiness-common';
import { isPlanLimitation, statusOf } from './githubErrors';

type Target = { owner: string; repo: string; branch: string };

/** A permission problem that makes the settings unknowable, with its reason. */
export class SettingsUnreadableError extends Error {}

async function classicProtection(octokit: Octokit, target: Target) {
  try {
    const { data } = await octokit.rest.repos.getBranchProtection({
      owner: target.owner,
      repo: target.repo,
      branch: target.branch,
    });
    const checks = data.required_status_checks;
    const contexts = new Set<string>(checks?.contexts ?? []);
    for (const check of checks?.checks ?? []) {
      contexts.add(check.context);
    }
    const reviews = data.required_pull_request_reviews;
    return {
      protected: true,
      requiredStatusChecks: [...contexts],
      requiresCodeOwnerReviews: reviews?.require_code_owner_reviews ?? false,
      requiredApprovingReviews: reviews?.required_approving_review_count ?? 0,
    };
  } catch (error) {
    // 404 "Branch not protected"; a plan without protection for private repositories.
    if (statusOf(error) === 404 || isPlanLimitation(error)) {
      return undefined;
    }
    if (statusOf(error) === 403) {
      throw new SettingsUnreadableError(
        `the configured GitHub credentials cannot read the branch protection of ${target.owner}/${target.repo} (needs Administration: read)`,
      );
    }
    throw error;
  }
}

type BranchRule = {
  type: string;
  parameters?: {
    required_status_checks?: Array<{ context: string }>;
    require_code_owner_review?: boolean;
    required_approving_review_count?: number;
  };
};

/** Rules of active rulesets that guard the branch. */
const PROTECTIVE_RULES = new Set([
  'pull_request',
  'required_status_checks',
  'non_fast_forward',
  'deletion',
  'update',
  'required_signatures',
  'required_linear_history',
  'required_deployments',
]);

async function rulesetRules(
  octokit: Octokit,
  target: Target,
): Promise<BranchRule[]> {
  try {
    const { data } = await octokit.rest.repos.getBranchRules({
      owner: target.owner,
      repo: target.repo,
      branch: target.branch,
      per_page: 100,
    });
    return data as BranchRule[];
  } catch (error) {
    if (statusOf(error) === 404 || isPlanLimitation(error)) {
      return [];
    }
    throw error;
  }
}

async function productionEnvironment(
  octokit: Octokit,
  target: Target,
): Promise<RepositorySettingsFacts['productionEnvironment']> {
  try {
    const { data } = await octokit.rest.repos.getEnvironment({
      owner: target.owner,
      repo: target.repo,
      environment_name: 'production',
    });
    let requiredReviewers = 0;
    let preventSelfReview = false;
    for (const rule of data.protection_rules ?? []) {
      if (rule.type === 'required_reviewers') {
        const reviewers = (rule as { reviewers?: unknown[] }).reviewers ?? [];
        requiredReviewers += reviewers.length;
        preventSelfReview ||=
          (rule as { prevent_self_review?: boolean }).prevent_self_review ===
          true;
      }
    }
    return { exists: true, requiredReviewers, preventSelfReview };
  } catch (error) {
    if (statusOf(error) === 404) {
      return { exists: false, requiredReviewers: 0, preventSelfReview: false };
    }
    throw error;
  }
}

/**
 * Reads the default branch's protection — classic branch protection merged
 * with the rules of active rulesets (`GET /rules/branches/{branch}`) — and
 * the `production` environment's required reviewers. An unprotected branch
 * (404) and a missing environment (404) are facts, not errors; a token that
 * may not read protection raises {@link SettingsUnreadableError}.
 */
export async function readRepositorySettings(
  octokit: Octokit,
  target: Target,
): Promise<RepositorySettingsFacts> {
  const [classic, rules, environment] = await Promise.all([
    classicProtection(octokit, target),
    rulesetRules(octokit, target),
    productionEnvironment(octokit, target),
  ]);
  const checks = new Set(classic?.requiredStatusChecks ?? []);
  let requiresCodeOwnerReviews = classic?.requiresCodeOwnerReviews ?? false;
  let requiredApprovingReviews = classic?.requiredApprovingReviews ?? 0;
  for (const rule of rules) {
    if (rule.type === 'required_status_checks') {
      for (const check of rule.parameters?.required_status_checks ?? []) {
        checks.add(check.context);
      }
    } else if (rule.type === 'pull_request') {
      requiresCodeOwnerReviews ||=
        rule.parameters?.require_code_owner_review === true;
      requiredApprovingReviews = Math.max(
        requiredApprovingReviews,
        rule.parameters?.required_approving_review_count ?? 0,
      );
    }
  }
  return {
    defaultBranch: {
      protected:
        classic !== undefined ||
        rules.some(rule => PROTECTIVE_RULES.has(rule.type)),
      requiredStatusChecks: [...checks].sort(),
      requiresCodeOwnerReviews,
      requiredApprovingReviews,
    },
    productionEnvironment: environment,
  };
}
