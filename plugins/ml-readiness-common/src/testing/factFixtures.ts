import { EntityFacts } from '../facts/entityFacts';
import { RepositoryFacts } from '../facts/repositoryFacts';
import { RepositorySettingsFacts } from '../facts/repositorySettingsFacts';

/**
 * Facts of a model that meets every default check: a tier-1 production model
 * created from the current golden path on GitHub with all settings in place.
 * Tests derive failing fixtures from it one field at a time.
 *
 * @public
 */
export function exemplaryFacts(): {
  entity: EntityFacts;
  repository: RepositoryFacts;
  repositorySettings: RepositorySettingsFacts;
} {
  return {
    entity: {
      owner: 'group:default/risk-ml',
      ownerExists: true,
      hasOnCall: true,
      hasDescription: true,
      hasRunbook: true,
      hasModelCard: true,
      hasSystem: true,
      tier: 1,
      stage: 'production',
      servingPattern: 'online',
      slo: { defined: true, latencyP99Ms: 150, availability: 99.9 },
      monitoring: { dashboard: true, drift: true, dataQuality: true },
      versions: {
        count: 2,
        productionApproved: true,
        productionHasDataset: true,
        productionHasCodeCommit: true,
        productionHasMetrics: true,
      },
      lineage: { datasets: 1, pipelines: 1, servers: 1 },
      goldenPath: { template: 'online-inference', version: '1.2.0' },
      repository: 'acme/fraud-scoring',
    },
    repository: {
      source: 'github',
      commit: '3f2c1e0',
      ci: {
        hasWorkflow: true,
        runsTests: true,
        runsDataValidation: true,
        runsEvaluationGate: true,
        runsDependencyScan: true,
        runsContainerScan: true,
        callsReadinessGate: true,
        usesProductionEnvironment: true,
      },
      container: { hasDockerfile: true, runsAsNonRoot: true },
      deployment: {
        hasManifests: true,
        hasCanary: true,
        hasAlertRules: true,
        hasDriftConfig: true,
      },
      docs: {
        modelCardPresent: true,
        modelCardAgeDays: 12,
        rollbackRunbookPresent: true,
        rollbackRunbookAgeDays: 30,
      },
      codeowners: { present: true, owners: ['@acme/risk-ml'] },
      reproducibility: {
        dependenciesPinned: true,
        hasDataValidationConfig: true,
        hasEvaluationThresholds: true,
      },
      goldenPath: {
        answersPresent: true,
        template: 'online-inference',
        version: '1.2.0',
        isCurrent: true,
      },
      security: { secretFindings: 0 },
      hasTests: true,
    },
    repositorySettings: {
      defaultBranch: {
        protected: true,
        requiredStatusChecks: ['ci / test'],
        requiresCodeOwnerReviews: true,
        requiredApprovingReviews: 1,
      },
      productionEnvironment: {
        exists: true,
        requiredReviewers: 1,
        preventSelfReview: true,
      },
    },
  };
}
