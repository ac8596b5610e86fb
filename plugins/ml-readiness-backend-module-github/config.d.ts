import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  mlReadiness?: {
    collectors?: {
      github?: {
        /**
         * How often the GitHub repository collector runs; the readiness
         * backend's default collection schedule when omitted.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
