import { z } from 'zod';
import { defineFactSet } from './FactSetDefinition';

/**
 * Facts read from the hosting service's repository settings (GitHub): branch
 * protection or rulesets on the default branch and the `production`
 * environment. A local-git repository has no such settings, so its collector
 * reports this fact set as unavailable with the reason.
 *
 * @public
 */
export const repositorySettingsFactsSchema = z.object({
  defaultBranch: z.object({
    /** Protected by classic branch protection or an active ruleset. */
    protected: z.boolean(),
    /** Status check contexts required before merging. */
    requiredStatusChecks: z.array(z.string()),
    requiresCodeOwnerReviews: z.boolean(),
    requiredApprovingReviews: z.number().int(),
  }),
  productionEnvironment: z.object({
    exists: z.boolean(),
    /** Users and teams required to approve a deployment. */
    requiredReviewers: z.number().int(),
    preventSelfReview: z.boolean(),
  }),
});

/** @public */
export type RepositorySettingsFacts = z.infer<
  typeof repositorySettingsFactsSchema
>;

/** @public */
export const repositorySettingsFactSet = defineFactSet({
  id: 'repositorySettings',
  version: 1,
  description:
    "The repository's protection settings: default-branch protection and the production environment's reviewers.",
  schema: repositorySettingsFactsSchema,
});
