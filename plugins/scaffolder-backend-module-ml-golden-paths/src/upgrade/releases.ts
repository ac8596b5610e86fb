import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { InputError, NotFoundError } from '@backstage/errors';
import yaml from 'yaml';
import { z } from 'zod';
import { compareVersions, isSemanticVersion, sortVersions } from './semver';

const execFileAsync = promisify(execFile);

/** The changelog and upgrade policy file in the golden-paths folder. */
export const RELEASES_FILE = 'releases.yaml';
/** Folder (inside the golden-paths folder) holding archived releases. */
export const RELEASES_FOLDER = 'releases';
/** The annotation on every Template carrying its golden-path version. */
export const VERSION_ANNOTATION = 'mlops.golden-paths/version';

/** Never archived or rendered: caches a developer's tools leave behind. */
const IGNORED_NAMES = new Set([
  '.ruff_cache',
  '__pycache__',
  '.pytest_cache',
  '.mypy_cache',
  'node_modules',
  '.DS_Store',
]);

const versionSchema = z
  .string()
  .refine(isSemanticVersion, 'must be a semantic version like 1.2.0');

const changeSchema = z.union([
  z.string().min(1),
  z
    .object({
      text: z.string().min(1),
      templates: z.array(z.string().min(1)).min(1).optional(),
    })
    .strict(),
]);

const releasesFileSchema = z
  .object({
    alwaysRestored: z.array(z.string().min(1)).default([]),
    releases: z
      .array(
        z
          .object({
            version: versionSchema,
            date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
            changes: z.array(changeSchema).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** One change in a release, for the templates it applies to (all when absent). */
export type GoldenPathChange = { text: string; templates?: string[] };

/** One released version with its changelog. */
export type GoldenPathRelease = {
  version: string;
  date: string;
  changes: GoldenPathChange[];
};

async function exists(target: string) {
  return fs.access(target).then(
    () => true,
    () => false,
  );
}

/** Every file below `dir` (relative, sorted), skipping tool caches and `skip`. */
export async function listTreeFiles(
  dir: string,
  skip: (relative: string) => boolean = () => false,
): Promise<string[]> {
  const out: string[] = [];
  async function walk(relative: string) {
    const entries = await fs.readdir(path.join(dir, relative), {
      withFileTypes: true,
    });
    for (const entry of entries) {
      if (IGNORED_NAMES.has(entry.name)) continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (skip(child)) continue;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) out.push(child);
    }
  }
  await walk('');
  return out.sort();
}

async function readTemplateVersions(treeDir: string) {
  const versions = new Map<string, string>();
  for (const file of await fs.readdir(treeDir)) {
    if (!file.endsWith('.template.yaml')) continue;
    const template = yaml.parse(
      await fs.readFile(path.join(treeDir, file), 'utf8'),
    );
    const name = template?.metadata?.name;
    const version = template?.metadata?.annotations?.[VERSION_ANNOTATION];
    if (typeof name !== 'string' || typeof version !== 'string') {
      throw new InputError(
        `${file}: needs metadata.name and the annotation ${VERSION_ANNOTATION}`,
      );
    }
    versions.set(name, version);
  }
  return versions;
}

/**
 * Every released version of the golden paths, re-renderable offline. The
 * golden-paths folder (three template files, one skeleton) is released as a
 * whole: the working folder is the newest release (the version in its
 * templates' `mlops.golden-paths/version` annotation), each older release is
 * an archive `releases/<version>.tar.gz` of the folder as it was released,
 * and `releases.yaml` holds the changelog of every version plus the paths
 * the golden paths always restore on upgrade.
 */
export class GoldenPathReleases {
  private constructor(
    readonly dir: string,
    readonly currentVersion: string,
    readonly templates: string[],
    private readonly archived: Set<string>,
    readonly releases: GoldenPathRelease[],
    readonly alwaysRestored: string[],
  ) {}

  /**
   * Opens a golden-paths folder, checking that the changelog lists exactly
   * the versions that can be rendered (the current one and the archives).
   */
  static async open(dir: string): Promise<GoldenPathReleases> {
    const versions = await readTemplateVersions(dir);
    if (versions.size === 0) {
      throw new NotFoundError(`${dir} holds no *.template.yaml`);
    }
    const distinct = new Set(versions.values());
    if (distinct.size !== 1) {
      throw new InputError(
        `the golden paths in ${dir} are released together but their versions differ: ${[
          ...versions,
        ]
          .map(([name, version]) => `${name}@${version}`)
          .join(', ')}`,
      );
    }
    const currentVersion = [...distinct][0];
    const file = path.join(dir, RELEASES_FILE);
    const parsed = releasesFileSchema.safeParse(
      yaml.parse(await fs.readFile(file, 'utf8')),
    );
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(
        `${RELEASES_FILE} ${issue.path.join('.')}: ${issue.message}`,
      );
    }
    const archived = new Set<string>();
    const archiveDir = path.join(dir, RELEASES_FOLDER);
    if (await exists(archiveDir)) {
      for (const name of await fs.readdir(archiveDir)) {
        const match = /^(.+)\.tar\.gz$/.exec(name);
        if (match && isSemanticVersion(match[1])) archived.add(match[1]);
      }
    }
    const listed = parsed.data.releases.map(r => r.version);
    const renderable = new Set([...archived, currentVersion]);
    for (const version of listed) {
      if (!renderable.has(version)) {
        throw new InputError(
          `${RELEASES_FILE}: release ${version} has no archive ${RELEASES_FOLDER}/${version}.tar.gz and is not the current version ${currentVersion}`,
        );
      }
    }
    for (const version of renderable) {
      if (!listed.includes(version)) {
        throw new InputError(
          `${RELEASES_FILE}: version ${version} can be rendered but has no changelog entry`,
        );
      }
    }
    for (const version of archived) {
      if (compareVersions(version, currentVersion) >= 0) {
        throw new InputError(
          `${RELEASES_FOLDER}/${version}.tar.gz is not older than the current version ${currentVersion}`,
        );
      }
    }
    const releases = [...parsed.data.releases]
      .map(release => ({
        ...release,
        changes: release.changes.map(change =>
          typeof change === 'string' ? { text: change } : change,
        ),
      }))
      .sort((a, b) => compareVersions(b.version, a.version));
    return new GoldenPathReleases(
      dir,
      currentVersion,
      [...versions.keys()].sort(),
      archived,
      releases,
      parsed.data.alwaysRestored,
    );
  }

  /** Every renderable version, oldest first. */
  versions(): string[] {
    return sortVersions([...this.archived, this.currentVersion]);
  }

  /** Whether the version can be rendered. */
  has(version: string): boolean {
    return version === this.currentVersion || this.archived.has(version);
  }

  /**
   * The releases after `from` up to and including `to`, newest first, with
   * only the changes that apply to the template.
   */
  changesBetween(
    template: string,
    from: string,
    to: string,
  ): GoldenPathRelease[] {
    return this.releases
      .filter(
        r =>
          compareVersions(r.version, from) > 0 &&
          compareVersions(r.version, to) <= 0,
      )
      .map(r => ({
        ...r,
        changes: r.changes.filter(
          c => !c.templates || c.templates.includes(template),
        ),
      }));
  }

  /**
   * Writes the golden-paths folder as it was at `version` into `targetDir`
   * (which must be empty or absent): a copy of the working folder for the
   * current version, the extracted archive for an older one. Throws a
   * NotFoundError for a version that was never released.
   */
  async materialize(version: string, targetDir: string): Promise<string> {
    if (!this.has(version)) {
      throw new NotFoundError(
        `golden path version ${version} was never released (released: ${this.versions().join(', ')})`,
      );
    }
    await fs.mkdir(targetDir, { recursive: true });
    if (version === this.currentVersion) {
      for (const file of await listTreeFiles(
        this.dir,
        rel => rel === RELEASES_FOLDER,
      )) {
        const target = path.join(targetDir, file);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.copyFile(path.join(this.dir, file), target);
      }
    } else {
      await execFileAsync(
        'tar',
        [
          '-xzf',
          path.join(this.dir, RELEASES_FOLDER, `${version}.tar.gz`),
          '-C',
          targetDir,
        ],
        { timeout: 60_000 },
      );
    }
    const versions = await readTemplateVersions(targetDir);
    for (const [name, found] of versions) {
      if (found !== version) {
        throw new InputError(
          `the archive of ${version} holds ${name}@${found}; the release archive is wrong`,
        );
      }
    }
    return targetDir;
  }

  /**
   * Archives the working folder as `releases/<current version>.tar.gz`
   * (deterministic: sorted names, no owners or times), so the version stays
   * renderable after the folder moves on. Run before bumping the version.
   */
  async archiveCurrent(): Promise<string> {
    const archive = path.join(
      this.dir,
      RELEASES_FOLDER,
      `${this.currentVersion}.tar.gz`,
    );
    if (await exists(archive)) {
      throw new InputError(
        `${RELEASES_FOLDER}/${this.currentVersion}.tar.gz already exists; bump the version before changing a released golden path`,
      );
    }
    await fs.mkdir(path.dirname(archive), { recursive: true });
    const files = await listTreeFiles(this.dir, rel => rel === RELEASES_FOLDER);
    const list = `${archive}.files`;
    await fs.writeFile(list, `${files.join('\n')}\n`, 'utf8');
    try {
      await execFileAsync(
        'tar',
        [
          '--sort=name',
          '--owner=0',
          '--group=0',
          '--numeric-owner',
          '--mtime=@0',
          '-czf',
          archive,
          '-C',
          this.dir,
          '-T',
          list,
        ],
        { timeout: 60_000, env: { ...process.env, GZIP: '-n' } },
      );
    } finally {
      await fs.rm(list, { force: true });
    }
    return archive;
  }
}
