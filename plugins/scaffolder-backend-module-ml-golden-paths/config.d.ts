export interface Config {
  mlGoldenPaths?: {
    /** The local git destination of the golden-path templates. */
    localGit?: {
      /**
       * Folder holding `<name>.git` bare repositories and `checkouts/<name>`,
       * relative to the backend's working directory. Created at startup.
       * Defaults to `.local-git`.
       */
      root?: string;
      /** Branch of the first commit. Defaults to `main`. */
      defaultBranch?: string;
      /** Commit author; defaults to `scaffolder.defaultAuthor`. */
      author?: {
        name?: string;
        email?: string;
      };
      /**
       * Seconds `mlgp:local-git:publish` waits for the new entity to appear in
       * the catalog before finishing. Defaults to 20; 0 does not wait.
       */
      registrationWaitSeconds?: number;
    };
    /** Golden-path upgrades (`mlgp:golden-path:upgrade`) and the fleet routes. */
    upgrade?: {
      /**
       * The golden-paths folder (template files, skeleton, releases.yaml,
       * releases/), relative to the backend's working directory. Defaults to
       * the nearest `templates/golden-paths` with a `releases.yaml` above it.
       */
      goldenPathsDir?: string;
      /**
       * Repository paths or patterns no upgrade writes (`data/` a folder,
       * `*` within a folder, `**` any depth). Defaults to none.
       */
      neverTouch?: string[];
    };
  };
}
