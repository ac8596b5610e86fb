import { InputError, NotFoundError } from '@backstage/errors';
import { stringifyEntityRef } from '@backstage/catalog-model';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { KpiConfig } from './config';
import { KpiStore } from './KpiStore';
import { rollUp } from './rollup';

const namePart = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/, 'must be an entity name');

const trendQuery = z
  .object({ days: z.coerce.number().int().min(1).max(366).default(90) })
  .strict();

const teamsQuery = z
  .object({
    owner: z
      .string()
      .regex(
        /^[a-z]+:[a-zA-Z0-9._-]+\/[a-zA-Z0-9._-]+$/,
        'must be a full entity ref, e.g. group:default/risk-ml',
      )
      .optional(),
  })
  .strict();

function parse<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  where: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.') || where;
    throw new InputError(`Invalid ${where} ${field}: ${issue.message}`);
  }
  return result.data;
}

/**
 * The KPI routes (every one needs user or service credentials — the default
 * http router policy):
 * - `GET /models/:namespace/:name` — a model's current KPIs and daily trend
 *   (`?days=`, default 90);
 * - `GET /teams` — KPIs rolled up per owning team (`?owner=` for one);
 * - `GET /ingest` — ingest counters (stored, unmatched, duplicate, rejected…).
 */
export function createRouter(options: {
  store: KpiStore;
  config: KpiConfig;
  now?: () => Date;
}): express.Router {
  const { store, config } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();
  router.use(express.json());

  router.get('/models/:namespace/:name', async (req, res) => {
    const namespace = parse(
      namePart,
      req.params.namespace,
      'path parameter namespace',
    );
    const name = parse(namePart, req.params.name, 'path parameter name');
    const { days } = parse(trendQuery, req.query, 'query parameter');
    const entityRef = stringifyEntityRef({ kind: 'resource', namespace, name });
    const current = await store.current(entityRef);
    if (!current) {
      throw new NotFoundError(
        `No KPIs for ${entityRef}: no delivery event of its repository has been received`,
      );
    }
    const from = new Date(now().getTime() - (days - 1) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    res.json({ ...current, daily: await store.daily(entityRef, from) });
  });

  router.get('/teams', async (req, res) => {
    const { owner } = parse(teamsQuery, req.query, 'query parameter');
    const rows = await store.allCurrent(owner);
    const byOwner = new Map<string, typeof rows>();
    for (const row of rows) {
      byOwner.set(row.ownerRef, [...(byOwner.get(row.ownerRef) ?? []), row]);
    }
    res.json({
      items: [...byOwner.entries()].map(([ownerRef, models]) =>
        rollUp(
          ownerRef,
          models.map(m => m.kpis),
          config.bands,
        ),
      ),
    });
  });

  router.get('/ingest', async (_req, res) => {
    res.json({
      deliveries: await store.deliveryCount(),
      counters: await store.counters(),
    });
  });

  return router;
}
