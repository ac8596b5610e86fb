import { HttpAuthService } from '@backstage/backend-plugin-api';
import { CompiledPolicy } from '@ml-golden-paths/plugin-ml-readiness-common';
import express from 'express';
import Router from 'express-promise-router';
import { ReadinessStore, StoredGrade } from '../database/ReadinessStore';
import { ReadinessService } from './ReadinessService';

/** One model as `GET /platform/models` returns it. */
export interface PlatformModel {
  entityRef: string;
  owner?: string;
  tier: number;
  stage: string;
  gradedAt: string;
  /** Every check of the current grade: id, category and state. */
  checks: Array<{ id: string; category: string; state: string }>;
  /**
   * Documentation ages from the `repository` fact set (days since the model
   * card / rollback runbook last changed, -1 when absent, as of `collectedAt`);
   * absent when the repository facts are not available.
   */
  docs?: {
    modelCardAgeDays: number;
    rollbackRunbookAgeDays: number;
    collectedAt: string;
  };
  /**
   * SLO attainment from the `serving` fact set (Prometheus), when a collector
   * provides it: each `{ enoughData, value }` as collected.
   */
  serving?: {
    windowDays: number;
    requestCount: ServingKpiFact;
    sloAvailabilityAttainment: ServingKpiFact;
    latencySloAttainment: ServingKpiFact;
    collectedAt: string;
  };
}

type ServingKpiFact = { enoughData: boolean; value: number };

const isKpiFact = (v: any): v is ServingKpiFact =>
  typeof v?.enoughData === 'boolean' && typeof v?.value === 'number';

function servingOf(snapshot: unknown): PlatformModel['serving'] {
  const s = snapshot as
    { status?: string; values?: any; collectedAt?: string } | undefined;
  const v = s?.status === 'available' ? s.values : undefined;
  if (
    !v ||
    typeof v.windowDays !== 'number' ||
    !isKpiFact(v.requestCount) ||
    !isKpiFact(v.sloAvailabilityAttainment) ||
    !isKpiFact(v.latencySloAttainment) ||
    typeof s?.collectedAt !== 'string'
  ) {
    return undefined;
  }
  const pick = (f: ServingKpiFact) => ({
    enoughData: f.enoughData,
    value: f.value,
  });
  return {
    windowDays: v.windowDays,
    requestCount: pick(v.requestCount),
    sloAvailabilityAttainment: pick(v.sloAvailabilityAttainment),
    latencySloAttainment: pick(v.latencySloAttainment),
    collectedAt: s.collectedAt,
  };
}

/** One model's platform inputs from its stored grade and fact snapshots. */
export function platformModelOf(
  grade: StoredGrade,
  facts: Record<string, unknown> | undefined,
  policy: Pick<CompiledPolicy, 'checksById'>,
): PlatformModel {
  const docs = docsOf(facts?.repository);
  const serving = servingOf(facts?.serving);
  return {
    entityRef: grade.entityRef,
    ...(grade.owner ? { owner: grade.owner } : {}),
    tier: grade.tier,
    stage: grade.stage,
    gradedAt: grade.gradedAt,
    checks: grade.checks.map(c => ({
      id: c.checkId,
      category: policy.checksById.get(c.checkId)?.category ?? 'unknown',
      state: c.state,
    })),
    ...(docs ? { docs } : {}),
    ...(serving ? { serving } : {}),
  };
}

const CHUNK = 500;

function docsOf(snapshot: unknown): PlatformModel['docs'] {
  const s = snapshot as
    { status?: string; values?: any; collectedAt?: string } | undefined;
  const docs = s?.status === 'available' ? s.values?.docs : undefined;
  if (
    !docs ||
    typeof docs.modelCardAgeDays !== 'number' ||
    typeof docs.rollbackRunbookAgeDays !== 'number' ||
    typeof s?.collectedAt !== 'string'
  ) {
    return undefined;
  }
  return {
    modelCardAgeDays: docs.modelCardAgeDays,
    rollbackRunbookAgeDays: docs.rollbackRunbookAgeDays,
    collectedAt: s.collectedAt,
  };
}

/**
 * Read-only inputs of the platform KPI roll-ups (the ML KPI plugin computes
 * golden-path adoption, monitoring coverage, … from them) and of the SLO
 * attainment on its KPI card: `GET /platform/models` — every model the caller
 * may see with its current check states by category, its documentation ages
 * and its serving SLO attainment. Same access rules as
 * the overview: users see what the catalog shows them, services need
 * `ml-readiness.read`. Mounted after the validated router, which has already
 * checked the request against `openapi.yaml`.
 */
export function createPlatformModelsRouter(options: {
  service: ReadinessService;
  store: ReadinessStore;
  policy: Pick<CompiledPolicy, 'checksById'>;
  httpAuth: HttpAuthService;
}): express.Router {
  const { service, store, policy, httpAuth } = options;
  const router = Router();
  router.get('/platform/models', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    await service.assertCanRead(credentials);
    const visible = await service.visibleModelRefs(credentials);
    const refs = (
      await store.overviewRefs({ orderBy: 'entityRef', order: 'asc' })
    ).filter(ref => visible.has(ref));
    const items: PlatformModel[] = [];
    for (let i = 0; i < refs.length; i += CHUNK) {
      const chunk = refs.slice(i, i + CHUNK);
      const [grades, facts] = await Promise.all([
        store.getGrades(chunk),
        store.readFacts(chunk),
      ]);
      for (const ref of chunk) {
        const grade = grades.get(ref);
        if (grade) items.push(platformModelOf(grade, facts.get(ref), policy));
      }
    }
    res.json({ items });
  });
  return router;
}
