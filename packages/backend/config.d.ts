export interface Config {
  /** Settings of the ML Golden Paths portal. */
  mlGoldenPaths?: {
    /** Who may do what in the portal. */
    permissions?: {
      /**
       * Group entity refs (for example `group:default/platform-admins`) whose
       * members may do everything; everyone else reads and runs templates.
       */
      adminGroups?: string[];
    };
    /** GitHub webhooks arriving on `POST /api/events/http/github`. */
    github?: {
      /**
       * Shared secret of the GitHub webhook; deliveries whose
       * `x-hub-signature-256` does not match are refused.
       * @visibility secret
       */
      webhookSecret?: string;
    };
  };
}
