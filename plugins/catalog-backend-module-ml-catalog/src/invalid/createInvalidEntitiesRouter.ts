import express from 'express';
import Router from 'express-promise-router';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { INVALID_ML_ENTITIES_PATH } from '@ml-golden-paths/plugin-ml-catalog-common';
import { Knex } from 'knex';
import { z } from 'zod';
import { readInvalidMlEntities } from './readInvalidMlEntities';

const MAX_OWNERS = 200;

const ownerSchema = z
  .string()
  .max(253, 'must be at most 253 characters')
  .transform((value, ctx) => {
    try {
      return stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      );
    } catch {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'must be an entity ref such as group:default/risk-ml',
      });
      return z.NEVER;
    }
  });

const querySchema = z
  .object({
    owner: z
      .union([ownerSchema, z.array(ownerSchema)])
      .optional()
      .transform(value =>
        value === undefined ? undefined : ([] as string[]).concat(value),
      )
      .refine(value => !value || value.length <= MAX_OWNERS, {
        message: `at most ${MAX_OWNERS} owners`,
      }),
  })
  .strict();

/**
 * `GET /ml/invalid-entities[?owner=group:default/risk-ml&owner=…]` under the
 * catalog backend: the ML entities the catalog could not process, with the
 * failing fields, their location and owner. Any signed-in user or backend
 * service may call it. These entities are not in the catalog, so catalog
 * read permissions cannot apply to them; the list shows what the entity's
 * YAML already says to anyone who can read its repository (ref, title,
 * owner, location, the errors) and never the rest of the entity.
 */
export function createInvalidEntitiesRouter(options: {
  httpAuth: HttpAuthService;
  knex: () => Promise<Knex>;
}): express.Router {
  const router = Router();
  router.get(INVALID_ML_ENTITIES_PATH, async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    const parsed = querySchema.safeParse(req.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.filter(p => typeof p === 'string').join('.');
      throw new InputError(
        issue.code === 'unrecognized_keys'
          ? `Invalid query: unknown parameter ${issue.keys.join(', ')}`
          : `Invalid query parameter ${field}: ${issue.message}`,
      );
    }
    res.json(
      await readInvalidMlEntities(await options.knex(), {
        owners: parsed.data.owner,
      }),
    );
  });
  return router;
}
