import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Config } from '@backstage/config';
import { parseConfigSection } from '@ml-golden-paths/plugin-ml-catalog-common';
import YAML from 'yaml';
import { z } from 'zod';

/** Where the readiness backend reads its configuration. */
export const CONFIG_KEY = 'mlGoldenPaths.readiness';

const configSchema = z
  .object({
    /** Inline policy changes (extend or replace the default policy). */
    policy: z.unknown().optional(),
    /** A YAML file with the same shape as `policy`, applied after it. */
    policyFile: z.string().min(1).optional(),
    /** Minutes between scheduled collections (collectors may set their own). */
    collectionFrequencyMinutes: z.number().int().min(1).default(30),
    /** Minutes a collection run may take before it is aborted. */
    collectionTimeoutMinutes: z.number().int().min(1).default(15),
    /** Models collected at the same time. */
    concurrency: z.number().int().min(1).max(32).default(4),
    /** Minutes between re-grading every model from stored facts. */
    regradeFrequencyMinutes: z.number().int().min(1).default(15),
    /** Days of fact and grade history (and notification records) kept. */
    historyRetentionDays: z.number().int().min(1).default(400),
  })
  .strict();

/** Parsed readiness configuration. */
export type ReadinessConfig = z.output<typeof configSchema> & {
  /** Policy documents in the order they apply. */
  policyDocuments: Array<{ source: string; document: unknown }>;
};

/** Reads `mlGoldenPaths.readiness`, including the policy file if given. */
export function readReadinessConfig(config: Config): ReadinessConfig {
  const raw = config.getOptional(CONFIG_KEY);
  const parsed = parseConfigSection(configSchema, raw, CONFIG_KEY);
  const policyDocuments: ReadinessConfig['policyDocuments'] = [];
  if (parsed.policy !== undefined) {
    policyDocuments.push({
      source: `config ${CONFIG_KEY}.policy`,
      document: parsed.policy,
    });
  }
  if (parsed.policyFile) {
    const path = resolve(parsed.policyFile);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(
        `Invalid config ${CONFIG_KEY}.policyFile: cannot read ${path}: ${
          (error as Error).message
        }`,
      );
    }
    let document: unknown;
    try {
      document = YAML.parse(text);
    } catch (error) {
      throw new Error(
        `Invalid policy file ${path}: ${(error as Error).message.split('\n')[0]}`,
      );
    }
    policyDocuments.push({ source: path, document });
  }
  return { ...parsed, policyDocuments };
}
