import fs from 'node:fs/promises';
import path from 'node:path';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  RepositoryFile,
  RepositoryReader,
} from '@ml-golden-paths/plugin-ml-readiness-repository-facts';
import { gitOutput } from './gitOutput';

/** Most files listed from one checkout; more is not a model repository. */
const MAX_FILES = 50_000;

const isInside = (parent: string, child: string) => {
  const relative = path.relative(parent, child);
  return (
    relative === '' ||
    (!relative.startsWith('..') && !path.isAbsolute(relative))
  );
};

/**
 * Reads a local-git checkout from disk, confined to it: symbolic links whose
 * target lies outside the checkout (or is not a regular file) are left out
 * and never read; `.git` is skipped. Last-change times come from
 * `git log -1 --format=%ct -- <path>`, falling back to the file's mtime for
 * an uncommitted file.
 */
export class LocalCheckoutReader implements RepositoryReader {
  private files?: Map<string, RepositoryFile>;

  private constructor(
    private readonly checkoutDir: string,
    private readonly logger: LoggerService,
  ) {}

  /**
   * Opens `<checkoutsDir>/<name>`; throws when it does not exist, or when it
   * (or the checkouts folder) resolves outside `root`.
   */
  static async open(options: {
    root: string;
    checkoutsDir: string;
    name: string;
    logger: LoggerService;
  }): Promise<LocalCheckoutReader> {
    const realRoot = await fs.realpath(options.root);
    const realCheckouts = await fs.realpath(options.checkoutsDir);
    const realCheckout = await fs.realpath(
      path.join(options.checkoutsDir, options.name),
    );
    if (
      !isInside(realRoot, realCheckouts) ||
      realCheckout !== path.join(realCheckouts, options.name)
    ) {
      throw new Error(
        `checkout '${options.name}' resolves outside the local-git root (${realCheckout})`,
      );
    }
    return new LocalCheckoutReader(realCheckout, options.logger);
  }

  /** The commit checked out. */
  async head(): Promise<string> {
    return gitOutput(this.checkoutDir, ['rev-parse', 'HEAD']);
  }

  async listFiles(): Promise<RepositoryFile[]> {
    return [...(await this.index()).values()];
  }

  async readFile(relativePath: string): Promise<Buffer> {
    if (!(await this.index()).has(relativePath)) {
      throw new Error(`${relativePath} is not a file of the checkout`);
    }
    const real = await fs.realpath(path.join(this.checkoutDir, relativePath));
    if (!isInside(this.checkoutDir, real)) {
      throw new Error(`${relativePath} resolves outside the checkout`);
    }
    return fs.readFile(real);
  }

  async lastChangedAt(relativePath: string): Promise<Date> {
    const seconds = await gitOutput(this.checkoutDir, [
      'log',
      '-1',
      '--format=%ct',
      '--',
      relativePath,
    ]);
    if (/^\d+$/.test(seconds)) {
      return new Date(Number(seconds) * 1000);
    }
    const stat = await fs.stat(path.join(this.checkoutDir, relativePath));
    return stat.mtime;
  }

  private async index(): Promise<Map<string, RepositoryFile>> {
    if (this.files) {
      return this.files;
    }
    const files = new Map<string, RepositoryFile>();
    const walk = async (relativeDir: string) => {
      const entries = await fs.readdir(
        path.join(this.checkoutDir, relativeDir),
        { withFileTypes: true },
      );
      for (const entry of entries) {
        if (files.size >= MAX_FILES) {
          return;
        }
        const relative = relativeDir
          ? `${relativeDir}/${entry.name}`
          : entry.name;
        const absolute = path.join(this.checkoutDir, relative);
        if (entry.isDirectory()) {
          if (entry.name !== '.git') {
            await walk(relative);
          }
        } else if (entry.isFile()) {
          files.set(relative, {
            path: relative,
            size: (await fs.stat(absolute)).size,
          });
        } else if (entry.isSymbolicLink()) {
          const target = await fs.realpath(absolute).catch(() => undefined);
          const stat = target ? await fs.stat(target) : undefined;
          if (target && stat?.isFile() && isInside(this.checkoutDir, target)) {
            files.set(relative, { path: relative, size: stat.size });
          } else {
            this.logger.warn(
              `Not reading ${relative} in ${this.checkoutDir}: a symbolic link to ${
                target ?? 'nothing'
              }, outside the checkout or not a file`,
            );
          }
        }
      }
    };
    await walk('');
    this.files = files;
    return files;
  }
}
