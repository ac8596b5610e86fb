/**
 * Normalised delivery records the KPI definitions read. The backend builds
 * them from GitHub webhook deliveries; the definitions know nothing of GitHub.
 */

/** One status of a deployment, as reported by the code host. @public */
export type DeploymentStatusRecord = {
  /** success, failure, error, inactive, in_progress, queued, pending. */
  state: string;
  at: Date;
};

/** A deployment and every status it has received. @public */
export type DeploymentRecord = {
  id: string;
  /** The environment name as sent; empty when the code host sent none. */
  environment: string;
  sha: string;
  createdAt: Date;
  statuses: DeploymentStatusRecord[];
};

/** A commit with its parents (from push events). @public */
export type CommitRecord = {
  sha: string;
  parents: string[];
  committedAt: Date;
};

/**
 * An incident, keyed by its issue id (repeated webhooks for one issue are one
 * incident).
 *
 * @public
 */
export type IncidentRecord = {
  issueId: string;
  openedAt: Date;
  closedAt?: Date;
  /** When the impact started, when recorded on the incident. */
  impactStartedAt?: Date;
};

/** A completed workflow run (CI, CD or CT pipeline). @public */
export type WorkflowRunRecord = {
  id: string;
  headBranch: string;
  defaultBranch: string;
  /** success, failure, cancelled, skipped, timed_out, neutral, … */
  conclusion: string;
  completedAt: Date;
};

/** Everything known about one model's delivery. @public */
export type DeliveryRecords = {
  deployments: DeploymentRecord[];
  commits: CommitRecord[];
  incidents: IncidentRecord[];
  workflowRuns: WorkflowRunRecord[];
};
