import { isRecord, parseYamlDocuments } from '../yamlDocuments';

/** Where the scaffolder records the golden path a repository came from. */
export const GOLDEN_PATH_RECORD_PATH = '.golden-path/answers.yaml';

/**
 * Reads `template` and `version` from `.golden-path/answers.yaml`; undefined
 * when the text does not parse or lacks either.
 */
export function parseGoldenPathRecord(
  text: string,
): { template: string; version: string } | undefined {
  const [document] = parseYamlDocuments(text);
  if (!isRecord(document)) {
    return undefined;
  }
  const { template, version } = document;
  if (typeof template !== 'string' || !template.trim()) {
    return undefined;
  }
  if (typeof version !== 'string' && typeof version !== 'number') {
    return undefined;
  }
  return { template: template.trim(), version: String(version).trim() };
}
