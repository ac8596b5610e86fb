export interface Config {
  mlCatalog?: {
    /** How the ml-catalog backend reads a model's repository documents. */
    documents?: {
      /**
       * Folders whose sub-folders may be read for entities registered from a
       * `file:` location, relative to the backend's working directory.
       * Defaults to `<mlGoldenPaths.localGit.root>/checkouts` when that key is
       * set, otherwise none (only URL sources are read).
       */
      fileRoots?: string[];
      /** Largest document served, in bytes. Defaults to 1048576 (1 MiB). */
      maxBytes?: number;
    };
  };
}
