import express from 'express';
import Router from 'express-promise-router';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isAiModelEntity,
  modelDocumentNameSchema,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { z } from 'zod';
import { ModelDocumentReader } from '../documents/ModelDocumentReader';

const ENTITY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

const documentParamsSchema = z.object({
  namespace: z.string().regex(ENTITY_NAME, {
    message: 'must be an entity namespace (letters, digits, . _ -)',
  }),
  kind: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,62}$/, {
    message: 'must be an entity kind such as resource',
  }),
  name: z.string().regex(ENTITY_NAME, {
    message: 'must be an entity name (letters, digits, . _ -)',
  }),
  document: modelDocumentNameSchema,
});

/** What {@link createRouter} needs. */
export type RouterOptions = {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  documents: ModelDocumentReader;
};

/**
 * The ml-catalog API:
 * `GET /v1/entities/:namespace/:kind/:name/documents/:document` returns a
 * model's `model-card` or `runbook` as `{ format, content, sourceUrl?, path }`.
 * The entity is fetched with the caller's credentials, so only documents of
 * entities the caller may read are served.
 */
export function createRouter(options: RouterOptions): express.Router {
  const { httpAuth, catalog, documents } = options;
  const router = Router();

  router.get(
    '/v1/entities/:namespace/:kind/:name/documents/:document',
    async (req, res) => {
      const parsed = documentParamsSchema.safeParse(req.params);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new InputError(
          `Invalid path parameter ${issue.path.join('.')}: ${issue.message}`,
        );
      }
      const { namespace, kind, name, document } = parsed.data;
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const entityRef = `${kind}:${namespace}/${name}`.toLocaleLowerCase(
        'en-US',
      );
      const entity = await catalog.getEntityByRef(
        { kind, namespace, name },
        { credentials },
      );
      if (!entity) {
        throw new NotFoundError(`No entity ${entityRef}`);
      }
      if (!isAiModelEntity(entity)) {
        throw new NotFoundError(`${entityRef} is not an ai-model entity`);
      }
      res.json(await documents.read(entity, document));
    },
  );

  return router;
}
