import { CheckCategory } from '../policy/CheckDefinition';
import { CheckState } from '../policy/evaluateScorecard';
import { AchievedLevel, ModelStage, ReadinessLevel } from '../policy/levels';

/** One check on a model's scorecard, with what to do about it. @public */
export interface ScorecardCheck {
  id: string;
  title: string;
  category: CheckCategory;
  level: ReadinessLevel;
  state: CheckState;
  /** Why the check is in this state. */
  reason: string;
  /** Collection time of each fact set read (ISO 8601). */
  factTimes: Record<string, string>;
  remediation: string;
  goldenPathLink: string;
  exemptionId?: string;
}

/** A model's stored scorecard. @public */
export interface Scorecard {
  entityRef: string;
  title?: string;
  owner?: string;
  tier: number;
  stage: ModelStage;
  level: AchievedLevel;
  requiredLevel: ReadinessLevel;
  meetsRequiredLevel: boolean;
  /** When the grade was last computed (ISO 8601). */
  gradedAt: string;
  counts: Record<CheckState, number>;
  checks: ScorecardCheck[];
}

/** One row of the overview. @public */
export interface OverviewRow {
  entityRef: string;
  title?: string;
  owner?: string;
  tier: number;
  stage: ModelStage;
  level: AchievedLevel;
  requiredLevel: ReadinessLevel;
  meetsRequiredLevel: boolean;
  failing: number;
  unknown: number;
  exempt: number;
  /** Ids of the failing checks. */
  failingChecks: string[];
  gradedAt: string;
}

/** A page of the overview. @public */
export interface OverviewPage {
  items: OverviewRow[];
  totalItems: number;
  offset: number;
  limit: number;
}

/** A grade history point. @public */
export interface GradeHistoryEntry {
  entityRef: string;
  owner?: string;
  level: AchievedLevel;
  requiredLevel: ReadinessLevel;
  meetsRequiredLevel: boolean;
  failing: number;
  unknown: number;
  exempt: number;
  /** Ids of the checks failing at that point. */
  failingChecks: string[];
  recordedAt: string;
}

/** Gate request: may version V of model M go to stage S? @public */
export interface GateRequest {
  entityRef: string;
  version: string;
  stage: ModelStage;
}

/** A reason the gate gives, one per failing or unknown check. @public */
export interface GateReason {
  checkId: string;
  state: CheckState;
  level: ReadinessLevel;
  message: string;
  remediation: string;
}

/** The gate's answer, also stored as an evidence record. @public */
export interface GateDecision {
  decisionId: string;
  allowed: boolean;
  level: AchievedLevel;
  requiredLevel: ReadinessLevel;
  /** One line per failing or unknown check that blocks (or would block) promotion. */
  reasons: string[];
  /** The same reasons, structured. */
  checks: GateReason[];
  decidedAt: string;
}

/** A stored gate decision for auditors. @public */
export interface GateEvidence extends GateDecision {
  entityRef: string;
  version: string;
  stage: ModelStage;
  requestedBy: string;
  scorecard: Scorecard;
}

/** A time-boxed exemption from one check for one model. @public */
export interface Exemption {
  id: string;
  entityRef: string;
  checkId: string;
  reason: string;
  compensatingControl: string;
  approver: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
  revokedBy?: string;
  revokeReason?: string;
  /** Active, expired or revoked at the time of reading. */
  status: 'active' | 'expired' | 'revoked';
}

/** Request to create an exemption. @public */
export interface ExemptionCreateRequest {
  entityRef: string;
  checkId: string;
  reason: string;
  compensatingControl: string;
  /** Who approved it (entity ref of a user), recorded on the audit trail. */
  approver: string;
  /** ISO 8601; at most 90 days ahead. */
  expiresAt: string;
}

/** Longest an exemption may last. @public */
export const MAX_EXEMPTION_DAYS = 90;
