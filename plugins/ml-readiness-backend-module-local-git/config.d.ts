import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  mlReadiness?: {
    collectors?: {
      localGit?: {
        /**
         * How often the local-git repository collector runs; the readiness
         * backend's default collection schedule when omitted.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
