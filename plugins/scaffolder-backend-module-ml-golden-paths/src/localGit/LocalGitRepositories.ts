import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { LocalGitConfig } from './readLocalGitConfig';
import { runGit } from './runGit';
import { installCheckoutHook } from './checkoutHook';

/** Repository names: lower-case letters, digits and inner dashes, 1–63 long. */
const NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Folder under the root holding one working checkout per repository. */
export const CHECKOUTS_FOLDER = 'checkouts';

/** Where a published repository lives. */
export type LocalGitRepository = {
  name: string;
  /** The bare repository, `<root>/<name>.git`. */
  bareDir: string;
  /** A checkout of the default branch, `<root>/checkouts/<name>`. */
  checkoutDir: string;
  /** `file://` URL of the bare repository, usable as a git remote. */
  remoteUrl: string;
};

async function exists(target: string): Promise<boolean> {
  return fs.access(target).then(
    () => true,
    () => false,
  );
}

/**
 * Repositories kept on the backend's own disk: the offline destination of
 * the golden paths. Each repository is a bare repository under the root plus
 * a checkout the catalog can read, which follows pushes to the default branch. Names are validated and confined to the
 * root; an existing repository is never overwritten.
 */
export class LocalGitRepositories {
  private constructor(private readonly config: LocalGitConfig) {}

  /** Creates the store for the given (already resolved) configuration. */
  static create(config: LocalGitConfig): LocalGitRepositories {
    return new LocalGitRepositories(config);
  }

  /** The absolute root folder. */
  get root(): string {
    return this.config.root;
  }

  /**
   * Validates a repository name and returns where it would live. Throws an
   * InputError naming `name` for anything but a plain slug.
   */
  locate(name: string): LocalGitRepository {
    if (path.isAbsolute(name) || /^[a-z]:/i.test(name)) {
      throw new InputError(`name: '${name}' must not be an absolute path`);
    }
    if (name.includes('/') || name.includes('\\')) {
      throw new InputError(`name: '${name}' must not contain slashes`);
    }
    if (name.includes('..')) {
      throw new InputError(`name: '${name}' must not contain '..'`);
    }
    if (!NAME_PATTERN.test(name)) {
      throw new InputError(
        `name: '${name}' must be 1-63 lower-case letters, digits or dashes, starting and ending with a letter or digit`,
      );
    }
    const bareDir = resolveSafeChildPath(this.config.root, `${name}.git`);
    const checkoutDir = resolveSafeChildPath(
      this.config.root,
      path.join(CHECKOUTS_FOLDER, name),
    );
    return {
      name,
      bareDir,
      checkoutDir,
      remoteUrl: pathToFileURL(bareDir).href,
    };
  }

  /** Throws an InputError when a repository of that name already exists. */
  async assertAbsent(repository: LocalGitRepository): Promise<void> {
    if (
      (await exists(repository.bareDir)) ||
      (await exists(repository.checkoutDir))
    ) {
      throw new InputError(
        `name: a repository named '${repository.name}' already exists in the local git root; choose another name`,
      );
    }
  }

  /**
   * Commits `sourceDir` as the first commit of a new bare repository and
   * checks it out for the catalog; a `post-receive` hook keeps that checkout
   * at the default branch after every later push. `gitDir` is an empty scratch folder for
   * the commit's git metadata, so the source folder is left untouched.
   * Returns the commit hash. Nothing is left behind when it fails.
   */
  async publish(options: {
    repository: LocalGitRepository;
    sourceDir: string;
    gitDir: string;
    commitMessage: string;
  }): Promise<{ commitHash: string }> {
    const { repository, sourceDir, gitDir, commitMessage } = options;
    const { author, defaultBranch, root } = this.config;
    await fs.mkdir(path.join(root, CHECKOUTS_FOLDER), { recursive: true });
    await this.assertAbsent(repository);
    try {
      // mkdir without `recursive` fails if another task created it meanwhile.
      await fs.mkdir(repository.bareDir);
    } catch {
      throw new InputError(
        `name: a repository named '${repository.name}' already exists in the local git root; choose another name`,
      );
    }
    try {
      const git = (args: string[], cwd = sourceDir) =>
        runGit(args, { cwd, author });
      await git(
        ['init', '-q', '--bare', `--initial-branch=${defaultBranch}`, '.'],
        repository.bareDir,
      );
      const inSource = [`--git-dir=${gitDir}`, `--work-tree=${sourceDir}`];
      await git([
        ...inSource,
        'init',
        '-q',
        `--initial-branch=${defaultBranch}`,
      ]);
      await git([...inSource, 'add', '--all', '--', '.']);
      await git([...inSource, 'commit', '-q', '-m', commitMessage]);
      await git([
        ...inSource,
        'push',
        '-q',
        repository.remoteUrl,
        `HEAD:refs/heads/${defaultBranch}`,
      ]);
      const commitHash = await git([...inSource, 'rev-parse', 'HEAD']);
      await git(
        [
          'clone',
          '-q',
          '--branch',
          defaultBranch,
          repository.remoteUrl,
          repository.checkoutDir,
        ],
        root,
      );
      await installCheckoutHook({
        bareDir: repository.bareDir,
        checkoutDir: repository.checkoutDir,
        branch: defaultBranch,
        author,
      });
      return { commitHash };
    } catch (error) {
      await fs.rm(repository.bareDir, { recursive: true, force: true });
      await fs.rm(repository.checkoutDir, { recursive: true, force: true });
      throw error;
    }
  }
}
