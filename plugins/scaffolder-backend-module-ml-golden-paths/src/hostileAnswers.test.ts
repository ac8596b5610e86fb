/*
 * Hostile answers through the real scaffolder's dry run of every golden-path
 * template: each hostile string, in each answer it can be given for, is
 * either refused with an error naming that answer, or rendered into YAML that
 * parses to exactly the entities of a clean render, with the string verbatim
 * as the value (catalog-info.yaml and .golden-path/answers.yaml).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JsonObject } from '@backstage/types';
import yaml from 'yaml';
import { CANARY_TOKEN } from './__testUtils__/githubFixtures';
import {
  api,
  GoldenPathBackend,
  listTemplates,
  readDirectoryContents,
  sampleAnswers,
  startGoldenPathBackend,
  templateFile,
  waitForCatalogEntity,
} from './__testUtils__/goldenPathBackend';

jest.setTimeout(300_000);

/** Hostile strings, each with a label for the test report. */
const HOSTILE: Array<[string, string]> = [
  ['newline', 'first line\nsecond line'],
  [
    'injected entity',
    'x\n---\napiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: injected\nspec:\n  type: url\n  target: https://evil.example.com/all.yaml',
  ],
  ['document start', '---'],
  ['document start with text', '--- kind: Location'],
  ['document end', '...'],
  ['crlf', 'a\r\nb'],
  ['carriage return', 'a\rb'],
  ['anchor', '&a hello'],
  ['alias', '*a'],
  ['anchor and alias', '&anchor [1, 2] *anchor'],
  ['merge key', '<<: *a'],
  ['nunjucks expression', '{{ parameters.name }}'],
  ['scaffolder expression', '${{ secrets.backstageToken }}'],
  ['scaffolder dump', '${{ parameters | dump }}'],
  ['nunjucks raw', '{% raw %}x{% endraw %}'],
  ['nunjucks include', '{% include "/etc/passwd" %}'],
  ['nunjucks comment', '{# unterminated'],
  ['line separator', 'a\u2028b'],
  ['paragraph separator', 'a\u2029b'],
  ['next line', 'a\u0085b'],
  ['10 kB', 'x'.repeat(10_240)],
  ['10 kB of newlines and dashes', '---\n'.repeat(2_560)],
  ['relative path', '../../etc/passwd'],
  ['dot dot', '..'],
  ['absolute path', '/etc/passwd'],
  ['windows path', 'C:\\Windows\\system32'],
  ['nul', 'nul\u0000byte'],
  ['delete', 'del\u007fete'],
  ['double quotes', '"double quoted"'],
  ['single quotes', "'single quoted'"],
  ['lone double quote', '"'],
  ['lone single quote', "'"],
  ['tab', 'tab\there'],
  ['python object', '!!python/object/apply:os.system ["id"]'],
  ['js function', '!!js/function "function () { return 1 }"'],
  ['explicit tag', '!<tag:yaml.org,2002:str> x'],
  ['comment', '# comment'],
  ['mapping', 'key: value'],
  ['leading colon', ': leading colon'],
  ['sequence item', '- item'],
  ['flow sequence', '[1, 2]'],
  ['flow mapping', '{a: 1}'],
  ['complex key', '? complex'],
  ['block scalar', '| block'],
  ['folded scalar', '> folded'],
  ['directive', '%YAML 1.1'],
  ['at sign', '@reserved'],
  ['backtick', '`reserved`'],
  ['null word', 'null'],
  ['tilde', '~'],
  ['boolean word', 'yes'],
  ['true word', 'true'],
  ['hex number', '0x1F'],
  ['float', '1e3'],
  ['bidi override', 'abc\u202eevil'],
  ['byte-order mark', '\ufeffbom'],
  ['unicode', 'Modèle de fraude 🚀 ünïcødé'],
  ['empty', ''],
  ['spaces', '   padded   '],
  ['backslash', '\\'],
  ['escaped newline text', 'literal \\n not a newline'],
  ['percent-encoded traversal', '%2e%2e%2f%2e%2e%2f'],
  ['html', '<script>alert(1)</script>'],
  ['ref with a document', 'group:default/risk-ml\n---'],
  ['ref of the wrong kind', 'system:default/fraud-platform'],
  ['ref that does not exist', 'group:default/no-such-team'],
  ['model as dataset', 'resource:default/fraud-scoring'],
];

/** Answers every template asks for, as strings (numbers get type errors). */
const COMMON_FIELDS = [
  'name',
  'description',
  'owner',
  'system',
  'dataset',
  'approvers',
  'destination',
  'repoUrl',
  'tier',
];
const TEMPLATE_FIELDS: Record<string, string[]> = {
  'online-inference': ['latencyP99Ms', 'availability'],
  'batch-scoring': ['schedule', 'freshnessHours'],
  'training-pipeline': [
    'retrainSchedule',
    'maxModelAgeHours',
    'servingPattern',
  ],
};

type DirectoryFile = { path: string; base64Content: string };
type Render = { files: Map<string, string> };
type Outcome =
  | { kind: 'refused'; status: number; text: string }
  | { kind: 'rendered'; render: Render };

/** The template and the parts of the skeleton it renders. */
function templateRequest(template: string) {
  const file = templateFile(template);
  const dir = path.dirname(file);
  const contents = readDirectoryContents(dir).filter(
    entry =>
      entry.path === path.basename(file) ||
      entry.path.startsWith('skeleton/shared/') ||
      entry.path.startsWith(`skeleton/${template}/`),
  );
  return {
    template: yaml.parse(fs.readFileSync(file, 'utf8')),
    contents,
    // What the YAML checks need: the YAML files and CODEOWNERS (no Python,
    // no sample data), so each hostile render stays quick.
    yamlContents: contents.filter(
      entry =>
        !entry.path.startsWith('skeleton/') ||
        /(\.ya?ml|\/CODEOWNERS)$/.test(entry.path),
    ),
  };
}

/** The answers each parameter page of a template asks for. */
function parameterPages(template: JsonObject): string[][] {
  const pages = [
    (template.spec as JsonObject).parameters ?? [],
  ].flat() as any[];
  return pages.map(page => {
    const fields = Object.keys(page.properties ?? {});
    for (const option of page.dependencies?.destination?.oneOf ?? []) {
      fields.push(
        ...Object.keys(option.properties ?? {}).filter(
          key => !fields.includes(key),
        ),
      );
    }
    return fields;
  });
}

function decode(files: DirectoryFile[]): Map<string, string> {
  return new Map(
    files.map(file => [
      file.path,
      Buffer.from(file.base64Content, 'base64').toString('utf8'),
    ]),
  );
}

/** Kind and name of every document in a YAML text; throws on a parse error. */
function entitySignature(text: string): string[] {
  return yaml.parseAllDocuments(text).map(document => {
    if (document.errors.length > 0) {
      throw new Error(document.errors.map(e => e.message).join('; '));
    }
    const entity = document.toJS();
    return `${entity?.kind}:${entity?.metadata?.name}`;
  });
}

function parseOne(text: string): any {
  const documents = yaml.parseAllDocuments(text);
  expect(documents).toHaveLength(1);
  expect(documents[0].errors).toEqual([]);
  return documents[0].toJS();
}

/** Whether an error response names the answer `field`. */
function namesField(outcome: { status: number; body: any }, field: string) {
  const { body } = outcome;
  if (Array.isArray(body?.errors)) {
    return body.errors.some(
      (error: { property?: string; argument?: unknown; path?: unknown[] }) =>
        error.property === `instance.${field}` ||
        (error.property === 'instance' && error.argument === field) ||
        (Array.isArray(error.path) && error.path[0] === field),
    );
  }
  const message = String(body?.error?.message ?? '');
  return new RegExp(`(^|[;:] |answers\\.)${field}[:.\\[ ]`).test(message);
}

/**
 * Checks a render of one hostile answer: every YAML file parses, the catalog
 * file holds exactly the baseline's entities (kind and name; named after the
 * answer when it is the name) and the answer is verbatim where it belongs.
 */
function checkRendered(
  render: Render,
  field: string,
  value: string,
  baseSignature: string[],
) {
  const { files } = render;
  for (const [file, text] of files) {
    if (/\.ya?ml$/.test(file)) {
      entitySignature(text);
    }
  }
  const catalogInfo = files.get('catalog-info.yaml')!;
  expect(entitySignature(catalogInfo)).toEqual(
    field === 'name'
      ? baseSignature.map(entry => entry.replace('fraud-scoring', value))
      : baseSignature,
  );
  const record = parseOne(files.get('.golden-path/answers.yaml')!);
  expect(record.answers[field]).toBe(value);
  const model = yaml
    .parseAllDocuments(catalogInfo)
    .map(document => document.toJS())
    .find(entity => entity.spec?.type === 'ai-model');
  if (field === 'description') {
    expect(model.metadata.description).toBe(value);
  }
  if (field === 'name') {
    expect(model.metadata.name).toBe(value);
  }
}

describe('hostile answers through the dry run of every golden path', () => {
  let workDir: string;
  let backend: GoldenPathBackend;
  const templates = listTemplates();
  const requests = new Map<string, ReturnType<typeof templateRequest>>();
  const baselines = new Map<string, Render>();
  const everything: string[] = [];

  async function dryRun(
    template: string,
    values: JsonObject,
    contents: 'all' | 'yaml' | 'none' = 'all',
  ) {
    const request = requests.get(template)!;
    const response = await api(backend, 'POST', '/api/scaffolder/v2/dry-run', {
      template: request.template,
      values,
      secrets: {},
      directoryContents: {
        all: request.contents,
        yaml: request.yamlContents,
        none: [],
      }[contents],
    });
    everything.push(JSON.stringify(response.body));
    return response;
  }

  function baseValues(template: string): JsonObject {
    return sampleAnswers(template, {
      destination: 'github',
      repoUrl: `github.com?owner=acme&repo=${template}-fuzz`,
    });
  }

  /**
   * Dry-runs one hostile value in every answer of a template, grouped: first
   * one run per parameter page with the value in all of that page's answers
   * (the form refuses most, naming each), then one run with the value in all
   * answers the form let through (the first step validates every answer and
   * names each it refuses), then one real render per answer still standing.
   * Runs without the skeleton are enough to see a refusal.
   */
  async function classify(
    template: string,
    fields: string[],
    value: string,
  ): Promise<Map<string, Outcome>> {
    const outcomes = new Map<string, Outcome>();
    const withValue = (names: string[]) => ({
      ...baseValues(template),
      ...Object.fromEntries(names.map(name => [name, value])),
    });
    const refuse = (names: string[], response: { status: number; body: any }) =>
      names.filter(name => {
        if (response.status >= 400 && namesField(response, name)) {
          outcomes.set(name, {
            kind: 'refused',
            status: response.status,
            text: JSON.stringify(response.body),
          });
          return false;
        }
        return true;
      });
    const pending: string[] = [];
    for (const page of parameterPages(requests.get(template)!.template)) {
      const names = page.filter(name => fields.includes(name));
      if (names.length > 0) {
        pending.push(
          ...refuse(names, await dryRun(template, withValue(names), 'none')),
        );
      }
    }
    const standing = pending.length
      ? refuse(pending, await dryRun(template, withValue(pending), 'none'))
      : [];
    for (const name of standing) {
      const full = await dryRun(template, withValue([name]), 'yaml');
      if (full.status === 200) {
        outcomes.set(name, {
          kind: 'rendered',
          render: { files: decode(full.body.directoryContents) },
        });
      } else {
        outcomes.set(name, {
          kind: 'refused',
          status: full.status,
          text: namesField(full, name)
            ? JSON.stringify(full.body)
            : `NOT NAMING ${name}: ${JSON.stringify(full.body)}`,
        });
      }
    }
    return outcomes;
  }

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlgp-hostile-'));
    backend = await startGoldenPathBackend(workDir);
    for (const template of templates) {
      requests.set(template, templateRequest(template));
      await waitForCatalogEntity(backend, { kind: 'template', name: template });
    }
    for (const [kind, name] of [
      ['group', 'risk-ml'],
      ['group', 'risk-ml-oncall'],
      ['system', 'fraud-platform'],
      ['resource', 'card-transactions'],
      ['resource', 'fraud-scoring'],
    ]) {
      await waitForCatalogEntity(backend, { kind, name });
    }
  }, 300_000);

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('has at least 50 hostile answers', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(50);
  });

  describe.each(listTemplates())('%s', template => {
    it('renders the clean answers (the baseline)', async () => {
      const response = await dryRun(template, baseValues(template), 'all');
      expect(response.status).toBe(200);
      const files = decode(response.body.directoryContents);
      baselines.set(template, { files });
      expect(entitySignature(files.get('catalog-info.yaml')!).length).toBe(
        template === 'online-inference' ? 3 : 2,
      );
      const codeowners = files.get('.github/CODEOWNERS')!;
      // The teams of the owner and approvers groups (github.com/team-slug),
      // the same teams the guardrails resolve.
      expect(codeowners).toMatch(/^\* +@acme\/risk-ml$/m);
      expect(codeowners).toMatch(
        /^\/deploy\/overlays\/production\/ +@acme\/risk-ml @acme\/risk-ml-oncall$/m,
      );
    });

    it('refuses or renders every hostile answer faithfully', async () => {
      const baseline = baselines.get(template);
      expect(baseline).toBeDefined();
      const baseSignature = entitySignature(
        baseline!.files.get('catalog-info.yaml')!,
      );
      const fields = [...COMMON_FIELDS, ...TEMPLATE_FIELDS[template]];
      const problems: string[] = [];
      const rendered: string[] = [];
      const checked: string[] = [];
      // a few values at a time: most runs are refused by the form at once
      for (let i = 0; i < HOSTILE.length; i += 4) {
        await Promise.all(
          HOSTILE.slice(i, i + 4).map(async ([label, value]) => {
            const outcomes = await classify(template, fields, value);
            for (const field of fields) {
              const outcome = outcomes.get(field);
              const where = `${field} = ${label}`;
              checked.push(where);
              if (!outcome) {
                problems.push(`${where}: never tried`);
                continue;
              }
              if (outcome.kind === 'refused') {
                if (outcome.text.startsWith('NOT NAMING')) {
                  problems.push(`${where}: ${outcome.text.slice(0, 300)}`);
                }
                continue;
              }
              if (value !== baseValues(template)[field]) {
                rendered.push(where);
              }
              try {
                checkRendered(outcome.render, field, value, baseSignature);
              } catch (error) {
                problems.push(`${where}: ${(error as Error).message}`);
              }
            }
          }),
        );
      }
      expect(new Set(checked).size).toBe(fields.length * HOSTILE.length);
      expect(problems).toEqual([]);
      // Only free text gets through (the description): names that are YAML
      // keywords (null, true, false) are refused like any other bad name.
      expect(
        rendered.filter(where => !where.startsWith('description = ')),
      ).toEqual([]);
      expect(rendered.length).toBeGreaterThan(20);
      expect(everything.join('\n')).not.toContain(CANARY_TOKEN);
    });
  });
});
