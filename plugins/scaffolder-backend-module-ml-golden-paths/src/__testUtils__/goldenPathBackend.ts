import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleGithub from '@backstage/plugin-scaffolder-backend-module-github';
import { JsonObject } from '@backstage/types';
import yaml from 'yaml';
import { mlGoldenPathsFeatures } from '../features';
import { CANARY_TOKEN } from './githubFixtures';

/** The repository checkout this package lives in. */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');
/** Where the golden-path templates live. */
export const TEMPLATES_DIR = path.join(REPO_ROOT, 'templates');

/**
 * The template files the catalog location `templates/all.yaml` lists, by
 * template name (every golden path lives in one folder and renders the shared
 * skeleton part plus its own part).
 */
export function templateFiles(): Map<string, string> {
  const location = yaml.parse(
    fs.readFileSync(path.join(TEMPLATES_DIR, 'all.yaml'), 'utf8'),
  );
  const files = new Map<string, string>();
  for (const target of location.spec.targets as string[]) {
    const file = path.resolve(TEMPLATES_DIR, target);
    const template = yaml.parse(fs.readFileSync(file, 'utf8'));
    files.set(template.metadata.name, file);
  }
  return files;
}

/** Names of every golden-path template in `templates/all.yaml`, sorted. */
export function listTemplates(): string[] {
  return [...templateFiles().keys()].sort();
}

/** The template file of one golden path (throws for an unknown name). */
export function templateFile(templateName: string): string {
  const file = templateFiles().get(templateName);
  if (!file) {
    throw new Error(`templates/all.yaml lists no template ${templateName}`);
  }
  return file;
}

/** The approvers group the self-test uses for the GitHub destination. */
export const APPROVERS_GROUP = 'group:default/mlgp-selftest-approvers';

const FIXTURE_ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'mlgp-selftest-approvers',
      annotations: { 'github.com/team-slug': 'acme/model-approvers' },
    },
    spec: { type: 'team', children: [] },
  },
];

/** Authorization header of a signed-in user for test requests. */
export const USER_AUTH = mockCredentials.user.header();

/** A running portal backend: real catalog, real scaffolder, our module. */
export type GoldenPathBackend = {
  baseUrl: string;
  localRoot: string;
  stop(): Promise<void>;
};

/** Calls the backend as a signed-in user; returns the status and JSON body. */
export async function api(
  backend: GoldenPathBackend,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${backend.baseUrl}${url}`, {
    method,
    headers: {
      authorization: USER_AUTH,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON; keep the text
  }
  return { status: response.status, body: parsed };
}

/**
 * Starts the catalog and the scaffolder (with the GitHub module and this
 * package's features) on a test backend. The catalog reads the org, examples
 * and templates from disk, and the local git checkouts through our catalog
 * module; a canary GitHub token is configured.
 */
export async function startGoldenPathBackend(
  workDir: string,
  options: {
    /** More entities (templates, groups) for the catalog to read. */
    extraEntities?: Entity[];
  } = {},
): Promise<GoldenPathBackend> {
  const localRoot = path.join(workDir, 'local-git');
  const fixtureFile = path.join(workDir, 'fixtures.yaml');
  fs.writeFileSync(
    fixtureFile,
    [...FIXTURE_ENTITIES, ...(options.extraEntities ?? [])]
      .map(entity => yaml.stringify(entity))
      .join('---\n'),
  );
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleTemplateKind,
      scaffolderPlugin,
      scaffolderModuleGithub,
      mlGoldenPathsFeatures,
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          integrations: {
            github: [{ host: 'github.com', token: CANARY_TOKEN }],
          },
          scaffolder: {
            defaultAuthor: { name: 'Self Test', email: 'selftest@example.com' },
          },
          mlGoldenPaths: {
            localGit: { root: localRoot, registrationWaitSeconds: 30 },
          },
          catalog: {
            processingInterval: { seconds: 2 },
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'API',
                  'Resource',
                  'Location',
                  'Template',
                  'Group',
                  'User',
                  'Domain',
                ],
              },
            ],
            locations: [
              {
                type: 'file',
                target: path.join(REPO_ROOT, 'examples/org.yaml'),
              },
              {
                type: 'file',
                target: path.join(REPO_ROOT, 'examples/all.yaml'),
              },
              { type: 'file', target: path.join(TEMPLATES_DIR, 'all.yaml') },
              { type: 'file', target: fixtureFile },
            ],
          },
        },
      }),
    ],
  });
  const address = backend.server.address();
  if (!address || typeof address === 'string') {
    throw new Error('test backend is not listening on a TCP port');
  }
  return {
    baseUrl: `http://localhost:${address.port}`,
    localRoot,
    stop: () => backend.stop(),
  };
}

/** Waits until the catalog has the entity (or throws after `timeoutMs`). */
export async function waitForCatalogEntity(
  backend: GoldenPathBackend,
  ref: { kind: string; name: string; namespace?: string },
  timeoutMs = 60_000,
): Promise<Entity> {
  const deadline = Date.now() + timeoutMs;
  const url = `/api/catalog/entities/by-name/${ref.kind}/${
    ref.namespace ?? 'default'
  }/${ref.name}`;
  for (;;) {
    const response = await api(backend, 'GET', url);
    if (response.status === 200) {
      return response.body;
    }
    if (Date.now() > deadline) {
      throw new Error(`${url} did not appear in the catalog in time`);
    }
    await sleep(500);
  }
}

/** A finished scaffolder task: its status, events and output. */
export type FinishedTask = {
  id: string;
  status: string;
  events: Array<{ type: string; body: JsonObject }>;
};

/** Starts a task from a catalog template and waits until it finishes. */
export async function runTask(
  backend: GoldenPathBackend,
  templateRef: string,
  values: JsonObject,
): Promise<FinishedTask> {
  const created = await api(backend, 'POST', '/api/scaffolder/v2/tasks', {
    templateRef,
    values,
  });
  if (created.status !== 201) {
    throw new Error(
      `task creation answered ${created.status}: ${JSON.stringify(
        created.body,
      )}`,
    );
  }
  return waitForTask(backend, created.body.id);
}

/** Waits until a scaffolder task finishes; returns its status and events. */
export async function waitForTask(
  backend: GoldenPathBackend,
  id: string,
  timeoutMs = 120_000,
): Promise<FinishedTask> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await api(backend, 'GET', `/api/scaffolder/v2/tasks/${id}`);
    if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
      const events = await api(
        backend,
        'GET',
        `/api/scaffolder/v2/tasks/${id}/events`,
      );
      return { id, status: task.body.status, events: events.body };
    }
    if (Date.now() > deadline) {
      throw new Error(`task ${id} did not finish in time`);
    }
    await sleep(250);
  }
}

/** Reads a folder into the dry-run API's `directoryContents` shape. */
export function readDirectoryContents(
  dir: string,
  prefix = '',
): Array<{ path: string; base64Content: string }> {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap(entry => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        return readDirectoryContents(dir, relative);
      }
      return [
        {
          path: relative,
          base64Content: fs
            .readFileSync(path.join(dir, relative))
            .toString('base64'),
        },
      ];
    });
}

/** Runs a template through the scaffolder's dry-run API. */
export async function dryRun(
  backend: GoldenPathBackend,
  templateName: string,
  values: JsonObject,
) {
  const file = templateFile(templateName);
  const templateDir = path.dirname(file);
  const template = yaml.parse(fs.readFileSync(file, 'utf8'));
  return api(backend, 'POST', '/api/scaffolder/v2/dry-run', {
    template,
    values,
    secrets: {},
    directoryContents: readDirectoryContents(templateDir),
  });
}

/** The sample answers for a template from templates/scripts/sample-answers.yaml. */
export function sampleAnswers(
  templateName: string,
  overrides: JsonObject = {},
): JsonObject {
  const all = yaml.parse(
    fs.readFileSync(
      path.join(TEMPLATES_DIR, 'scripts/sample-answers.yaml'),
      'utf8',
    ),
  );
  return {
    ...all.common,
    ...(all[templateName] ?? {}),
    ...overrides,
  };
}
