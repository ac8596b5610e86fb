import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  MODEL_STAGES,
  SERVING_PATTERNS,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { z } from 'zod';

/** Config key of the provider. */
export const MLFLOW_CONFIG_KEY = 'catalog.providers.mlflow';

const httpBaseUrl = z
  .string()
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'must be an absolute http(s) URL',
      });
      return;
    }
    if (
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      url.username ||
      url.password
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'must be an http(s) URL without credentials (use token)',
      });
    }
  })
  .transform(value => value.replace(/\/+$/, ''));

const ownerRef = z.string().regex(/^(?:[a-z]+:)?(?:[\w.-]+\/)?[\w.-]+$/i, {
  message: 'must be an entity reference such as group:ml-platform',
});

const configSchema = z
  .object({
    baseUrl: httpBaseUrl,
    token: z.string().min(1).optional(),
    defaultOwner: ownerRef,
    defaultTier: z
      .union([z.literal(1), z.literal(2), z.literal(3)], {
        errorMap: () => ({ message: 'expected 1, 2 or 3' }),
      })
      .optional(),
    defaultServingPattern: z.enum(SERVING_PATTERNS).optional(),
    tags: z
      .object({
        owner: z.string().min(1).default('owner'),
        tier: z.string().min(1).default('tier'),
        task: z.string().min(1).default('task'),
        framework: z.string().min(1).default('framework'),
        servingPattern: z.string().min(1).default('serving_pattern'),
        system: z.string().min(1).default('system'),
      })
      .strict()
      .default({}),
    aliasStages: z
      .record(z.string().min(1), z.enum(MODEL_STAGES))
      .default({ champion: 'production', challenger: 'staging' }),
    pageSize: z.number().int().min(1).max(1000).default(100),
    schedule: z.unknown().optional(),
  })
  .strict();

/**
 * The validated `catalog.providers.mlflow` block.
 *
 * @public
 */
export type MlflowProviderConfig = Omit<
  z.output<typeof configSchema>,
  'schedule'
> & {
  schedule: SchedulerServiceTaskScheduleDefinition;
};

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 15 },
  scope: 'global',
};

/**
 * Reads and validates `catalog.providers.mlflow`; `undefined` when the block
 * is absent (the provider is then off). Throws an `InputError` naming the bad
 * key, e.g. `catalog.providers.mlflow.baseUrl: must be an absolute http(s) URL`.
 *
 * @public
 */
export function readMlflowProviderConfig(
  rootConfig: Config,
): MlflowProviderConfig | undefined {
  const config = rootConfig.getOptionalConfig(MLFLOW_CONFIG_KEY);
  if (!config) {
    return undefined;
  }
  const parsed = configSchema.safeParse(config.get());
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map(
        issue =>
          `${[MLFLOW_CONFIG_KEY, ...issue.path].join('.')}: ${issue.message}`,
      )
      .join('; ');
    throw new InputError(`Invalid MLflow provider config: ${problems}`);
  }
  let schedule = DEFAULT_SCHEDULE;
  if (config.has('schedule')) {
    try {
      schedule = {
        ...readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        ),
        scope: 'global',
      };
    } catch (error) {
      throw new InputError(
        `Invalid MLflow provider config: ${MLFLOW_CONFIG_KEY}.schedule: ${
          (error as Error).message
        }`,
      );
    }
  }
  return { ...parsed.data, schedule };
}
