import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';
import { JsonObject, JsonValue } from '@backstage/types';
import { createTemplateRenderer } from 'nunjitsu';
import yaml from 'yaml';

/**
 * Supplies the outputs of a non-rendering step (such as
 * `mlgp:github:code-owners`) that later steps' values read; steps without a
 * provider have no outputs.
 */
export type StepOutputProvider = (step: {
  id: string;
  action: string;
  input: JsonObject;
}) => Promise<JsonObject | undefined>;

/** Golden paths are re-rendered from disk only: any URL read is refused. */
const offlineReader: UrlReaderService = {
  async readUrl(url: string) {
    throw new NotAllowedError(`golden-path renders never fetch ${url}`);
  },
  async readTree(url: string) {
    throw new NotAllowedError(`golden-path renders never fetch ${url}`);
  },
  async search(url: string) {
    throw new NotAllowedError(`golden-path renders never fetch ${url}`);
  },
};

const silentLogger: LoggerService = {
  info() {},
  debug() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

function isTruthy(value: unknown) {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

type Step = {
  id: string;
  action: string;
  if?: string | boolean;
  input?: JsonValue;
};

/**
 * Renders one golden path of a golden-paths folder with the given answers
 * into `outDir`, the way the scaffolder's task runs its steps: each step's
 * `if:` and input are evaluated with the scaffolder's template engine
 * (nunjitsu, with the `parseRepoUrl` and `parseEntityRef` filters), and
 * every `fetch:template` step runs the scaffolder's own `fetch:template`
 * action. Other actions are not run; their outputs come from `stepOutputs`.
 * Reads nothing but the folder (no network). A template error fails the
 * render naming the step.
 */
export async function renderGoldenPath(options: {
  treeDir: string;
  template: string;
  answers: JsonObject;
  outDir: string;
  integrations: ScmIntegrations;
  stepOutputs?: StepOutputProvider;
}): Promise<void> {
  const { treeDir, template, answers, outDir, integrations } = options;
  const templateFile = path.join(treeDir, `${template}.template.yaml`);
  const entity = yaml.parse(
    await fs.readFile(templateFile, 'utf8').catch(() => {
      throw new InputError(
        `template: the golden paths have no template named '${template}'`,
      );
    }),
  );
  if (entity?.metadata?.name !== template) {
    throw new InputError(
      `template: ${path.basename(templateFile)} is named '${entity?.metadata?.name}', not '${template}'`,
    );
  }
  const renderer = createTemplateRenderer({
    filters: {
      parseEntityRef: (ref: any, context: any) =>
        parseEntityRef(ref, context) as any,
      parseRepoUrl: (url: any) => parseRepoUrl(String(url), integrations),
    },
    allowRegexExecution: true,
  });
  const renderInput = (value: unknown, context: any, where: string): any => {
    if (typeof value === 'string') {
      try {
        return renderer.renderValue(value, context, { coercion: 'json' });
      } catch (error) {
        throw new InputError(
          `${template} ${where}: ${(error as Error).message}`,
        );
      }
    }
    if (Array.isArray(value)) {
      return value.map((v, i) => renderInput(v, context, `${where}[${i}]`));
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          k,
          renderInput(v, context, `${where}.${k}`),
        ]),
      );
    }
    return value;
  };

  const fetchTemplate = createFetchTemplateAction({
    reader: offlineReader,
    integrations,
  });
  await fs.mkdir(outDir, { recursive: true });
  const steps: Record<string, { output: JsonObject }> = {};
  for (const step of (entity.spec?.steps ?? []) as Step[]) {
    const context = renderer.prepareContext({
      parameters: answers,
      steps,
      user: {},
      context: { task: { id: 'golden-path-upgrade' } },
    } as any);
    if (step.if !== undefined) {
      const condition =
        typeof step.if === 'boolean'
          ? step.if
          : renderInput(step.if, context, `step ${step.id} if`);
      if (!isTruthy(condition)) continue;
    }
    if (step.action === 'fetch:template') {
      const input = renderInput(
        step.input ?? {},
        context,
        `step ${step.id} input`,
      );
      await fetchTemplate.handler({
        input,
        workspacePath: outDir,
        templateInfo: {
          baseUrl: `file://${templateFile}`,
          entityRef: `template:default/${template}`,
        },
        logger: silentLogger,
        secrets: {},
        user: {},
        isDryRun: false,
        task: { id: 'golden-path-upgrade' },
        step: { id: step.id },
        signal: new AbortController().signal,
        output: () => {},
        createTemporaryDirectory: async () =>
          fs.mkdtemp(path.join(os.tmpdir(), 'golden-path-step-')),
        checkpoint: async ({ fn }: { fn: () => Promise<any> }) => fn(),
        getInitiatorCredentials: async () => {
          throw new NotAllowedError('a golden-path render acts for nobody');
        },
      } as any);
      steps[step.id] = { output: {} };
    } else if (options.stepOutputs) {
      const input = renderInput(
        step.input ?? {},
        context,
        `step ${step.id} input`,
      );
      steps[step.id] = {
        output:
          (await options.stepOutputs({
            id: step.id,
            action: step.action,
            input,
          })) ?? {},
      };
    } else {
      steps[step.id] = { output: {} };
    }
  }
}

/**
 * The questions (form fields) of a golden path: every property of every
 * parameter page, including those revealed by `dependencies`, with its
 * JSON schema.
 */
export async function readTemplateQuestions(
  treeDir: string,
  template: string,
): Promise<Map<string, { title?: string; schema: JsonObject }>> {
  const entity = yaml.parse(
    await fs.readFile(path.join(treeDir, `${template}.template.yaml`), 'utf8'),
  );
  const questions = new Map<string, { title?: string; schema: JsonObject }>();
  const collect = (node: any) => {
    if (!node || typeof node !== 'object') return;
    for (const [name, schema] of Object.entries<any>(node.properties ?? {})) {
      if (!questions.has(name) || Object.keys(schema).length > 1) {
        questions.set(name, { title: schema?.title, schema });
      }
    }
    for (const dependency of Object.values<any>(node.dependencies ?? {})) {
      for (const branch of dependency?.oneOf ?? []) collect(branch);
    }
  };
  for (const page of [entity?.spec?.parameters ?? []].flat()) collect(page);
  return questions;
}
