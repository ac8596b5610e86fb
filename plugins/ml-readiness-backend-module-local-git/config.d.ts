import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  mlGoldenPaths?: {
    readinessCollectors?: {
      localGit?: {
        /**
         * How often this readiness collector runs (frequency and timeout);
         * the readiness backend's default collection schedule
         * (`mlGoldenPaths.readiness.collectionFrequencyMinutes`) when omitted.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
