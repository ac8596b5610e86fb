/**
 * Readiness fact collector for models whose repository is on GitHub.
 *
 * @packageDocumentation
 */

export { mlReadinessModuleGithub as default } from './module';
export { GithubRepositoryCollector } from './GithubRepositoryCollector';
