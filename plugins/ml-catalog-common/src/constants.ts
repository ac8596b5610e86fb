/**
 * The `spec.type` of a registered ML model (`kind: Resource`).
 *
 * @public
 */
export const AI_MODEL_ENTITY_TYPE = 'ai-model';

/**
 * The `spec.type` of a dataset (`kind: Resource`).
 *
 * @public
 */
export const DATASET_ENTITY_TYPE = 'dataset';

/**
 * The `spec.type` of a training or scoring pipeline (`kind: Component`).
 *
 * @public
 */
export const ML_PIPELINE_ENTITY_TYPE = 'ml-pipeline';

/**
 * The `spec.type` of a component that serves one or more models (`kind: Component`).
 *
 * @public
 */
export const MODEL_SERVER_ENTITY_TYPE = 'model-server';

/**
 * Annotations written by this plugin suite (for example by the MLflow provider).
 *
 * @public
 */
export const ML_ANNOTATIONS = {
  /** Name of the registered model in the MLflow Model Registry. */
  mlflowModelName: 'ml-golden-paths.io/mlflow-model-name',
  /** Base URL of the MLflow tracking server the model was read from. */
  mlflowRegistryUrl: 'ml-golden-paths.io/mlflow-registry-url',
} as const;

/**
 * Risk tiers: 1 is business-critical or regulated, 3 is low risk.
 *
 * @public
 */
export const MODEL_TIERS = [1, 2, 3] as const;

/**
 * How a model's predictions reach their consumers.
 *
 * @public
 */
export const SERVING_PATTERNS = [
  'online',
  'batch',
  'streaming',
  'embedded',
] as const;

/**
 * Lifecycle stages of a registered model version.
 *
 * @public
 */
export const MODEL_STAGES = [
  'development',
  'staging',
  'production',
  'archived',
] as const;

/**
 * Sensitivity classes of a dataset.
 *
 * @public
 */
export const DATA_CLASSIFICATIONS = [
  'public',
  'internal',
  'confidential',
  'restricted',
] as const;
