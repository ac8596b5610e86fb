import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { KpiTargets } from '@ml-golden-paths/plugin-ml-readiness-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { KpiConfig } from './config';
import { KpiStore } from './KpiStore';
import { CatalogView, VisibleModel } from './platform/CatalogView';
import { KpiReadStore } from './platform/KpiReadStore';
import { lastMonths, monthlyTeamTrends } from './platform/monthlyTrends';
import { platformRollups } from './platform/platformRollups';
import { ReadinessInputs } from './platform/ReadinessInputs';
import { servingKpis } from './platform/servingKpis';
import { targetsForTier } from './platform/targets';
import { TeamScope, teamScopes } from './platform/teamScopes';
import { rollUp } from './rollup';

const namePart = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/, 'must be an entity name');

const trendQuery = z
  .object({ days: z.coerce.number().int().min(1).max(366).default(90) })
  .strict();

const owner = z
  .string()
  .regex(
    /^[a-z]+:[a-zA-Z0-9._-]+\/[a-zA-Z0-9._-]+$/,
    'must be a full entity ref, e.g. group:default/risk-ml',
  )
  .optional();

const teamsQuery = z.object({ owner }).strict();

const trendsQuery = z
  .object({
    owner,
    months: z.coerce.number().int().min(1).max(24).default(6),
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

/** Teams that own at least one of the models, through nested groups. */
async function scopesOf(
  catalog: CatalogView,
  models: Iterable<VisibleModel>,
  root: string | undefined,
): Promise<TeamScope[]> {
  const owners = new Set([...models].map(m => m.ownerRef));
  return teamScopes(await catalog.teams(), owners, root).filter(scope =>
    [...scope.owners].some(o => owners.has(o)),
  );
}

/**
 * The KPI routes. Every one needs user or service credentials (401
 * without); every answer covers only models the caller may see in the
 * catalog (read with the caller's credentials), so a model hidden from a
 * user neither shows nor counts in any roll-up.
 *
 * - `GET /models/:namespace/:name` — a model's current KPIs, targets for its
 *   tier and daily trend (`?days=`, default 90); 404 when the caller may not
 *   see it (or it is no model), `kpis: null` when no delivery arrived yet;
 * - `GET /teams` — delivery KPIs per team through nested groups (`?owner=`
 *   for one team and the teams below it);
 * - `GET /teams/trends` — the same per month (`?months=`, default 6);
 * - `GET /platform` — the platform roll-ups from readiness facts, overall
 *   and per team (`?owner=`);
 * - `GET /ingest` — ingest counters (stored, unmatched, duplicate, rejected…).
 */
export function createRouter(options: {
  store: KpiStore;
  readStore: KpiReadStore;
  config: KpiConfig;
  catalog: CatalogView;
  readiness: ReadinessInputs;
  httpAuth: HttpAuthService;
  targets: KpiTargets;
  now?: () => Date;
}): express.Router {
  const { store, readStore, config, catalog, readiness, httpAuth } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();
  router.use(express.json());
  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/models/:namespace/:name', async (req, res) => {
    const credentials = await credentialsOf(req);
    const namespace = parse(
      namePart,
      req.params.namespace,
      'path parameter namespace',
    );
    const name = parse(namePart, req.params.name, 'path parameter name');
    const { days } = parse(trendQuery, req.query, 'query parameter');
    const entityRef = stringifyEntityRef({ kind: 'resource', namespace, name });
    const model = await catalog.visibleModel(entityRef, credentials);
    if (!model) {
      throw new NotFoundError(`No model ${entityRef}`);
    }
    const current = await store.current(model.entityRef);
    const from = new Date(now().getTime() - (days - 1) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    // SLO attainment from the readiness serving facts; the delivery KPIs
    // answer on their own when the readiness backend cannot.
    const serving = servingKpis(
      (await readiness.models().catch(() => [])).find(
        m => m.entityRef === model.entityRef,
      ),
    );
    const kpis = current || serving ? { ...current?.kpis, ...serving } : null;
    res.json({
      entityRef: model.entityRef,
      ownerRef: model.ownerRef,
      tier: model.tier,
      targets: targetsForTier(options.targets, model.tier),
      kpis,
      computedAt: current?.computedAt ?? null,
      daily: current ? await store.daily(model.entityRef, from) : [],
    });
  });

  router.get('/teams', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { owner: root } = parse(teamsQuery, req.query, 'query parameter');
    const visible = await catalog.visibleModels(credentials);
    const rows = (await store.allCurrent()).filter(r =>
      visible.has(r.entityRef),
    );
    const kpisByOwner = new Map<string, typeof rows>();
    for (const row of rows) {
      const ownerRef = visible.get(row.entityRef)!.ownerRef;
      const list = kpisByOwner.get(ownerRef);
      if (list) list.push(row);
      else kpisByOwner.set(ownerRef, [row]);
    }
    const withKpis = rows.map(r => visible.get(r.entityRef)!);
    const scopes = await scopesOf(catalog, withKpis, root);
    res.json({
      items: scopes.map(scope => ({
        ...rollUp(
          scope.ref,
          [...scope.owners].flatMap(o =>
            (kpisByOwner.get(o) ?? []).map(r => r.kpis),
          ),
          config.bands,
        ),
        title: scope.title,
        depth: scope.depth,
        ...(scope.parentRef ? { parentRef: scope.parentRef } : {}),
      })),
    });
  });

  router.get('/teams/trends', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { owner: root, months: count } = parse(
      trendsQuery,
      req.query,
      'query parameter',
    );
    const months = lastMonths(now(), count);
    const visible = await catalog.visibleModels(credentials);
    const rows = (await readStore.monthEndRows(`${months[0]}-01`)).filter(r =>
      visible.has(r.entityRef),
    );
    const ownerOf = new Map(
      [...visible.values()].map(m => [m.entityRef, m.ownerRef]),
    );
    const scopes = await scopesOf(
      catalog,
      rows.map(r => visible.get(r.entityRef)!),
      root,
    );
    res.json({
      months,
      items: monthlyTeamTrends(rows, ownerOf, scopes, months, config.bands),
    });
  });

  router.get('/platform', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { owner: root } = parse(teamsQuery, req.query, 'query parameter');
    const [visible, graded] = await Promise.all([
      catalog.visibleModels(credentials),
      readiness.models(),
    ]);
    // Ownership as the catalog says now; only models the caller may see.
    const models = graded.flatMap(m => {
      const seen = visible.get(m.entityRef);
      return seen ? [{ ...m, owner: seen.ownerRef }] : [];
    });
    const scopes = await scopesOf(
      catalog,
      models.map(m => visible.get(m.entityRef)!),
      root,
    );
    const at = now();
    const inScope = root
      ? models.filter(m => scopes[0]?.owners.has(m.owner))
      : models;
    res.json({
      computedAt: at.toISOString(),
      models: inScope.length,
      rollups: platformRollups(inScope, at),
      teams: scopes.map(scope => {
        const own = models.filter(m => scope.owners.has(m.owner));
        return {
          ownerRef: scope.ref,
          title: scope.title,
          depth: scope.depth,
          ...(scope.parentRef ? { parentRef: scope.parentRef } : {}),
          models: own.length,
          rollups: platformRollups(own, at),
        };
      }),
    });
  });

  router.get('/ingest', async (req, res) => {
    await credentialsOf(req);
    res.json({
      deliveries: await store.deliveryCount(),
      counters: await store.counters(),
    });
  });

  return router;
}
