import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  mlReadiness?: {
    collectors?: {
      catalog?: {
        /**
         * How often the catalog entity collector runs; the readiness
         * backend's default collection schedule when omitted.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
