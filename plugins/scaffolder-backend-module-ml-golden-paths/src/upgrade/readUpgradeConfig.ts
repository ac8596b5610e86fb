import fs from 'node:fs';
import path from 'node:path';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { RELEASES_FILE } from './releases';

/** Where the golden paths live and what an upgrade never touches. */
export type UpgradeConfig = {
  /** The golden-paths folder (template files, skeleton, releases.yaml, releases/). */
  goldenPathsDir: string;
  /** Repository paths or patterns no upgrade writes (e.g. `data/`). */
  neverTouch: string[];
};

function findGoldenPaths(from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'templates', 'golden-paths');
    if (fs.existsSync(path.join(candidate, RELEASES_FILE))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Reads `mlGoldenPaths.upgrade`: `goldenPathsDir` (resolved against the
 * working directory; default: the nearest `templates/golden-paths` with a
 * `releases.yaml` above it) and `neverTouch` (default none).
 */
export function readUpgradeConfig(config: Config): UpgradeConfig {
  const configured = config.getOptionalString(
    'mlGoldenPaths.upgrade.goldenPathsDir',
  );
  const goldenPathsDir = configured
    ? path.resolve(configured)
    : findGoldenPaths(process.cwd());
  if (!goldenPathsDir) {
    throw new InputError(
      `mlGoldenPaths.upgrade.goldenPathsDir: not set and no templates/golden-paths/${RELEASES_FILE} above ${process.cwd()}`,
    );
  }
  return {
    goldenPathsDir,
    neverTouch:
      config.getOptionalStringArray('mlGoldenPaths.upgrade.neverTouch') ?? [],
  };
}
