import fs from 'node:fs/promises';
import path from 'node:path';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { JsonObject, JsonValue } from '@backstage/types';
import { validate as validateJsonSchema } from 'jsonschema';
import yaml from 'yaml';
import { z } from 'zod';
import { REDACTED_VALUE, redactAnswers } from '../record/redactAnswers';
import { compilePathPatterns } from './pathPatterns';
import { planUpgrade, UpgradePlan } from './planUpgrade';
import {
  GoldenPathRelease,
  GoldenPathReleases,
  RELEASES_FILE,
} from './releases';
import {
  readTemplateQuestions,
  renderGoldenPath,
  StepOutputProvider,
} from './renderGoldenPath';
import { compareVersions, isSemanticVersion } from './semver';

/** Where a generated repository records its golden path (see mlgp:golden-path:record). */
export const RECORD_PATH = '.golden-path/answers.yaml';

/** Paths an upgrade never merges: the record (rewritten by the upgrade) and git's own. */
const ALWAYS_PROTECTED = ['.git/', '.golden-path/'];

const recordSchema = z
  .object({
    template: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    version: z.string().refine(isSemanticVersion, 'not a semantic version'),
    answers: z.record(z.string(), z.any()),
  })
  .passthrough();

/** The golden-path record of a repository. */
export type GoldenPathRecord = z.infer<typeof recordSchema>;

/** A question the new version asks that the repository has no answer for. */
export type MissingAnswer = {
  name: string;
  title?: string;
  description?: string;
  /** The template's default: shown as a suggestion, never applied silently. */
  suggested?: JsonValue;
};

/** A prepared upgrade: the plan, or the answers it still needs. */
export type PreparedUpgrade = {
  template: string;
  fromVersion: string;
  toVersion: string;
  /** Changelog of the versions the upgrade brings, newest first. */
  changes: GoldenPathRelease[];
  /** New questions answered from the action input. */
  newAnswers: string[];
  /** Questions still unanswered: no plan until they are answered. */
  missingAnswers: MissingAnswer[];
  plan?: UpgradePlan;
};

/** Reads and validates `.golden-path/answers.yaml` of a checkout. */
export async function readGoldenPathRecord(
  repoDir: string,
): Promise<GoldenPathRecord> {
  const text = await fs
    .readFile(path.join(repoDir, RECORD_PATH), 'utf8')
    .catch(() => {
      throw new NotFoundError(
        `the repository has no ${RECORD_PATH}: it was not created from a golden path`,
      );
    });
  const parsed = recordSchema.safeParse(yaml.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `${RECORD_PATH} ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/**
 * Prepares the upgrade of a checkout to `targetVersion` (default: the
 * newest release) without writing to it: renders the OLD version with the
 * recorded answers (the merge base) and the new version with the same
 * answers plus the answers to its new questions, then plans the three-way
 * merge (see planUpgrade). A question the new version adds (or whose
 * recorded answer was redacted) must be answered in `answers`; otherwise it
 * is reported in `missingAnswers` and there is no plan — it is never
 * silently defaulted. The plan includes the rewritten record.
 */
export async function prepareUpgrade(options: {
  releases: GoldenPathReleases;
  repoDir: string;
  workDir: string;
  integrations: ScmIntegrations;
  targetVersion?: string;
  answers?: JsonObject;
  neverTouch?: string[];
  stepOutputs?: StepOutputProvider;
  now?: Date;
}): Promise<PreparedUpgrade> {
  const { releases, repoDir, workDir, integrations } = options;
  const record = await readGoldenPathRecord(repoDir);
  const fromVersion = record.version;
  const toVersion = options.targetVersion ?? releases.currentVersion;
  if (!isSemanticVersion(toVersion)) {
    throw new InputError(
      `targetVersion: '${toVersion}' is not a semantic version like 1.2.0`,
    );
  }
  if (!releases.templates.includes(record.template)) {
    throw new NotFoundError(
      `${RECORD_PATH} names the golden path '${record.template}', which does not exist (known: ${releases.templates.join(', ')})`,
    );
  }
  if (!releases.has(toVersion)) {
    throw new InputError(
      `targetVersion: ${toVersion} was never released (released: ${releases.versions().join(', ')})`,
    );
  }
  if (compareVersions(toVersion, fromVersion) <= 0) {
    throw new ConflictError(
      `the repository is at golden path ${record.template}@${fromVersion}; ${toVersion} is not newer`,
    );
  }
  if (!releases.has(fromVersion)) {
    throw new NotFoundError(
      `the repository was created from ${record.template}@${fromVersion}, which is not in the release history; it cannot be re-rendered as the merge base`,
    );
  }
  const oldTree = await releases.materialize(
    fromVersion,
    path.join(workDir, 'old-tree'),
  );
  const newTree = await releases.materialize(
    toVersion,
    path.join(workDir, 'new-tree'),
  );

  // Questions: new ones (and redacted answers) need an answer from the input.
  const oldQuestions = await readTemplateQuestions(oldTree, record.template);
  const newQuestions = await readTemplateQuestions(newTree, record.template);
  const given = options.answers ?? {};
  const answers: JsonObject = { ...record.answers };
  const newAnswers: string[] = [];
  for (const [name, value] of Object.entries(given)) {
    const question = newQuestions.get(name);
    if (!question) {
      throw new InputError(
        `answers.${name}: golden path ${record.template}@${toVersion} has no question '${name}'`,
      );
    }
    const needed =
      !oldQuestions.has(name) ||
      record.answers[name] === undefined ||
      record.answers[name] === REDACTED_VALUE;
    if (!needed) {
      throw new InputError(
        `answers.${name}: already answered when the repository was created; an upgrade only asks new questions`,
      );
    }
    const result = validateJsonSchema(value, question.schema as any);
    if (!result.valid) {
      throw new InputError(
        `answers.${name}: ${result.errors.map(e => e.message).join('; ')}`,
      );
    }
    answers[name] = value as JsonValue;
    newAnswers.push(name);
  }
  const missingAnswers: MissingAnswer[] = [];
  for (const [name, question] of newQuestions) {
    const isNew = !oldQuestions.has(name);
    const redacted = record.answers[name] === REDACTED_VALUE;
    if ((isNew || redacted) && !(name in given)) {
      // Questions hidden behind another answer (dependencies) are asked only
      // when the recorded answers reveal them; a new top-level one always is.
      missingAnswers.push({
        name,
        title: question.title,
        description: question.schema.description as string | undefined,
        suggested: question.schema.default as JsonValue | undefined,
      });
    }
  }
  const prepared: PreparedUpgrade = {
    template: record.template,
    fromVersion,
    toVersion,
    changes: releases.changesBetween(record.template, fromVersion, toVersion),
    newAnswers,
    missingAnswers,
  };
  if (missingAnswers.length > 0) return prepared;

  const oldRender = path.join(workDir, 'old-render');
  const newRender = path.join(workDir, 'new-render');
  await renderGoldenPath({
    treeDir: oldTree,
    template: record.template,
    answers: record.answers,
    outDir: oldRender,
    integrations,
    stepOutputs: options.stepOutputs,
  });
  await renderGoldenPath({
    treeDir: newTree,
    template: record.template,
    answers,
    outDir: newRender,
    integrations,
    stepOutputs: options.stepOutputs,
  });
  const policy = yaml.parse(
    await fs.readFile(path.join(newTree, RELEASES_FILE), 'utf8'),
  );
  const plan = await planUpgrade({
    repoDir,
    oldDir: oldRender,
    newDir: newRender,
    fromVersion,
    toVersion,
    alwaysRestored: compilePathPatterns(
      policy?.alwaysRestored ?? [],
      `${RELEASES_FILE} alwaysRestored`,
    ),
    neverTouch: compilePathPatterns(
      [...ALWAYS_PROTECTED, ...(options.neverTouch ?? [])],
      'neverTouch',
    ),
  });
  // The record is the upgrade's own: rewritten, never merged.
  plan.files = plan.files.filter(f => f.path !== RECORD_PATH);
  const { template, version, answers: _old, ...rest } = record;
  const nextRecord = {
    template,
    version: toVersion,
    answers: redactAnswers(answers),
    ...rest,
    createdFrom: rest.createdFrom ?? version,
    upgradedFrom: version,
    upgradedAt: (options.now ?? new Date()).toISOString(),
  };
  plan.files.push({
    path: RECORD_PATH,
    action: 'updated',
    reason: `records golden path ${template}@${toVersion}${
      newAnswers.length ? ` and the new answers (${newAnswers.join(', ')})` : ''
    }`,
    content: Buffer.from(
      `# Written by the ML golden path; used to upgrade this repository later.\n${yaml.stringify(
        nextRecord,
      )}`,
      'utf8',
    ),
  });
  prepared.plan = plan;
  return prepared;
}
