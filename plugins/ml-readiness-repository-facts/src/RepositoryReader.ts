/** One file of a repository snapshot. @public */
export interface RepositoryFile {
  /** Path relative to the repository root, `/`-separated, no leading `./`. */
  path: string;
  /** Size in bytes. */
  size: number;
}

/**
 * Read access to one snapshot (commit) of a repository. Implemented per
 * source (GitHub API, local checkout); the analyzer only talks to this.
 *
 * @public
 */
export interface RepositoryReader {
  /** Every regular file of the snapshot (no directories, no submodules). */
  listFiles(): Promise<RepositoryFile[]>;
  /** The contents of a listed file. */
  readFile(path: string): Promise<Buffer>;
  /** When the file last changed on the analysed branch. */
  lastChangedAt(path: string): Promise<Date>;
}
