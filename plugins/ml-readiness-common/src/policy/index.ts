export {
  checkCategories,
  checkCategoryTitles,
  checkDefinitionSchema,
  freshnessToMillis,
} from './CheckDefinition';
export type { CheckCategory, CheckDefinition } from './CheckDefinition';
export { compilePolicy, PolicyError } from './compilePolicy';
export type {
  CheckFunction,
  CompiledCheck,
  CompiledCheckGroup,
  CompiledPolicy,
  CompilePolicyOptions,
} from './compilePolicy';
export { defaultPolicy } from './defaultPolicy';
export {
  defaultKpiTargets,
  deliveryKpiChecks,
  deliveryKpiChecksFor,
  kpiTargetsSchema,
  parseKpiTargets,
  servingKpiChecks,
  servingKpiChecksFor,
} from './deliveryKpiChecks';
export type { KpiTargets, TierTargets } from './deliveryKpiChecks';
export {
  computeLevel,
  evaluateScorecard,
  isExemptionActive,
} from './evaluateScorecard';
export type {
  CheckOutcome,
  CheckState,
  EvaluateScorecardInput,
  ExemptionSnapshot,
  FactSnapshot,
  ScorecardEvaluation,
} from './evaluateScorecard';
export {
  defaultTierLevels,
  levelRank,
  levelTitle,
  modelStages,
  modelStageSchema,
  modelTiers,
  readinessLevels,
  readinessLevelSchema,
  requiredLevelForTier,
} from './levels';
export type {
  AchievedLevel,
  ModelStage,
  ModelTier,
  ReadinessLevel,
  TierLevels,
} from './levels';
export { buildPolicy, policyDocumentSchema } from './policyDocument';
export { renderChecksTable } from './checksTable';
export type { PolicyDocument } from './policyDocument';
