import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import { z } from 'zod';
import { createOpenApiRouter } from '../schema/openapi.generated';
import { csvHeader, csvRows } from './csv';
import { OverviewFilters, ReadinessService } from './ReadinessService';

/** Who made a request, for evidence and audit records. */
export function principalName(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user') {
    return principal.userEntityRef!;
  }
  return principal.subject ?? principal.type;
}

const levelSchema = z.enum(['none', 'bronze', 'silver', 'gold']);
const stageSchema = z.enum([
  'development',
  'staging',
  'production',
  'archived',
]);
// The spec validator may already have coerced query booleans.
const booleanParam = z
  .union([z.boolean(), z.enum(['true', 'false']).transform(v => v === 'true')])
  .optional();
const intParam = (min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).optional();

const filtersSchema = z.object({
  owner: z.string().min(1).optional(),
  tier: intParam(0, 3),
  level: levelSchema.optional(),
  stage: stageSchema.optional(),
  failingCheck: z.string().min(1).optional(),
  meetsRequiredLevel: booleanParam,
});

const pageSchema = z.object({
  orderBy: z
    .enum(['entityRef', 'level', 'tier', 'failing', 'owner', 'gradedAt'])
    .default('entityRef'),
  order: z.enum(['asc', 'desc']).default('asc'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

function parseQuery<T extends z.ZodTypeAny>(
  schema: T,
  query: unknown,
): z.output<T> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid query parameter ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  return parsed.data;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

const daysSchema = z.object({ days: intParam(1, 730).default(90) });

/**
 * The readiness HTTP API, validated against `src/schema/openapi.yaml`.
 */
export async function createRouter(options: {
  service: ReadinessService;
  httpAuth: HttpAuthService;
  policyView: () => unknown;
}): Promise<express.Router> {
  const { service, httpAuth } = options;
  const router = await createOpenApiRouter();
  const readCredentials = async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req);
    await service.assertCanRead(credentials);
    return credentials;
  };
  router.use(express.json({ limit: '64kb' }));

  const modelRef = (params: { namespace: string; name: string }) =>
    `resource:${params.namespace}/${params.name}`;

  router.get('/policy', async (req, res) => {
    await readCredentials(req);
    res.json(options.policyView() as any);
  });

  router.get('/scorecards/:namespace/:name', async (req, res) => {
    const credentials = await readCredentials(req);
    res.json(await service.getScorecard(modelRef(req.params), credentials));
  });

  router.get('/scorecards/:namespace/:name/history', async (req, res) => {
    const credentials = await readCredentials(req);
    const { days } = parseQuery(daysSchema, req.query);
    res.json({
      items: await service.modelHistory(
        modelRef(req.params),
        days,
        credentials,
      ),
    });
  });

  router.get('/scorecards/:namespace/:name/facts/history', async (req, res) => {
    const credentials = await readCredentials(req);
    const { days, factSet } = parseQuery(
      daysSchema.extend({ factSet: z.string().min(1).max(64).optional() }),
      req.query,
    );
    res.json({
      items: await service.modelFactHistory(
        modelRef(req.params),
        days,
        factSet,
        credentials,
      ),
    });
  });

  router.post('/scorecards/:namespace/:name/refresh', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await service.refresh(modelRef(req.params), credentials));
  });

  router.get('/overview', async (req, res) => {
    const credentials = await readCredentials(req);
    const filters: OverviewFilters = parseQuery(filtersSchema, req.query);
    const page = parseQuery(pageSchema, req.query);
    res.json(await service.overview(filters, page, credentials));
  });

  router.get('/overview/export', async (req, res) => {
    const credentials = await readCredentials(req);
    const filters: OverviewFilters = parseQuery(filtersSchema, req.query);
    let body = csvHeader();
    for await (const rows of service.overviewRows(filters, credentials)) {
      body += csvRows(rows);
    }
    res
      .status(200)
      .type('text/csv')
      .setHeader(
        'Content-Disposition',
        'attachment; filename="readiness-overview.csv"',
      );
    res.send(body);
  });

  router.get('/teams/history', async (req, res) => {
    const credentials = await readCredentials(req);
    const { owner, days } = parseQuery(
      daysSchema.extend({ owner: z.string().min(1) }),
      req.query,
    );
    res.json({ items: await service.teamHistory(owner, days, credentials) });
  });

  router.get('/checks/:checkId/failing', async (req, res) => {
    const credentials = await readCredentials(req);
    const { includeUnknown } = parseQuery(
      z.object({ includeUnknown: booleanParam }),
      req.query,
    );
    res.json({
      items: (await service.modelsFailingCheck(
        req.params.checkId,
        includeUnknown ?? false,
        credentials,
      )) as any,
    });
  });

  router.post('/gate', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await service.gate(req.body, credentials, principalName(credentials)),
    );
  });

  router.get('/evidence', async (req, res) => {
    const credentials = await readCredentials(req);
    const { entityRef, version } = parseQuery(
      z.object({
        entityRef: z.string().min(1),
        version: z.string().min(1).optional(),
      }),
      req.query,
    );
    res.json({
      items: (await service.evidence(entityRef, version, credentials)) as any,
    });
  });

  router.get('/exemptions', async (req, res) => {
    const credentials = await readCredentials(req);
    const { entityRef, active } = parseQuery(
      z.object({
        entityRef: z.string().min(1).optional(),
        active: booleanParam,
      }),
      req.query,
    );
    res.json({
      items: await service.listExemptions({ entityRef, active }, credentials),
    });
  });

  router.post('/exemptions', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res
      .status(201)
      .json(
        await service.createExemption(
          req.body,
          credentials,
          principalName(credentials),
        ),
      );
  });

  router.post('/exemptions/:id/revoke', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await service.revokeExemption(
        String(first(req.params.id)),
        req.body,
        credentials,
        principalName(credentials),
      ),
    );
  });

  router.get('/exemptions/:id/audit', async (req, res) => {
    const credentials = await readCredentials(req);
    res.json({
      items: await service.exemptionAudit(req.params.id, credentials),
    });
  });

  return router;
}
