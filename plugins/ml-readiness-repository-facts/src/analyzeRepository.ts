import { RepositoryFacts } from '@ml-golden-paths/plugin-ml-readiness-common';
import { CODEOWNERS_PATHS, parseCodeowners } from './analyzers/codeowners';
import { isDockerfilePath, runsAsNonRoot } from './analyzers/dockerfile';
import {
  GOLDEN_PATH_RECORD_PATH,
  parseGoldenPathRecord,
} from './analyzers/goldenPathRecord';
import {
  analyzeManifests,
  isKubernetesObject,
  YamlFile,
} from './analyzers/manifests';
import {
  dependenciesPinned,
  isConstraintsPath,
  isLockFilePath,
  isRequirementsPath,
} from './analyzers/requirements';
import {
  isScannable,
  scanForSecrets,
  SecretFinding,
} from './analyzers/secrets';
import { baseName, dirName, joinRelative } from './paths';
import { RepositoryFile, RepositoryReader } from './RepositoryReader';
import {
  analyzeWorkflows,
  isWorkflowPath,
  parseWorkflow,
} from './workflows/analyzeWorkflows';
import {
  isNonEmptyRecord,
  isRecord,
  isYamlPath,
  parseYamlDocuments,
} from './yamlDocuments';

/** Inputs of {@link analyzeRepository}. @public */
export type AnalyzeRepositoryOptions = {
  reader: RepositoryReader;
  /** `github` or `local-git`. */
  source: string;
  /** The commit the reader reads. */
  commit: string;
  /**
   * The newest released version of a golden-path template (for example from
   * the catalog's Template entity); undefined when unknown, which makes
   * `goldenPath.isCurrent` false.
   */
  newestTemplateVersion(template: string): Promise<string | undefined>;
  /** Repository-relative path the entity declares for its model card. */
  modelCardPath?: string;
  /** Reference time for document ages; now by default. */
  now?: Date;
  /** Files larger than this are not scanned for secrets (default 1 MiB). */
  maxFileBytes?: number;
  /** At most this many files are scanned for secrets (default 5,000). */
  maxScannedFiles?: number;
  /** Parallel reads (default 8). */
  concurrency?: number;
  /** Stops reading when aborted (the collection timed out). */
  signal?: AbortSignal;
};

/** The facts, with the evidence behind the secret count. @public */
export type RepositoryAnalysis = {
  facts: RepositoryFacts;
  secretFindings: SecretFinding[];
  /** Files that were too large, binary or over the limit and not scanned. */
  skippedFiles: number;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Files whose contents the structural analysis needs. */
function isStructural(path: string): boolean {
  return (
    isWorkflowPath(path) ||
    isDockerfilePath(path) ||
    isYamlPath(path) ||
    isRequirementsPath(path) ||
    isConstraintsPath(path) ||
    CODEOWNERS_PATHS.includes(path)
  );
}

async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

const isTestModule = (path: string) =>
  /(^|\/)tests?\/(.*\/)?(test_[^/]*|[^/]*_test)\.py$/.test(path);

const isModelCard = (path: string) =>
  /^model[-_ ]?card\.md$/i.test(baseName(path));

const isRollbackRunbook = (path: string) =>
  /rollback/i.test(baseName(path)) &&
  /\.(md|markdown|rst|txt|adoc)$/i.test(path) &&
  (/(^|\/)runbooks?\//i.test(path) || /runbook/i.test(baseName(path)));

const isDataValidationFile = (path: string) =>
  /(^|\/)(data|schemas?|contracts?|validation)\/([\w-]+[-_.])?schema\.ya?ml$/i.test(
    path,
  ) ||
  /(^|\/)(great_expectations|gx)\/expectations\/.+\.json$/i.test(path) ||
  /expectations?[\w.-]*\.json$/i.test(baseName(path));

const isThresholdsFile = (path: string) =>
  /^([\w-]+[-_.])?thresholds?\.(ya?ml|json)$/i.test(baseName(path));

const isDriftFile = (path: string) =>
  /^drift([-_.][\w.-]*)?\.(ya?ml|json|toml)$/i.test(baseName(path)) &&
  !/(^|\/)tests?\//.test(path);

/** Paths skipped when reading configuration keys. */
const isConfigCandidate = (path: string) =>
  isYamlPath(path) &&
  !path.startsWith('.github/') &&
  !path.startsWith('.golden-path/') &&
  !/(^|\/)tests?\//.test(path) &&
  !/^catalog-info/.test(baseName(path));

function get(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) {
      return undefined;
    }
    current = current[key];
  }
  return current;
}

/**
 * Computes the `repository` fact set from a repository snapshot, whatever its
 * source: CI facts from the parsed workflow YAML, the final Dockerfile stage's
 * user, manifests (canary, alert rules, drift jobs), configuration (drift,
 * data contract, evaluation thresholds), documents and their ages, CODEOWNERS,
 * pinned dependencies, the golden-path record and a scan for committed
 * secrets.
 *
 * @public
 */
export async function analyzeRepository(
  options: AnalyzeRepositoryOptions,
): Promise<RepositoryAnalysis> {
  const {
    reader,
    now = new Date(),
    maxFileBytes = 1024 * 1024,
    maxScannedFiles = 5000,
    concurrency = 8,
  } = options;
  const files = await reader.listFiles();
  const paths = new Set(files.map(file => file.path));

  const scannable = files.filter(file =>
    isScannable(file.path, file.size, maxFileBytes),
  );
  const toRead = new Map<string, RepositoryFile>();
  for (const file of scannable.slice(0, maxScannedFiles)) {
    toRead.set(file.path, file);
  }
  for (const file of files) {
    if (isStructural(file.path) && file.size <= maxFileBytes) {
      toRead.set(file.path, file);
    }
  }
  const contents = new Map<string, Buffer>();
  await mapLimit([...toRead.keys()], concurrency, async path => {
    options.signal?.throwIfAborted();
    contents.set(path, await reader.readFile(path));
  });
  const text = (path: string) => contents.get(path)?.toString('utf8');
  const textsOf = (predicate: (path: string) => boolean) =>
    [...contents.keys()]
      .filter(predicate)
      .sort()
      .map(path => ({ path, text: text(path)! }));

  // Secrets.
  const secretFindings: SecretFinding[] = [];
  let scanned = 0;
  for (const file of scannable) {
    const content = contents.get(file.path);
    if (content && scanned < maxScannedFiles) {
      scanned++;
      secretFindings.push(...scanForSecrets(file.path, content));
    }
  }

  // CI.
  const workflows = textsOf(isWorkflowPath)
    .map(file => parseWorkflow(file.text))
    .filter(jobs => jobs !== undefined);
  const ci = analyzeWorkflows(workflows);

  // Container.
  const dockerfiles = textsOf(isDockerfilePath);
  const container = {
    hasDockerfile: files.some(file => isDockerfilePath(file.path)),
    runsAsNonRoot:
      dockerfiles.length > 0 &&
      dockerfiles.every(file => runsAsNonRoot(file.text)),
  };

  // Manifests and configuration.
  const yamlFiles: YamlFile[] = textsOf(
    path =>
      isYamlPath(path) &&
      !path.startsWith('.github/') &&
      !path.startsWith('.golden-path/'),
  ).map(file => ({
    path: file.path,
    documents: parseYamlDocuments(file.text),
  }));
  const manifests = analyzeManifests(yamlFiles, parseYamlDocuments);
  const configDocuments = yamlFiles
    .filter(file => isConfigCandidate(file.path))
    .flatMap(file =>
      file.documents
        .filter(document => !isKubernetesObject(document))
        .map(document => ({ path: file.path, document })),
    );
  const driftConfigured =
    manifests.hasDriftJob ||
    files.some(file => isDriftFile(file.path)) ||
    configDocuments.some(({ document }) =>
      isNonEmptyRecord(get(document, 'drift')),
    );
  const dataContractReferenced = configDocuments.some(({ path, document }) => {
    const schema = get(document, 'data', 'schema');
    if (typeof schema !== 'string') {
      return false;
    }
    const target = joinRelative(dirName(path), schema);
    return target !== undefined && paths.has(target);
  });
  const thresholdsConfigured = configDocuments.some(
    ({ document }) =>
      isNonEmptyRecord(get(document, 'gate', 'thresholds')) ||
      isNonEmptyRecord(get(document, 'evaluation', 'thresholds')) ||
      isNonEmptyRecord(get(document, 'thresholds')),
  );

  // Documents.
  const ageDays = async (path: string | undefined) => {
    if (!path) {
      return -1;
    }
    const changed = await reader.lastChangedAt(path);
    return Math.max(
      0,
      Math.floor((now.getTime() - changed.getTime()) / DAY_MS),
    );
  };
  const sortedPaths = [...paths].sort();
  const declaredModelCard =
    options.modelCardPath &&
    paths.has(options.modelCardPath.replace(/^\.?\//, ''))
      ? options.modelCardPath.replace(/^\.?\//, '')
      : undefined;
  const modelCard = declaredModelCard ?? sortedPaths.find(isModelCard);
  const runbook = sortedPaths.find(isRollbackRunbook);

  // CODEOWNERS: GitHub uses the first file it finds.
  const codeownersPath = CODEOWNERS_PATHS.find(path => paths.has(path));
  const owners = codeownersPath
    ? parseCodeowners(text(codeownersPath) ?? '')
    : [];

  // Golden path.
  const recordText = text(GOLDEN_PATH_RECORD_PATH);
  const record = recordText ? parseGoldenPathRecord(recordText) : undefined;
  const newest = record
    ? await options.newestTemplateVersion(record.template)
    : undefined;

  const facts: RepositoryFacts = {
    source: options.source,
    commit: options.commit,
    ci,
    container,
    deployment: {
      hasManifests: manifests.hasManifests,
      hasCanary: manifests.hasCanary,
      hasAlertRules: manifests.hasAlertRules,
      hasDriftConfig: driftConfigured,
    },
    docs: {
      modelCardPresent: modelCard !== undefined,
      modelCardAgeDays: await ageDays(modelCard),
      rollbackRunbookPresent: runbook !== undefined,
      rollbackRunbookAgeDays: await ageDays(runbook),
    },
    codeowners: { present: codeownersPath !== undefined, owners },
    reproducibility: {
      dependenciesPinned: dependenciesPinned({
        lockFiles: sortedPaths.filter(isLockFilePath),
        constraints: textsOf(isConstraintsPath).map(file => file.text),
        requirements: textsOf(isRequirementsPath).map(file => file.text),
      }),
      hasDataValidationConfig:
        dataContractReferenced || sortedPaths.some(isDataValidationFile),
      hasEvaluationThresholds:
        thresholdsConfigured || sortedPaths.some(isThresholdsFile),
    },
    goldenPath: {
      answersPresent: record !== undefined,
      template: record?.template ?? '',
      version: record?.version ?? '',
      isCurrent:
        record !== undefined &&
        newest !== undefined &&
        record.version === newest,
    },
    security: { secretFindings: secretFindings.length },
    hasTests: sortedPaths.some(isTestModule),
  };
  return {
    facts,
    secretFindings,
    skippedFiles: files.length - scanned,
  };
}
