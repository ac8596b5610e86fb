import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { JsonObject } from '@backstage/types';
import yaml from 'yaml';
import { GoldenPathReleases } from '../releases';
import { renderGoldenPath, StepOutputProvider } from '../renderGoldenPath';
import { RECORD_PATH } from '../prepareUpgrade';

/** github.com only, as the portal configures it. */
export const testIntegrations = ScmIntegrations.fromConfig(
  new ConfigReader({ integrations: { github: [{ host: 'github.com' }] } }),
);

/** The form answers of templates/scripts/sample-answers.yaml for online-inference (local). */
export const SAMPLE_ANSWERS: JsonObject = {
  name: 'fraud-scoring',
  description: 'Scores card transactions for fraud risk.',
  owner: 'group:default/risk-ml',
  system: 'system:default/fraud-platform',
  tier: 1,
  dataset: 'resource:default/card-transactions',
  approvers: 'group:default/risk-ml-oncall',
  destination: 'local',
  latencyP99Ms: 150,
  availability: 99.9,
};

/** code-owners answers as the sample groups' team-slug annotations would. */
export const sampleStepOutputs: StepOutputProvider = async ({
  action,
  input,
}) =>
  action === 'mlgp:github:code-owners'
    ? {
        ownerHandle: `@acme/${String(input.owner).split('/').pop()}`,
        approversHandles: `@acme/${String(input.approvers).split('/').pop()}`,
      }
    : undefined;

/**
 * Creates a repository folder the way the golden path does at `version`:
 * the render plus the record `.golden-path/answers.yaml`.
 */
export async function createRepository(options: {
  releases: GoldenPathReleases;
  version: string;
  dir: string;
  scratchDir: string;
  template?: string;
  answers?: JsonObject;
}) {
  const template = options.template ?? 'online-inference';
  const answers = options.answers ?? SAMPLE_ANSWERS;
  const tree = await options.releases.materialize(
    options.version,
    path.join(options.scratchDir, `tree-${options.version}`),
  );
  await renderGoldenPath({
    treeDir: tree,
    template,
    answers,
    outDir: options.dir,
    integrations: testIntegrations,
    stepOutputs: sampleStepOutputs,
  });
  await fs.mkdir(path.join(options.dir, '.golden-path'), { recursive: true });
  await fs.writeFile(
    path.join(options.dir, RECORD_PATH),
    yaml.stringify({
      template,
      version: options.version,
      answers,
      generatedAt: '2026-11-29T12:00:00.000Z',
    }),
  );
  return options.dir;
}
