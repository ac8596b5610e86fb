import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { parseDocument } from 'yaml';

const execFileAsync = promisify(execFile);

/** The golden-path templates of this repository. @public */
export const GOLDEN_PATH_TEMPLATES = [
  'online-inference',
  'batch-scoring',
  'training-pipeline',
] as const;

function findRepositoryRoot(): string {
  const start = resolvePackagePath(
    '@ml-golden-paths/plugin-ml-readiness-repository-facts',
  );
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'templates', 'scripts', 'render.cjs'))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`templates/scripts/render.cjs not found above ${start}`);
    }
    dir = parent;
  }
  return dir;
}

/** The version a template's `template.yaml` declares. @public */
export function templateVersion(template: string): string {
  const file = path.join(
    findRepositoryRoot(),
    'templates',
    'golden-paths',
    `${template}.template.yaml`,
  );
  const entity = parseDocument(fs.readFileSync(file, 'utf8')).toJS();
  const version = entity?.metadata?.annotations?.['mlops.golden-paths/version'];
  if (typeof version !== 'string') {
    throw new Error(`${file} has no mlops.golden-paths/version annotation`);
  }
  return version;
}

/**
 * Renders a golden-path template with the repository's own renderer
 * (`templates/scripts/render.cjs`: the scaffolder's `fetch:template` with
 * the sample answers) into `<outDir>/<template>`, and adds the
 * `.golden-path/answers.yaml` record the `mlgp:golden-path:record` step
 * writes. Returns the repository folder. For tests.
 *
 * @public
 */
export async function renderGoldenPath(options: {
  template: string;
  destination: 'github' | 'local';
  outDir: string;
}): Promise<string> {
  const root = findRepositoryRoot();
  const repoDir = path.join(options.outDir, options.template);
  try {
    await execFileAsync(
      process.execPath,
      [
        path.join(root, 'templates', 'scripts', 'render.cjs'),
        '--template',
        options.template,
        '--destination',
        options.destination,
        '--out',
        options.outDir,
      ],
      { cwd: root, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (error) {
    // render.cjs also fails on its own checks of the template sources (for
    // example stray files in a skeleton); the rendered repository is still
    // what the scaffolder would produce, and the caller tests its facts.
    if (!fs.existsSync(path.join(repoDir, 'catalog-info.yaml'))) {
      throw error;
    }
  }
  const record = path.join(repoDir, '.golden-path', 'answers.yaml');
  fs.mkdirSync(path.dirname(record), { recursive: true });
  fs.writeFileSync(
    record,
    [
      '# Written by the ML golden path; used to upgrade this repository later.',
      `template: ${options.template}`,
      `version: ${templateVersion(options.template)}`,
      'answers:',
      '  name: fraud-scoring',
      `generatedAt: ${new Date().toISOString()}`,
      '',
    ].join('\n'),
  );
  return repoDir;
}

/** Every file under `dir` (relative, `/`-separated), skipping `.git`. @public */
export function listFilesRecursively(dir: string): string[] {
  const result: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), {
      withFileTypes: true,
    })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory() && entry.name !== '.git') {
        walk(child);
      } else if (entry.isFile()) {
        result.push(child);
      }
    }
  };
  walk('');
  return result.sort();
}
