export interface Config {
  mlGoldenPaths?: {
    /** Readiness scorecards (plugin ml-readiness). */
    readiness?: {
      /**
       * Policy changes: `{ mode: extend | replace, checks: [...],
       * disabledChecks: [...], tierLevels: { '1': gold, ... } }`.
       */
      policy?: {
        mode?: 'extend' | 'replace';
        checks?: Array<{ [key: string]: unknown }>;
        disabledChecks?: string[];
        tierLevels?: { [tier: string]: 'bronze' | 'silver' | 'gold' };
      };
      /** Path of a YAML file with the same shape as `policy`, applied after it. */
      policyFile?: string;
      /** Minutes between scheduled collections. Default 30. */
      collectionFrequencyMinutes?: number;
      /** Minutes a collection run may take. Default 15. */
      collectionTimeoutMinutes?: number;
      /** Models collected at the same time. Default 4. */
      concurrency?: number;
      /** Minutes between re-grading every model from stored facts. Default 15. */
      regradeFrequencyMinutes?: number;
      /** Days of history kept. Default 400. */
      historyRetentionDays?: number;
    };
  };
}
