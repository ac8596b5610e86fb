import express from 'express';
import Router from 'express-promise-router';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { GoldenPathFleet } from './GoldenPathFleet';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * Routes of the golden-path fleet, mounted under the scaffolder
 * (`/api/scaffolder/golden-paths/…`), for signed-in users:
 *
 * - `GET /golden-paths/fleet`: every model created from a golden path and
 *   how many releases it is behind, plus the release history;
 * - `GET /golden-paths/models/:namespace/:name`: one model's golden path —
 *   version, created-from version, changelog since, open upgrade.
 *
 * Entities are read with the caller's credentials.
 */
export function createFleetRouter(options: {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  fleet: GoldenPathFleet;
}): express.Router {
  const { httpAuth, catalog, fleet } = options;
  const router = Router();
  router.get('/golden-paths/fleet', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await fleet.list(credentials));
  });
  router.get('/golden-paths/models/:namespace/:name', async (req, res) => {
    const { namespace, name } = req.params;
    for (const [field, value] of Object.entries({ namespace, name })) {
      if (!NAME.test(value)) {
        throw new InputError(
          `${field}: '${value.slice(0, 80)}' is not an entity ${field}`,
        );
      }
    }
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const entity = await catalog.getEntityByRef(
      { kind: 'resource', namespace, name },
      { credentials },
    );
    if (!entity)
      throw new NotFoundError(`No entity resource:${namespace}/${name}`);
    const status = await fleet.status(entity);
    if (!status) {
      throw new NotFoundError(
        `resource:${namespace}/${name} was not created from a golden path (no spec.mlops.goldenPath)`,
      );
    }
    res.json(status);
  });
  return router;
}
