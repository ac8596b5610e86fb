#!/usr/bin/env node
/*
 * Renders the golden-path templates the way the scaffolder does, checks the
 * result, and (with --test) runs each generated repository's own tests.
 *
 *   node templates/scripts/render.cjs [--template <name>]... [--destination local|github]
 *        [--answers <file>] [--out <dir>] [--test]
 *
 * For each template it:
 *  1. validates template.yaml against the scaffolder's Template v1beta3 schema
 *     and the sample answers against every parameter page (jsonschema, as the
 *     scaffolder backend does);
 *  2. evaluates every step's `if:` and `input` with the scaffolder's renderer
 *     (nunjitsu with the built-in filters, JSON value coercion), failing on any
 *     template error instead of silently keeping the raw text;
 *  3. runs the real `fetch:template` action for each of the template's fetch
 *     steps (the shared skeleton part, then the pattern's part) into
 *     <out>/<template>, after checking that no file is in two parts (the
 *     second step would silently skip it);
 *  4. checks the output: no `${{` outside GitHub workflows, no unresolved
 *     `values.`/`parameters.` anywhere, every YAML file parses, every entity in
 *     catalog-info.yaml passes the catalog's kind validators and the ML entity
 *     contract of plugins/ml-catalog-common;
 *  5. with --test: `git init` + `make test PYTHON=/usr/bin/python3` in the
 *     rendered repository, timing it.
 *
 * Exits non-zero when any check fails. Run from anywhere; it needs the
 * repository's node_modules (Node 22).
 */
'use strict';

const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { spawnSync } = require('node:child_process');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const TEMPLATES_DIR = path.join(REPO_ROOT, 'templates');
const fromRoot = id => require(require.resolve(id, { paths: [REPO_ROOT] }));
// Lets this script require the TypeScript sources of plugins/ml-catalog-common.
fromRoot('@backstage/cli/config/nodeTransform.cjs');

const yaml = fromRoot('yaml');
const jsonschema = fromRoot('jsonschema');
const { createTemplateRenderer } = fromRoot('nunjitsu');
const { ConfigReader } = fromRoot('@backstage/config');
const { ScmIntegrations } = fromRoot('@backstage/integration');
const catalogModel = fromRoot('@backstage/catalog-model');
const { templateEntityV1beta3Validator } = fromRoot(
  '@backstage/plugin-scaffolder-common',
);
const { createFetchTemplateAction } = fromRoot(
  '@backstage/plugin-scaffolder-backend',
);
const { validateMlEntity, getMlEntityType } = require(
  path.join(REPO_ROOT, 'plugins', 'ml-catalog-common', 'src'),
);
// The scaffolder's default template filters (parseRepoUrl, parseEntityRef, pick, projectSlug).
const { createDefaultFilters } = require(
  path.join(
    path.dirname(
      require.resolve('@backstage/plugin-scaffolder-backend', {
        paths: [REPO_ROOT],
      }),
    ),
    'lib/templating/filters/createDefaultFilters.cjs.js',
  ),
);

/** Template name -> template file, from the catalog location templates/all.yaml. */
const TEMPLATE_FILES = new Map(
  yaml
    .parse(fs.readFileSync(path.join(TEMPLATES_DIR, 'all.yaml'), 'utf8'))
    .spec.targets.map(target => {
      const file = path.resolve(TEMPLATES_DIR, target);
      return [yaml.parse(fs.readFileSync(file, 'utf8')).metadata.name, file];
    }),
);
const TEMPLATE_NAMES = [...TEMPLATE_FILES.keys()];
const VERSION_ANNOTATION = 'mlops.golden-paths/version';

function parseArgs(argv) {
  const args = {
    templates: [],
    destination: 'local',
    answers: path.join(__dirname, 'sample-answers.yaml'),
    out: undefined,
    test: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === '--template') args.templates.push(next());
    else if (flag === '--destination') args.destination = next();
    else if (flag === '--answers') args.answers = next();
    else if (flag === '--out') args.out = path.resolve(next());
    else if (flag === '--test') args.test = true;
    else if (flag === '--help' || flag === '-h') {
      console.log(fs.readFileSync(__filename, 'utf8').split('*/')[0]);
      process.exit(0);
    } else throw new Error(`unknown argument ${flag}`);
  }
  if (args.templates.length === 0) args.templates = TEMPLATE_NAMES;
  for (const name of args.templates) {
    if (!TEMPLATE_NAMES.includes(name))
      throw new Error(`unknown template ${name}`);
  }
  if (!['local', 'github'].includes(args.destination)) {
    throw new Error('--destination must be local or github');
  }
  args.out ??= fs.mkdtempSync(path.join(os.tmpdir(), 'golden-paths-'));
  return args;
}

function answersFor(file, template, destination) {
  const all = yaml.parse(fs.readFileSync(file, 'utf8'));
  return {
    ...all.common,
    ...(destination === 'github' ? all.github : {}),
    ...all[template],
  };
}

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({ integrations: { github: [{ host: 'github.com' }] } }),
);
const filters = Object.fromEntries(
  createDefaultFilters({ integrations }).map(f => [f.id, f.filter]),
);
const renderer = createTemplateRenderer({ filters, allowRegexExecution: true });

/** Renders every string in a step's input like the workflow runner, but strictly. */
function renderInput(value, context, where) {
  if (typeof value === 'string') {
    try {
      return renderer.renderValue(value, context, { coercion: 'json' });
    } catch (error) {
      throw new Error(`${where}: ${error.message}`);
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
}

/** The parts of the scaffolder's action context that fetch:template uses. */
function actionContext({ input, workspacePath, templateInfo }) {
  const logger = {
    info: () => {},
    debug: () => {},
    warn: message => console.warn(message),
    error: message => console.error(message),
    child: () => logger,
  };
  const outputs = {};
  return {
    input,
    workspacePath,
    templateInfo,
    logger,
    secrets: {},
    user: {},
    isDryRun: false,
    task: { id: 'render' },
    step: { id: 'fetch' },
    signal: new AbortController().signal,
    output: (key, value) => {
      outputs[key] = value;
    },
    createTemporaryDirectory: async () =>
      fs.mkdtempSync(path.join(os.tmpdir(), 'golden-paths-step-')),
    checkpoint: async ({ fn }) => fn(),
    getInitiatorCredentials: async () => ({
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'none' },
    }),
  };
}

const isTruthy = value => (Array.isArray(value) ? value.length > 0 : !!value);

/** Outputs the later steps may read; the custom actions are not run here. */
function plausibleOutputs(stepId, input) {
  switch (stepId) {
    case 'publish-github':
      return {
        remoteUrl: 'https://github.com/acme/fraud-scoring',
        repoContentsUrl: 'https://github.com/acme/fraud-scoring/blob/main',
      };
    case 'register-github':
      return { entityRef: 'resource:default/fraud-scoring' };
    case 'code-owners': {
      // mlgp:github:code-owners answers the groups' github.com/team-slug
      // teams; the sample groups are annotated acme/<group name>.
      const team = ref => `@acme/${String(ref).split('/').pop()}`;
      return {
        ownerHandle: team(input.owner),
        approversHandles: team(input.approvers),
      };
    }
    case 'publish-local':
      return {
        remoteUrl: `file:///var/lib/golden-paths/${input.name}.git`,
        catalogInfoUrl: `file:///var/lib/golden-paths/checkouts/${input.name}/catalog-info.yaml`,
        entityRef: `resource:default/${input.name}`,
      };
    default:
      return {};
  }
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** Simulates the catalog's `$text` placeholder for files next to catalog-info.yaml. */
function resolveTextPlaceholders(value, dir) {
  if (Array.isArray(value))
    return value.map(v => resolveTextPlaceholders(v, dir));
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$text') {
      return fs.readFileSync(path.join(dir, value.$text), 'utf8');
    }
    return Object.fromEntries(
      keys.map(k => [k, resolveTextPlaceholders(value[k], dir)]),
    );
  }
  return value;
}

const entityPolicy = catalogModel.EntityPolicies.allOf([
  new catalogModel.DefaultNamespaceEntityPolicy(),
  new catalogModel.NoForeignRootFieldsEntityPolicy(),
  new catalogModel.FieldFormatEntityPolicy(),
  new catalogModel.SchemaValidEntityPolicy(),
]);
const kindValidators = [
  catalogModel.resourceEntityV1alpha1Validator,
  catalogModel.componentEntityV1alpha1Validator,
  catalogModel.apiEntityV1alpha1Validator,
];

async function checkCatalogInfo(repoDir, problems, expected) {
  const file = path.join(repoDir, 'catalog-info.yaml');
  const docs = yaml.parseAllDocuments(fs.readFileSync(file, 'utf8'));
  const entities = docs.map(d => resolveTextPlaceholders(d.toJS(), repoDir));
  const refs = [];
  for (const raw of entities) {
    const entity = await entityPolicy.enforce(structuredClone(raw)).catch(e => {
      problems.push(
        `catalog-info.yaml ${raw?.kind}/${raw?.metadata?.name}: ${e.message}`,
      );
      return undefined;
    });
    if (!entity) continue;
    const results = await Promise.all(
      kindValidators.map(v => v.check(entity).catch(e => e)),
    );
    const errors = results.filter(r => r instanceof Error);
    if (!results.includes(true)) {
      problems.push(
        `catalog-info.yaml ${entity.kind}/${entity.metadata.name}: no kind validator accepted it (${errors.map(e => e.message).join('; ')})`,
      );
    }
    if (getMlEntityType(entity)) {
      const result = validateMlEntity(entity);
      if (!result.success) {
        for (const issue of result.issues) {
          problems.push(
            `catalog-info.yaml ${entity.kind}/${entity.metadata.name} ${issue.path}: ${issue.message}`,
          );
        }
      }
    }
    refs.push(catalogModel.stringifyEntityRef(entity));
  }
  const model = entities.find(e => e?.spec?.type === 'ai-model');
  if (!model) {
    problems.push('catalog-info.yaml: no Resource of spec.type ai-model');
  } else if (
    model.spec.mlops?.goldenPath?.template !== expected.template ||
    model.spec.mlops?.goldenPath?.version !== expected.version
  ) {
    problems.push(
      `catalog-info.yaml: spec.mlops.goldenPath is ${JSON.stringify(model.spec.mlops?.goldenPath)}, expected ${JSON.stringify(expected)}`,
    );
  }
  return refs;
}

function checkFiles(repoDir, problems) {
  for (const file of walk(repoDir)) {
    const rel = path.relative(repoDir, file);
    if (rel.startsWith('.git/')) continue;
    const buffer = fs.readFileSync(file);
    if (buffer.includes(0)) continue;
    const text = buffer.toString('utf8');
    const inWorkflow = rel.startsWith('.github/workflows/');
    if (!inWorkflow && text.includes('${{')) {
      problems.push(`${rel}: contains an unresolved \${{ placeholder`);
    }
    if (/\$\{\{\s*(values|parameters)\b/.test(text)) {
      problems.push(`${rel}: contains an unresolved scaffolder placeholder`);
    }
    if (/\{%|%\}/.test(text)) {
      problems.push(`${rel}: contains a leftover template tag`);
    }
    if (/\.ya?ml$/.test(rel)) {
      for (const doc of yaml.parseAllDocuments(text)) {
        for (const error of doc.errors) {
          problems.push(`${rel}: YAML error ${error.message}`);
        }
      }
    }
  }
}

async function renderTemplate(name, args) {
  const templateFile = TEMPLATE_FILES.get(name);
  const template = yaml.parse(fs.readFileSync(templateFile, 'utf8'));
  const problems = [];
  await templateEntityV1beta3Validator.check(template).catch(e => {
    problems.push(`template.yaml: ${e.message}`);
  });
  const version = template.metadata?.annotations?.[VERSION_ANNOTATION];
  if (!version)
    problems.push(`template.yaml: missing annotation ${VERSION_ANNOTATION}`);

  const parameters = answersFor(args.answers, name, args.destination);
  for (const [index, page] of [template.spec.parameters].flat().entries()) {
    const result = jsonschema.validate(parameters, page);
    for (const error of result.errors) {
      problems.push(
        `parameters page ${index + 1} (${page.title}): ${error.stack}`,
      );
    }
  }

  const repoDir = path.join(args.out, name);
  fs.rmSync(repoDir, { recursive: true, force: true });
  fs.mkdirSync(repoDir, { recursive: true });
  let context = {
    parameters,
    steps: {},
    user: {},
    context: { task: { id: 'render' } },
  };
  const ran = [];
  for (const step of template.spec.steps) {
    const prepared = renderer.prepareContext(context);
    if (typeof step.if === 'string' || step.if === false) {
      const condition =
        step.if === false
          ? false
          : renderInput(step.if, prepared, `${step.id}.if`);
      if (!isTruthy(condition)) continue;
    }
    const input = renderInput(step.input ?? {}, prepared, `${step.id}.input`);
    ran.push(step.action);
    if (step.action === 'fetch:template') {
      const action = createFetchTemplateAction({
        reader: undefined,
        integrations,
      });
      await action.handler(
        actionContext({
          input,
          workspacePath: repoDir,
          templateInfo: {
            baseUrl: `file://${templateFile}`,
            entityRef: `template:default/${name}`,
          },
        }),
      );
    } else if (step.action === 'mlgp:golden-path:record') {
      if (input.templateName !== name || input.templateVersion !== version) {
        problems.push(
          `step ${step.id}: records ${input.templateName}@${input.templateVersion}, expected ${name}@${version}`,
        );
      }
    }
    for (const key of ['templateName', 'templateVersion']) {
      const value = input.values?.[key];
      if (
        value !== undefined &&
        value !== (key === 'templateName' ? name : version)
      ) {
        problems.push(`step ${step.id}: values.${key} is ${value}`);
      }
    }
    context = {
      ...context,
      steps: {
        ...context.steps,
        [step.id]: { output: plausibleOutputs(step.id, input) },
      },
    };
  }
  const outputs = renderInput(
    template.spec.output ?? {},
    renderer.prepareContext(context),
    'output',
  );
  for (const link of outputs.links ?? []) {
    if (isTruthy(link.if ?? true) && !(link.url || link.entityRef)) {
      problems.push(`output link "${link.title}" resolves to nothing`);
    }
  }

  checkFiles(repoDir, problems);
  const refs = await checkCatalogInfo(repoDir, problems, {
    template: name,
    version,
  });

  let testSeconds;
  if (args.test && problems.length === 0) {
    spawnSync('git', ['init', '-q'], { cwd: repoDir });
    const started = Date.now();
    const result = spawnSync('make', ['test', 'PYTHON=/usr/bin/python3'], {
      cwd: repoDir,
      stdio: 'inherit',
    });
    testSeconds = (Date.now() - started) / 1000;
    if (result.status !== 0) problems.push(`make test exited ${result.status}`);
  }
  return { name, repoDir, ran, refs, problems, testSeconds };
}

/**
 * The skeleton parts the templates fetch must not overlap: fetch:template
 * skips a file that an earlier step already wrote, so a file in two parts
 * would silently lose one version.
 */
function checkSkeletonParts() {
  const problems = [];
  for (const [name, file] of TEMPLATE_FILES) {
    const template = yaml.parse(fs.readFileSync(file, 'utf8'));
    const seen = new Map();
    for (const step of template.spec.steps) {
      if (step.action !== 'fetch:template') continue;
      const dir = path.resolve(path.dirname(file), step.input.url);
      for (const part of walk(dir)) {
        const rel = path.relative(dir, part);
        if (seen.has(rel)) {
          problems.push(
            `${name}: ${rel} is in both ${seen.get(rel)} and ${step.input.url}`,
          );
        }
        seen.set(rel, step.input.url);
      }
    }
  }
  return problems;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  let failed = 0;
  const sharedProblems = checkSkeletonParts();
  console.log(
    `skeleton parts: ${sharedProblems.length === 0 ? 'disjoint' : 'OVERLAP'}`,
  );
  for (const problem of sharedProblems) console.log(`  PROBLEM ${problem}`);
  if (sharedProblems.length) failed++;
  for (const name of args.templates) {
    const result = await renderTemplate(name, args);
    console.log(`\n${name} (${args.destination}) -> ${result.repoDir}`);
    console.log(`  steps run: ${result.ran.join(', ')}`);
    console.log(`  entities: ${result.refs.join(', ')}`);
    if (result.testSeconds !== undefined) {
      console.log(`  make test: ${result.testSeconds.toFixed(1)} s`);
    }
    for (const problem of result.problems) console.log(`  PROBLEM ${problem}`);
    console.log(`  ${result.problems.length === 0 ? 'ok' : 'FAILED'}`);
    if (result.problems.length) failed++;
  }
  const passed = args.templates.length + 1 - failed;
  console.log(`\ngolden-path checks: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
