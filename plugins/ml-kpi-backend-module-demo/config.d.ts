export interface Config {
  mlGoldenPaths?: {
    kpi?: {
      /**
       * Demo KPI data (module ml-kpi-backend-module-demo), for development and
       * demos only; app-config.development.yaml sets it. Unset: nothing happens.
       */
      demo?: {
        /** Replay the webhook history through POST /api/events/http/github on startup. Defaults to true. */
        replay?: boolean;
        /** Days of webhook history. Defaults to 90. */
        days?: number;
        /** Changes the generated history. Defaults to "ml-golden-paths-demo". */
        seed?: string;
        /** Seconds to wait for the catalog to list the demo models. Defaults to 300. */
        catalogWaitSeconds?: number;
        /** Start a Prometheus on loopback serving generated serving metrics. */
        prometheus?: {
          /** Port on 127.0.0.1. Defaults to 9464. */
          port?: number;
          /** Folder for the generated data, relative to the backend's working directory. Defaults to ../../.demo-prometheus. */
          dataDir?: string;
          /** Folder with the prometheus and promtool binaries. Defaults to /usr/bin. */
          binDir?: string;
          /** Days of serving metrics. Defaults to 30. */
          days?: number;
        };
      };
    };
  };
}
