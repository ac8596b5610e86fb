import { baseName } from '../paths';

/** Lock files whose presence means every dependency is pinned. */
const LOCK_FILES =
  /^(poetry\.lock|Pipfile\.lock|uv\.lock|pdm\.lock|conda-lock\.ya?ml|requirements.*\.lock|pixi\.lock)$/;

/** Whether the path is a pip requirements file (`requirements*.txt`, `requirements/*.txt`). */
export function isRequirementsPath(path: string): boolean {
  return (
    /^requirements.*\.txt$/i.test(baseName(path)) ||
    /(^|\/)requirements\/[^/]+\.txt$/i.test(path)
  );
}

/** Whether the path is a pip constraints file. */
export function isConstraintsPath(path: string): boolean {
  return /^constraints.*\.txt$/i.test(baseName(path));
}

/** Whether the path is a lock file of a Python package manager. */
export function isLockFilePath(path: string): boolean {
  return LOCK_FILES.test(baseName(path));
}

/** How many requirement lines a pip file has, and how many are exact pins. */
export function countPins(text: string): {
  requirements: number;
  pinned: number;
} {
  let requirements = 0;
  let pinned = 0;
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const rawLine of lines) {
    const line = rawLine.replace(/(^|\s)#.*$/, '').trim();
    // Options (-r, -c, --index-url, -e .) and local paths are not requirements.
    if (!line || line.startsWith('-') || /^[.\/]/.test(line)) {
      continue;
    }
    requirements++;
    const spec = line.split(';')[0];
    if (
      /^[A-Za-z0-9][\w.-]*(\[[^\]]*\])?\s*===?\s*[\w.!+*-]+\s*$/.test(
        spec.replace(/\s--hash=\S+/g, ''),
      )
    ) {
      pinned++;
    } else if (/\s@\s*\S+#sha256=[0-9a-f]{64}/i.test(spec)) {
      pinned++;
    }
  }
  return { requirements, pinned };
}

/**
 * Whether the Python dependencies are pinned: a lock file exists, or a
 * constraints file pins exact versions, or every requirements file pins
 * every requirement with `==` (and there is at least one).
 */
export function dependenciesPinned(files: {
  lockFiles: string[];
  constraints: string[];
  requirements: string[];
}): boolean {
  if (files.lockFiles.length > 0) {
    return true;
  }
  const fullyPinned = (texts: string[]) => {
    const counts = texts.map(countPins);
    const total = counts.reduce((sum, c) => sum + c.requirements, 0);
    return total > 0 && counts.every(c => c.pinned === c.requirements);
  };
  return fullyPinned(files.constraints) || fullyPinned(files.requirements);
}
