export interface Config {
  mlGoldenPaths?: {
    kpi?: {
      /** Serving KPIs from Prometheus (module ml-kpi-backend-module-prometheus). */
      prometheus?: {
        /** Base URL of the Prometheus HTTP API, e.g. http://prometheus:9090. The only host queried. Unset: no serving KPIs. */
        baseUrl?: string;
        /** Trailing window in days; defaults to mlGoldenPaths.kpi.windowDays, else 30. */
        windowDays?: number;
        /** Resolution of the latency range query in seconds. Defaults to 300. */
        stepSeconds?: number;
        /** Timeout of one query in milliseconds. Defaults to 15000. */
        timeoutMs?: number;
        /** Fewer requests in the window is "not enough data" for availability and cost. Defaults to 100. */
        minRequests?: number;
        /** Fewer latency points (non-NaN) is "not enough data" for latency attainment. Defaults to 12. */
        minLatencyPoints?: number;
        /** PromQL templates replacing the defaults; placeholders {{model}}, {{namespace}}, {{window}}. */
        queries?: {
          requests?: string;
          failedRequests?: string;
          latencyP99Seconds?: string;
          servingCost?: string;
          driftAlertMinutes?: string;
          dataQualityAlertMinutes?: string;
        };
      };
    };
  };
}
