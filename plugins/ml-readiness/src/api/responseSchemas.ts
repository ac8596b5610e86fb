import { z } from 'zod';
import {
  checkCategories,
  modelStages,
  readinessLevels,
  type Exemption,
  type GateDecision,
  type GradeHistoryEntry,
  type OverviewPage,
  type Scorecard,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import type { ReadinessPolicy } from './MlReadinessApi';

const checkStates = [
  'pass',
  'fail',
  'unknown',
  'exempt',
  'not-applicable',
] as const;

const level = z.enum(readinessLevels);
const achievedLevel = z.enum([...readinessLevels, 'none']);
const stage = z.enum(modelStages);
const state = z.enum(checkStates);
const timestamp = z.string().min(1);

const scorecardCheck = z.object({
  id: z.string(),
  title: z.string(),
  category: z.enum(checkCategories),
  level,
  state,
  reason: z.string(),
  factTimes: z.record(z.string()),
  remediation: z.string(),
  goldenPathLink: z.string(),
  exemptionId: z.string().optional(),
});

/** Response schema of a scorecard. */
export const scorecardSchema: z.ZodType<Scorecard, z.ZodTypeDef, unknown> =
  z.object({
    entityRef: z.string(),
    title: z.string().optional(),
    owner: z.string().optional(),
    tier: z.number(),
    stage,
    level: achievedLevel,
    requiredLevel: level,
    meetsRequiredLevel: z.boolean(),
    gradedAt: timestamp,
    counts: z.object({
      pass: z.number(),
      fail: z.number(),
      unknown: z.number(),
      exempt: z.number(),
      'not-applicable': z.number(),
    }),
    checks: z.array(scorecardCheck),
  });

const overviewRow = z.object({
  entityRef: z.string(),
  title: z.string().optional(),
  owner: z.string().optional(),
  tier: z.number(),
  stage,
  level: achievedLevel,
  requiredLevel: level,
  meetsRequiredLevel: z.boolean(),
  failing: z.number(),
  unknown: z.number(),
  exempt: z.number(),
  failingChecks: z.array(z.string()),
  gradedAt: timestamp,
});

/** Response schema of an overview page. */
export const overviewPageSchema: z.ZodType<
  OverviewPage,
  z.ZodTypeDef,
  unknown
> = z.object({
  items: z.array(overviewRow),
  totalItems: z.number(),
  offset: z.number(),
  limit: z.number(),
});

const historyEntry = z.object({
  entityRef: z.string(),
  owner: z.string().optional(),
  level: achievedLevel,
  requiredLevel: level,
  meetsRequiredLevel: z.boolean(),
  failing: z.number(),
  unknown: z.number(),
  exempt: z.number(),
  failingChecks: z.array(z.string()),
  recordedAt: timestamp,
});

/** Response schema of a grade history (`{ items }`, oldest first). */
export const historySchema: z.ZodType<
  GradeHistoryEntry[],
  z.ZodTypeDef,
  unknown
> = z.object({ items: z.array(historyEntry) }).transform(body => body.items);

/** Response schema of a gate decision. */
export const gateDecisionSchema: z.ZodType<
  GateDecision,
  z.ZodTypeDef,
  unknown
> = z.object({
  decisionId: z.string(),
  allowed: z.boolean(),
  level: achievedLevel,
  requiredLevel: level,
  reasons: z.array(z.string()),
  checks: z.array(
    z.object({
      checkId: z.string(),
      state,
      level,
      message: z.string(),
      remediation: z.string(),
    }),
  ),
  decidedAt: timestamp,
});

/** Response schema of one exemption. */
export const exemptionSchema: z.ZodType<Exemption, z.ZodTypeDef, unknown> =
  z.object({
    id: z.string(),
    entityRef: z.string(),
    checkId: z.string(),
    reason: z.string(),
    compensatingControl: z.string(),
    approver: z.string(),
    createdBy: z.string(),
    createdAt: timestamp,
    expiresAt: timestamp,
    revokedAt: z.string().optional(),
    revokedBy: z.string().optional(),
    revokeReason: z.string().optional(),
    status: z.enum(['active', 'expired', 'revoked']),
  });

/** Response schema of an exemption list (`{ items }`, newest first). */
export const exemptionListSchema: z.ZodType<
  Exemption[],
  z.ZodTypeDef,
  unknown
> = z.object({ items: z.array(exemptionSchema) }).transform(body => body.items);

/** Response schema of the effective policy (only the fields the UI shows). */
export const policySchema: z.ZodType<ReadinessPolicy, z.ZodTypeDef, unknown> =
  z.object({
    checks: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        category: z.enum(checkCategories),
        level,
        description: z.string(),
        remediation: z.string(),
        goldenPathLink: z.string(),
      }),
    ),
    tierLevels: z.record(level),
  });
