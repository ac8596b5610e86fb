import { parseAllDocuments } from 'yaml';

/**
 * Parses every document of a YAML text, dropping documents that do not
 * parse (for example Helm templates) instead of failing the whole file.
 */
export function parseYamlDocuments(text: string): unknown[] {
  const result: unknown[] = [];
  let documents;
  try {
    documents = parseAllDocuments(text, { uniqueKeys: false });
  } catch {
    return result;
  }
  for (const document of Array.isArray(documents) ? documents : [documents]) {
    if (document.errors.length > 0) {
      continue;
    }
    try {
      const value = document.toJS({ maxAliasCount: 100 });
      if (value !== null && value !== undefined) {
        result.push(value);
      }
    } catch {
      // An alias bomb or similar: ignore the document.
    }
  }
  return result;
}

/** Whether the value is a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether the value is a mapping with at least one key. */
export function isNonEmptyRecord(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length > 0;
}

/** Whether the path names a YAML file. */
export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}
