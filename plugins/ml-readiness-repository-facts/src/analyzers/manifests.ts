import { isRecord } from '../yamlDocuments';

/** A parsed YAML file of the repository. */
export type YamlFile = { path: string; documents: unknown[] };

/** What the Kubernetes manifests of a repository show. */
export type ManifestFacts = {
  hasManifests: boolean;
  hasCanary: boolean;
  hasAlertRules: boolean;
  /** A workload named for drift detection (e.g. a drift CronJob). */
  hasDriftJob: boolean;
};

const DRIFT_WORKLOADS = new Set([
  'CronJob',
  'Job',
  'CronWorkflow',
  'Workflow',
  'Deployment',
]);

/** Whether a YAML document is a Kubernetes object (not a Backstage entity). */
export function isKubernetesObject(
  document: unknown,
): document is Record<string, unknown> & { apiVersion: string; kind: string } {
  return (
    isRecord(document) &&
    typeof document.apiVersion === 'string' &&
    typeof document.kind === 'string' &&
    !/(^|\.)backstage\.io\//.test(document.apiVersion)
  );
}

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

const partialTraffic = (value: unknown) =>
  typeof value === 'number' && value >= 0 && value < 100;

/** A JSON patch (list of operations) that sets a partial canary share. */
function isCanaryJsonPatch(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.some(
      op =>
        isRecord(op) &&
        (op.op === 'replace' || op.op === 'add') &&
        typeof op.path === 'string' &&
        /\/canaryTrafficPercent$/.test(op.path) &&
        partialTraffic(op.value),
    )
  );
}

function isCanaryObject(document: unknown): boolean {
  if (!isRecord(document)) {
    return false;
  }
  const { apiVersion = '', kind } = document as {
    apiVersion?: string;
    kind?: string;
  };
  if (kind === 'InferenceService') {
    return (
      partialTraffic(
        get(document, 'spec', 'predictor', 'canaryTrafficPercent'),
      ) || partialTraffic(get(document, 'spec', 'canaryTrafficPercent'))
    );
  }
  if (kind === 'Rollout' && apiVersion.startsWith('argoproj.io/')) {
    return (
      isRecord(get(document, 'spec', 'strategy', 'canary')) ||
      isRecord(get(document, 'spec', 'strategy', 'blueGreen'))
    );
  }
  return kind === 'Canary' && apiVersion.startsWith('flagger.app/');
}

/** Inline patches of a Kustomization, parsed. */
function kustomizePatches(
  document: Record<string, unknown>,
  parse: (text: string) => unknown[],
): unknown[] {
  const patches: unknown[] = [];
  for (const key of ['patches', 'patchesJson6902', 'patchesStrategicMerge']) {
    const list = document[key];
    if (!Array.isArray(list)) {
      continue;
    }
    for (const entry of list) {
      const text = isRecord(entry) ? entry.patch : entry;
      if (typeof text === 'string' && text.includes('\n')) {
        patches.push(...parse(text));
      }
    }
  }
  return patches;
}

/**
 * Reads the Kubernetes manifests among the repository's YAML files: whether
 * there are any, whether rollouts are progressive (a KServe
 * `canaryTrafficPercent` below 100 — in the object or in a kustomize patch —
 * an Argo Rollouts canary or blue-green strategy, or a Flagger `Canary`),
 * whether `PrometheusRule` alerts ship with them, and whether a workload
 * named for drift detection exists.
 */
export function analyzeManifests(
  files: YamlFile[],
  parse: (text: string) => unknown[],
): ManifestFacts {
  const facts: ManifestFacts = {
    hasManifests: false,
    hasCanary: false,
    hasAlertRules: false,
    hasDriftJob: false,
  };
  for (const file of files) {
    for (const document of file.documents) {
      if (isCanaryJsonPatch(document)) {
        facts.hasCanary = true;
      }
      if (!isKubernetesObject(document)) {
        continue;
      }
      facts.hasManifests = true;
      const { kind } = document;
      if (kind === 'PrometheusRule') {
        facts.hasAlertRules = true;
      }
      const name = get(document, 'metadata', 'name');
      if (
        DRIFT_WORKLOADS.has(kind) &&
        typeof name === 'string' &&
        /drift/i.test(name)
      ) {
        facts.hasDriftJob = true;
      }
      if (isCanaryObject(document)) {
        facts.hasCanary = true;
      }
      if (kind === 'Kustomization') {
        const patches = kustomizePatches(document, parse);
        if (
          patches.some(
            patch => isCanaryJsonPatch(patch) || isCanaryObject(patch),
          )
        ) {
          facts.hasCanary = true;
        }
      }
    }
  }
  return facts;
}
