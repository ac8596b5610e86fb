export interface Config {
  mlCatalog?: {
    /** How the ml-catalog backend reads a model's repository documents. */
    documents?: {
      /**
       * Folders whose sub-folders may be read for entities registered from a
       * `file:` location, relative to the backend's working directory.
       * Defaults to `<mlGoldenPaths.localGit.root>/checkouts`, with the same
       * root default (`.local-git`) as the golden paths' local git destination.
       */
      fileRoots?: string[];
      /** Largest document served, in bytes. Defaults to 1048576 (1 MiB). */
      maxBytes?: number;
      /**
       * Seconds a document read from a URL is served from the in-process
       * cache before the code host is asked again (with its ETag). 0 turns
       * the cache off. Defaults to 60.
       */
      cacheSeconds?: number;
    };
  };
}
