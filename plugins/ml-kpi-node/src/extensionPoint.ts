import {
  createExtensionPoint,
  LoggerService,
} from '@backstage/backend-plugin-api';

/**
 * One object a backfill source read from the code host. Deployment statuses,
 * workflow runs and issues are given in the shape of the matching webhook
 * payload (GitHub's REST objects have the same fields), so they go through
 * the same validation and mapping as webhook deliveries and become the same
 * records. Commits come with their parents as GitHub reports them (from a
 * compare or a commit list); these replace parents a push event implied.
 *
 * @public
 */
export type KpiBackfillItem =
  | {
      event: 'deployment_status' | 'workflow_run' | 'issues';
      payload: unknown;
    }
  | {
      commits: Array<{ sha: string; parents: string[]; committedAt: Date }>;
    };

/** A successful production deployment known to the KPI store. @public */
export type KpiProductionSuccess = {
  deploymentId: string;
  sha: string;
  /** The time of its first `success` status. */
  at: Date;
};

/**
 * What a backfill source gets for one repository: settings, its resumable
 * state, and the one write path into the KPI store.
 *
 * @public
 */
export interface KpiBackfillContext {
  /** `owner/name` as annotated on the models. */
  readonly repository: string;
  readonly now: Date;
  readonly settings: {
    productionEnvironments: readonly string[];
    windowDays: number;
    lookbackDays: number;
  };
  readonly logger: LoggerService;
  /** The stored state (watermark) of one resource of this repository. */
  loadState(resource: string): Promise<unknown | undefined>;
  /** Stores the state of one resource; a later run resumes from it. */
  saveState(resource: string, state: unknown): Promise<void>;
  /**
   * Validates and stores items for every model of the repository, in one
   * transaction. Malformed items are skipped, counted and named in the log.
   */
  store(
    items: KpiBackfillItem[],
  ): Promise<{ stored: number; malformed: number }>;
  /** Successful production deployments known so far, oldest success first. */
  productionSuccesses(): Promise<KpiProductionSuccess[]>;
  /** Adds to a named ingest counter (e.g. `backfill.compareNotFound`). */
  count(counter: string, by?: number): Promise<void>;
}

/** Reads a repository's delivery history from a code host. @public */
export interface KpiBackfillSource {
  /** Names the source in logs and counters, e.g. `github`. */
  readonly id: string;
  /**
   * Backfills one repository. Throws a NotFoundError (from
   * `@backstage/errors`) when the repository does not exist or is not
   * readable; other errors are logged and the next run resumes.
   */
  backfill(context: KpiBackfillContext): Promise<void>;
}

/** Lets modules add backfill sources to the KPI plugin. @public */
export interface KpiBackfillExtensionPoint {
  addSource(source: KpiBackfillSource): void;
}

/** @public */
export const kpiBackfillExtensionPoint =
  createExtensionPoint<KpiBackfillExtensionPoint>({
    id: 'ml-kpi.backfill',
  });
