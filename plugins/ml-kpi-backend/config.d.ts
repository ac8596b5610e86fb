export interface Config {
  mlGoldenPaths?: {
    /** Delivery KPIs computed from GitHub webhooks (plugin ml-kpi). */
    kpi?: {
      /** Environment names that are production (case-insensitive). Defaults to ["production"]. */
      productionEnvironments?: string[];
      /** Trailing window in days. Defaults to 30. */
      windowDays?: number;
      /** Longest time in days after a deployment an incident is attributed to it. Defaults to 7. */
      attributionDays?: number;
      /** Fewer terminal production deployments in the window is "not enough data". Defaults to 2. */
      minDeployments?: number;
      /** The issue label marking an incident. Defaults to "incident". */
      incidentLabel?: string;
      /** Prefix of an issue label carrying the impact start, e.g. "impact-start:2026-11-20T10:00Z". Defaults to "impact-start:". */
      impactStartLabelPrefix?: string;
      /** Name of an issue body line carrying the impact start ("Impact start: <ISO time>"). Defaults to "Impact start". */
      impactStartField?: string;
      /** Seconds a repository → model lookup is cached. Defaults to 60. */
      catalogCacheSeconds?: number;
      /**
       * The backfill from the code host (needs a backfill module, e.g.
       * ml-kpi-backend-module-github).
       */
      backfill?: {
        /** How often it runs (scope global): a duration like { hours: 1 } (default) or { cron: "0 * * * *" }; timeout defaults to { minutes: 30 }. */
        schedule?: {
          frequency?:
            | { cron: string }
            | {
                years?: number;
                months?: number;
                weeks?: number;
                days?: number;
                hours?: number;
                minutes?: number;
                seconds?: number;
                milliseconds?: number;
              };
          timeout?: {
            days?: number;
            hours?: number;
            minutes?: number;
            seconds?: number;
          };
        };
        /** Repositories backfilled at the same time (1–32). Defaults to 2. */
        concurrency?: number;
        /** How far back the first backfill of a repository reads, in days (at least windowDays, at most 730). Defaults to 90. */
        lookbackDays?: number;
      };
      /** DORA band ranges per KPI, replacing the DORA 2024 defaults. */
      bands?: {
        deploymentFrequency?: Array<{
          band: string;
          min?: number;
          max?: number;
        }>;
        leadTime?: Array<{ band: string; min?: number; max?: number }>;
        changeFailureRate?: Array<{ band: string; min?: number; max?: number }>;
        timeToRestore?: Array<{ band: string; min?: number; max?: number }>;
      };
    };
  };
}
