import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  AchievedLevel,
  CheckDefinition,
  ReadinessLevel,
  Exemption,
  ExemptionCreateRequest,
  GateDecision,
  GateRequest,
  GradeHistoryEntry,
  ModelStage,
  OverviewPage,
  Scorecard,
} from '@ml-golden-paths/plugin-ml-readiness-common';

/** Sort fields the overview accepts. */
export const overviewSortFields = [
  'entityRef',
  'level',
  'tier',
  'failing',
  'owner',
  'gradedAt',
] as const;

/** A field the overview can be sorted by. */
export type OverviewSortField = (typeof overviewSortFields)[number];

/** Filters, sort and page of an overview request (all applied by the backend). */
export interface OverviewQuery {
  /** Owner entity ref; the backend includes the owner's child teams. */
  owner?: string;
  tier?: number;
  level?: AchievedLevel;
  stage?: ModelStage;
  /** Only models failing this check id. */
  failingCheck?: string;
  orderBy?: OverviewSortField;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

/** Time window of a history request. */
export interface HistoryQuery {
  /** Only the last this many days (1–730; the backend's default otherwise). */
  days?: number;
}

/** Filters of the exemption list. */
export interface ExemptionListQuery {
  entityRef?: string;
  /** Only exemptions that count now (not expired, not revoked). */
  active?: boolean;
}

/** One check of the effective policy, as the frontend shows it. */
export type PolicyCheckSummary = Pick<
  CheckDefinition,
  | 'id'
  | 'title'
  | 'category'
  | 'level'
  | 'description'
  | 'remediation'
  | 'goldenPathLink'
>;

/** The effective readiness policy. */
export interface ReadinessPolicy {
  checks: PolicyCheckSummary[];
  /** Required level per tier (`"1"`, `"2"`, `"3"`). */
  tierLevels: Record<string, ReadinessLevel>;
}

/** The readiness backend as the frontend uses it. */
export interface MlReadinessApi {
  /** The effective policy: every check with its category and level. */
  getPolicy(): Promise<ReadinessPolicy>;
  /** A model's stored scorecard; rejects with a 404 ResponseError when it has no grade yet. */
  getScorecard(entityRef: string): Promise<Scorecard>;
  /** One page of the overview of every model the user may see. */
  getOverview(query?: OverviewQuery): Promise<OverviewPage>;
  /** Grade history of one model, oldest first. */
  getModelHistory(
    entityRef: string,
    query?: HistoryQuery,
  ): Promise<GradeHistoryEntry[]>;
  /** Grade history of every model of a team (child teams included), oldest first. */
  getTeamHistory(
    ownerRef: string,
    query?: HistoryQuery,
  ): Promise<GradeHistoryEntry[]>;
  /** Asks the promotion gate whether a version may go to a stage (stored as evidence). */
  evaluateGate(request: GateRequest): Promise<GateDecision>;
  /** Exemptions, newest first. */
  listExemptions(query?: ExemptionListQuery): Promise<Exemption[]>;
  /** Grants an exemption (needs `ml-readiness.exemption.create`). */
  createExemption(request: ExemptionCreateRequest): Promise<Exemption>;
  /** Revokes an exemption with a reason (needs `ml-readiness.exemption.revoke`). */
  revokeExemption(id: string, reason: string): Promise<Exemption>;
  /** Downloads the overview, filtered like {@link MlReadinessApi.getOverview}, as CSV. */
  exportOverviewCsv(query?: OverviewQuery): Promise<Blob>;
  /** The URL of the CSV export for the given filters (needs the user's token to fetch). */
  getOverviewCsvUrl(query?: OverviewQuery): Promise<string>;
}

/** API reference of {@link MlReadinessApi}. */
export const mlReadinessApiRef = createApiRef<MlReadinessApi>().with({
  id: 'plugin.ml-readiness.service',
  pluginId: 'ml-readiness',
});
