import { z } from 'zod';
import { defineFactSet } from './FactSetDefinition';

/**
 * Facts read from the contents of the model's repository (default branch),
 * on GitHub or in a local-git checkout. Workflow facts come from parsing the
 * workflow YAML (jobs and steps), never from grepping text.
 *
 * @public
 */
export const repositoryFactsSchema = z.object({
  /** `github` or `local-git`. */
  source: z.string(),
  /** Commit the facts were read at. */
  commit: z.string(),
  ci: z.object({
    /** At least one workflow under `.github/workflows/`. */
    hasWorkflow: z.boolean(),
    /** A workflow step runs the test suite (e.g. pytest). */
    runsTests: z.boolean(),
    /** A step validates the training/scoring data. */
    runsDataValidation: z.boolean(),
    /** A step runs the evaluation gate against thresholds and the champion. */
    runsEvaluationGate: z.boolean(),
    /** A step scans dependencies for vulnerabilities. */
    runsDependencyScan: z.boolean(),
    /** A step scans the container image. */
    runsContainerScan: z.boolean(),
    /** The CD workflow asks the readiness gate before deploying to production. */
    callsReadinessGate: z.boolean(),
    /** The production deployment job uses a GitHub environment named `production`. */
    usesProductionEnvironment: z.boolean(),
  }),
  container: z.object({
    hasDockerfile: z.boolean(),
    /** The final stage sets a non-root USER. */
    runsAsNonRoot: z.boolean(),
  }),
  deployment: z.object({
    hasManifests: z.boolean(),
    /** Manifests roll out progressively (canary traffic split or equivalent). */
    hasCanary: z.boolean(),
    /** Alerting rules (PrometheusRule) ship with the manifests. */
    hasAlertRules: z.boolean(),
    /** Drift detection is configured (config file or job). */
    hasDriftConfig: z.boolean(),
  }),
  docs: z.object({
    modelCardPresent: z.boolean(),
    /** Days since the model card last changed; -1 when not present. */
    modelCardAgeDays: z.number(),
    rollbackRunbookPresent: z.boolean(),
    /** Days since the rollback runbook last changed; -1 when not present. */
    rollbackRunbookAgeDays: z.number(),
  }),
  codeowners: z.object({
    present: z.boolean(),
    /** Owners named by CODEOWNERS (e.g. `@acme/risk-ml`). */
    owners: z.array(z.string()),
  }),
  reproducibility: z.object({
    /** Dependencies pinned (lock or constraints file with exact versions). */
    dependenciesPinned: z.boolean(),
    /** Data validation rules/expectations are versioned in the repository. */
    hasDataValidationConfig: z.boolean(),
    /** Evaluation thresholds are versioned in the repository. */
    hasEvaluationThresholds: z.boolean(),
  }),
  goldenPath: z.object({
    /** `.golden-path/answers.yaml` present and parseable. */
    answersPresent: z.boolean(),
    template: z.string(),
    version: z.string(),
    /** The recorded version is the newest released version of that template. */
    isCurrent: z.boolean(),
  }),
  security: z.object({
    /** Likely secrets committed (private keys, tokens); 0 is clean. */
    secretFindings: z.number().int(),
  }),
  /** A tests folder with at least one test module. */
  hasTests: z.boolean(),
});

/** @public */
export type RepositoryFacts = z.infer<typeof repositoryFactsSchema>;

/** @public */
export const repositoryFactSet = defineFactSet({
  id: 'repository',
  version: 1,
  description:
    "The model repository's contents: CI workflow steps, container, manifests, documents, CODEOWNERS, reproducibility and golden-path record.",
  schema: repositoryFactsSchema,
});
