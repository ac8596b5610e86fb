/**
 * Readiness fact collector for models published to the offline local-git
 * destination.
 *
 * @packageDocumentation
 */

export { mlReadinessModuleLocalGit as default } from './module';
export {
  LocalGitRepositoryCollector,
  NO_SETTINGS_REASON,
} from './LocalGitRepositoryCollector';
