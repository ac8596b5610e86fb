import { baseName } from '../paths';

/** A likely secret found in a file. */
export type SecretFinding = { path: string; line: number; kind: string };

const SECRET_SHAPES: Array<{ kind: string; pattern: RegExp }> = [
  {
    kind: 'private key',
    pattern:
      /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----/g,
  },
  { kind: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g },
  {
    kind: 'GitHub token',
    pattern: /\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b/g,
  },
  { kind: 'AWS access key', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  {
    kind: 'AWS secret key',
    pattern:
      /aws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/gi,
  },
];

/** AWS's documented example keys, which appear in docs and tests. */
const DOCUMENTED_EXAMPLES = /EXAMPLE/;

/** File types never scanned: binary formats, models and archives. */
const BINARY_EXTENSIONS = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'ico',
  'webp',
  'bmp',
  'pdf',
  'zip',
  'gz',
  'tgz',
  'bz2',
  'xz',
  'tar',
  '7z',
  'jar',
  'whl',
  'egg',
  'so',
  'dylib',
  'dll',
  'exe',
  'bin',
  'pkl',
  'pickle',
  'joblib',
  'onnx',
  'pt',
  'pth',
  'h5',
  'hdf5',
  'npy',
  'npz',
  'parquet',
  'avro',
  'orc',
  'feather',
  'arrow',
  'woff',
  'woff2',
  'ttf',
  'otf',
  'eot',
  'mp3',
  'mp4',
  'mov',
  'avi',
  'wav',
  'sqlite',
  'db',
  'pyc',
]);

/** Whether a file of this path and size is scanned at all. */
export function isScannable(
  path: string,
  size: number,
  maxBytes: number,
): boolean {
  if (size > maxBytes || path.startsWith('.git/')) {
    return false;
  }
  const name = baseName(path).toLowerCase();
  const extension = name.includes('.')
    ? name.slice(name.lastIndexOf('.') + 1)
    : '';
  return !BINARY_EXTENSIONS.has(extension);
}

/**
 * Likely secrets in one file: private key headers, GitHub tokens
 * (`ghp_`, `gho_`, …, `github_pat_`), AWS access keys and secret keys.
 * Content with NUL bytes is treated as binary and skipped.
 */
export function scanForSecrets(path: string, content: Buffer): SecretFinding[] {
  if (content.subarray(0, 8000).includes(0)) {
    return [];
  }
  const text = content.toString('utf8');
  const findings: SecretFinding[] = [];
  for (const { kind, pattern } of SECRET_SHAPES) {
    for (const match of text.matchAll(pattern)) {
      if (DOCUMENTED_EXAMPLES.test(match[0])) {
        continue;
      }
      const line = text.slice(0, match.index).split('\n').length;
      findings.push({ path, line, kind });
    }
  }
  return findings;
}
