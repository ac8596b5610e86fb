import { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import Router from 'express-promise-router';
import { KpiBackfill } from './KpiBackfill';

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/;

/**
 * `POST /backfill/:namespace/:name` — backfills one model's repository now
 * and answers with the per-repository outcome. The caller must be able to
 * read the model in the catalog with their own credentials (the backfill then
 * reads GitHub with the portal's credentials, for that model's annotated
 * repository only); a repository already being backfilled answers 409.
 */
export function createBackfillRouter(options: {
  backfill: KpiBackfill;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
}): express.Router {
  const { backfill, catalog, httpAuth } = options;
  const router = Router();
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
    const summary = await backfill.runModel(entityRef);
    if (summary.repositories.some(r => r.outcome === 'busy')) {
      throw new ConflictError(
        `The repository of ${entityRef} is being backfilled already`,
      );
    }
    res.json(summary);
  });
  return router;
}
