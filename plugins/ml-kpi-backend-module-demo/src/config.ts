import { Config } from '@backstage/config';
import { z } from 'zod';

const KEY = 'mlGoldenPaths.kpi.demo';

/** A whole number from `min` to `max`, with messages naming the bound. */
const wholeNumber = (min: number, max: number, minMessage?: string) =>
  z
    .number({ invalid_type_error: 'must be a number' })
    .int('must be a whole number')
    .min(min, minMessage ?? `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const schema = z
  .object({
    /** Replay the webhook history on startup. */
    replay: z.boolean({ invalid_type_error: 'must be true or false' }),
    /** Days of history. */
    days: wholeNumber(1, 365),
    /** Changes the generated history. */
    seed: z.string().min(1, 'must not be empty'),
    /** Seconds to wait for the catalog to list the demo models. */
    catalogWaitSeconds: z
      .number({ invalid_type_error: 'must be a number' })
      .positive('must be positive'),
    prometheus: z
      .object({
        /** Loopback port the demo Prometheus listens on. */
        port: wholeNumber(1024, 65535, 'must be 1024 or above'),
        /** Folder for the generated data (replaced on every start). */
        dataDir: z.string().min(1, 'must not be empty'),
        /** Folder holding the `prometheus` and `promtool` binaries. */
        binDir: z.string().min(1, 'must not be empty'),
        /** Days of serving metrics. */
        days: wholeNumber(1, 90),
      })
      .strict()
      .optional(),
  })
  .strict();

/** Settings of the demo module (`mlGoldenPaths.kpi.demo`). */
export type DemoConfig = z.infer<typeof schema>;

/**
 * Reads `mlGoldenPaths.kpi.demo`; undefined when absent (the module does
 * nothing). A bad value throws an Error naming the key.
 */
export function readDemoConfig(config: Config): DemoConfig | undefined {
  const raw = config.getOptional(KEY);
  if (raw === undefined) {
    return undefined;
  }
  const input = raw as any;
  const withDefaults =
    typeof input === 'object' && input !== null && !Array.isArray(input)
      ? {
          replay: true,
          days: 90,
          seed: 'ml-golden-paths-demo',
          catalogWaitSeconds: 300,
          ...input,
          ...(input.prometheus && typeof input.prometheus === 'object'
            ? {
                prometheus: {
                  port: 9464,
                  dataDir: '../../.demo-prometheus',
                  binDir: '/usr/bin',
                  days: 30,
                  ...input.prometheus,
                },
              }
            : {}),
        }
      : input;
  const parsed = schema.safeParse(withDefaults);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.join('.');
    throw new Error(
      `Invalid config ${KEY}${path ? `.${path}` : ''}: ${issue.message}`,
    );
  }
  return parsed.data;
}
