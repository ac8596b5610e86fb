import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  BandConfig,
  bandConfigSchema,
  DORA_2024_BANDS,
} from '@ml-golden-paths/plugin-ml-kpi-common';
import { z } from 'zod';

/** The KPI plugin's settings (`mlGoldenPaths.kpi`). */
export type KpiConfig = {
  productionEnvironments: string[];
  windowDays: number;
  attributionDays: number;
  minDeployments: number;
  incidentLabel: string;
  impactStartLabelPrefix: string;
  impactStartField: string;
  catalogCacheSeconds: number;
  bands: BandConfig;
  backfill: KpiBackfillConfig;
};

/** A duration as the Backstage scheduler takes it. */
export type KpiDuration = z.infer<typeof duration>;

/** The backfill settings (`mlGoldenPaths.kpi.backfill`). */
export type KpiBackfillConfig = {
  /** How often the scheduled backfill runs (a duration or a cron line), and its timeout. */
  schedule: { frequency: KpiDuration | { cron: string }; timeout: KpiDuration };
  /** Repositories backfilled at the same time. */
  concurrency: number;
  /** How far back the first backfill of a repository reads. */
  lookbackDays: number;
};

const duration = z
  .object({
    years: z.number().nonnegative(),
    months: z.number().nonnegative(),
    weeks: z.number().nonnegative(),
    days: z.number().nonnegative(),
    hours: z.number().nonnegative(),
    minutes: z.number().nonnegative(),
    seconds: z.number().nonnegative(),
    milliseconds: z.number().nonnegative(),
  })
  .partial()
  .strict()
  .refine(
    d => Object.values(d).some(v => (v ?? 0) > 0),
    'must be a positive duration, e.g. { hours: 1 }',
  );

const cron = z
  .object({
    cron: z
      .string()
      .trim()
      .regex(
        /^(\S+\s+){4,5}\S+$/,
        'must be a cron line of 5 or 6 fields, e.g. "0 * * * *"',
      ),
  })
  .strict();

const backfillSchema = z
  .object({
    schedule: z
      .object({
        frequency: z
          .union([cron, duration], {
            errorMap: () => ({
              message:
                'must be a duration such as { hours: 1 } or a cron line such as { cron: "0 * * * *" }',
            }),
          })
          .default({ hours: 1 }),
        timeout: duration.default({ minutes: 30 }),
      })
      .strict()
      .default({}),
    concurrency: z.number().int().min(1).max(32).default(2),
    lookbackDays: z.number().int().min(1).max(730).default(90),
  })
  .strict();

const schema = z
  .object({
    productionEnvironments: z
      .array(z.string().trim().min(1))
      .min(1)
      .default(['production']),
    windowDays: z.number().int().min(1).max(365).default(30),
    attributionDays: z.number().positive().max(90).default(7),
    minDeployments: z.number().int().min(1).default(2),
    incidentLabel: z.string().min(1).default('incident'),
    impactStartLabelPrefix: z.string().min(1).default('impact-start:'),
    impactStartField: z.string().min(1).default('Impact start'),
    catalogCacheSeconds: z.number().min(0).default(60),
    bands: bandConfigSchema.default({}),
    backfill: backfillSchema.default({}),
    // Read and validated by the modules that own them: the KPI targets by
    // the readiness module, prometheus by the Prometheus module, demo by
    // the demo module.
    targets: z.unknown().optional(),
    prometheus: z.unknown().optional(),
    demo: z.unknown().optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.backfill.lookbackDays < config.windowDays) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['backfill', 'lookbackDays'],
        message: `must be at least windowDays (${config.windowDays})`,
      });
    }
  });

/** Reads and validates `mlGoldenPaths.kpi`; an InputError names the bad field. */
export function readKpiConfig(config: Config): KpiConfig {
  const raw = config.getOptional('mlGoldenPaths.kpi') ?? {};
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid mlGoldenPaths.kpi.${issue.path.join('.')}: ${issue.message}`,
    );
  }
  const { targets: _t, prometheus: _p, demo: _d, ...settings } = parsed.data;
  return {
    ...settings,
    bands: { ...DORA_2024_BANDS, ...parsed.data.bands },
  };
}
