import { z } from 'zod';
import type { ModelKpis, PlatformKpis, TeamKpis, TeamTrends } from './types';

const unit = z.enum(['per-week', 'hours', 'minutes', 'ratio']);

/** A KPI value or the statement that there is too little data for one. */
export const kpiValueSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('value'),
    value: z.number(),
    unit,
    samples: z.number(),
    band: z.enum(['elite', 'high', 'medium', 'low']).optional(),
  }),
  z.object({
    state: z.literal('insufficient-data'),
    unit,
    samples: z.number(),
    reason: z.string(),
  }),
]);

/** Only the entries that are KPI values (drops `windowStart` and the like). */
const kpiRecord = z.record(z.unknown()).transform(record =>
  Object.fromEntries(
    Object.entries(record).flatMap(([key, raw]) => {
      const parsed = kpiValueSchema.safeParse(raw);
      return parsed.success ? [[key, parsed.data]] : [];
    }),
  ),
);

const target = z.object({
  comparator: z.enum(['<', '>', '>=']),
  value: z.number(),
});

const place = {
  ownerRef: z.string(),
  title: z.string(),
  depth: z.number().int().min(0),
  parentRef: z.string().optional(),
};

/** Days between the KPIs' `windowStart` and `windowEnd`, when both are given. */
function windowDaysOf(raw: Record<string, unknown> | null): number | undefined {
  const start = Date.parse(String(raw?.windowStart));
  const end = Date.parse(String(raw?.windowEnd));
  return Number.isFinite(start) && Number.isFinite(end) && end > start
    ? Math.round((end - start) / 86_400_000)
    : undefined;
}

/** `GET /models/:namespace/:name`. */
export const modelKpisSchema: z.ZodType<ModelKpis, z.ZodTypeDef, unknown> = z
  .object({
    entityRef: z.string(),
    ownerRef: z.string(),
    tier: z.number(),
    targets: z.record(target),
    kpis: z.record(z.unknown()).nullable(),
    computedAt: z.string().nullable(),
    daily: z.array(z.object({ day: z.string(), kpis: kpiRecord })),
  })
  .transform(body => {
    const windowDays = windowDaysOf(body.kpis);
    return {
      ...body,
      kpis: body.kpis ? kpiRecord.parse(body.kpis) : null,
      ...(windowDays ? { windowDays } : {}),
    };
  });

const KNOWN_TEAM_FIELDS = new Set([
  'ownerRef',
  'title',
  'depth',
  'parentRef',
  'models',
  'month',
]);

/** A team row: the place and the KPI values spread at the top level. */
const teamRow = z
  .object({ ...place, models: z.number().int() })
  .passthrough()
  .transform(row => ({
    ownerRef: row.ownerRef,
    title: row.title,
    depth: row.depth,
    ...(row.parentRef ? { parentRef: row.parentRef } : {}),
    models: row.models,
    kpis: kpiRecord.parse(
      Object.fromEntries(
        Object.entries(row).filter(([k]) => !KNOWN_TEAM_FIELDS.has(k)),
      ),
    ),
  }));

/** `GET /teams`. */
export const teamsSchema: z.ZodType<TeamKpis[], z.ZodTypeDef, unknown> = z
  .object({ items: z.array(teamRow) })
  .transform(body => body.items);

const trendPoint = z
  .object({ month: z.string(), models: z.number().int() })
  .passthrough()
  .transform(point => ({
    month: point.month,
    models: point.models,
    kpis: kpiRecord.parse(
      Object.fromEntries(
        Object.entries(point).filter(([k]) => !KNOWN_TEAM_FIELDS.has(k)),
      ),
    ),
  }));

/** `GET /teams/trends`. */
export const teamTrendsSchema: z.ZodType<TeamTrends, z.ZodTypeDef, unknown> =
  z.object({
    months: z.array(z.string()),
    items: z.array(z.object({ ...place, points: z.array(trendPoint) })),
  });

/** One platform roll-up. */
export const platformRollupSchema = z.object({
  id: z.string(),
  title: z.string(),
  definition: z.string(),
  value: kpiValueSchema,
  meets: z.number().int(),
  misses: z.number().int(),
  unknown: z.number().int(),
  target: z.object({ comparator: z.literal('>'), value: z.number() }),
});

/** `GET /platform`. */
export const platformSchema: z.ZodType<PlatformKpis, z.ZodTypeDef, unknown> =
  z.object({
    computedAt: z.string(),
    models: z.number().int(),
    rollups: z.array(platformRollupSchema),
    teams: z.array(
      z.object({
        ...place,
        models: z.number().int(),
        rollups: z.array(platformRollupSchema),
      }),
    ),
  });
