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
};

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
  })
  .strict();

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
  return {
    ...parsed.data,
    bands: { ...DORA_2024_BANDS, ...parsed.data.bands },
  };
}
