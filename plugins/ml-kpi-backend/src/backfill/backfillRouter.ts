import { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import Router from 'express-promise-router';
import { KpiBackfill } from './KpiBackfill';

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/;
/** After a finished backfill, the same model is not backfilled again for this long. */
const COOLDOWN_MS = 60_000;

/**
 * `POST /backfill/:namespace/:name` — backfills one model's repository now
 * and answers with the per-repository outcome. The caller must be able to
 * read the model in the catalog with their own credentials (the backfill then
 * reads GitHub with the portal's credentials, for that model's annotated
 * repository only); a repository already being backfilled answers 409, and
 * a model backfilled in the last minute 429 with `retry-after` — the portal's
 * GitHub rate limit is not the caller's to spend.
 */
export function createBackfillRouter(options: {
  backfill: KpiBackfill;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
}): express.Router {
  const { backfill, catalog, httpAuth } = options;
  const router = Router();
  const finishedAt = new Map<string, number>();
  router.post('/backfill/:namespace/:name', async (req, res) => {
    for (const part of ['namespace', 'name'] as const) {
      if (!NAME.test(req.params[part])) {
        throw new InputError(
          `Invalid path parameter ${part}: must be an entity name`,
        );
      }
    }
    const entityRef = stringifyEntityRef({
      kind: 'resource',
      namespace: req.params.namespace,
      name: req.params.name,
    });
    const credentials = await httpAuth.credentials(req);
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No model ${entityRef} in the catalog`);
    }
    const last = finishedAt.get(entityRef);
    const wait = last === undefined ? 0 : last + COOLDOWN_MS - Date.now();
    if (wait > 0) {
      res
        .status(429)
        .set('retry-after', String(Math.ceil(wait / 1000)))
        .json({
          error: {
            name: 'TooManyRequests',
            message: `${entityRef} was backfilled less than a minute ago; the scheduled backfill keeps it current`,
          },
        });
      return;
    }
    const summary = await backfill.runModel(entityRef);
    if (summary.repositories.every(r => r.outcome === 'done')) {
      finishedAt.set(entityRef, Date.now());
      for (const [ref, at] of finishedAt) {
        if (at + COOLDOWN_MS < Date.now()) {
          finishedAt.delete(ref);
        }
      }
    }
    if (summary.repositories.some(r => r.outcome === 'busy')) {
      throw new ConflictError(
        `The repository of ${entityRef} is being backfilled already`,
      );
    }
    res.json(summary);
  });
  return router;
}
