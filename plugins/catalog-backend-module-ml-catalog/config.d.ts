import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * MLflow Model Registry provider. Off when absent.
       */
      mlflow?: {
        /** Base URL of the MLflow tracking server, e.g. https://mlflow.example.com */
        baseUrl: string;
        /**
         * Bearer token sent to MLflow. Never logged.
         * @visibility secret
         */
        token?: string;
        /** Owner used when a model has no owner tag, e.g. group:ml-platform */
        defaultOwner: string;
        /** Tier used when a model has no tier tag; without it such models fail validation. */
        defaultTier?: 1 | 2 | 3;
        /** Serving pattern used when a model has no serving-pattern tag. */
        defaultServingPattern?: 'online' | 'batch' | 'streaming' | 'embedded';
        /** Names of the registered-model tags that carry catalog fields. */
        tags?: {
          /** Default `owner`. */
          owner?: string;
          /** Default `tier`. */
          tier?: string;
          /** Default `task`. */
          task?: string;
          /** Default `framework`. */
          framework?: string;
          /** Default `serving_pattern`. */
          servingPattern?: string;
          /** Default `system`. */
          system?: string;
        };
        /** Alias → stage; default { champion: production, challenger: staging }. */
        aliasStages?: {
          [alias: string]:
            'development' | 'staging' | 'production' | 'archived';
        };
        /** Page size of registry searches (1–1000, default 100). */
        pageSize?: number;
        /** When to read the registry; default every 30 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
