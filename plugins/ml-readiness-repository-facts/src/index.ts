/**
 * Turns a model repository's contents into the readiness `repository` facts,
 * whatever the source: the GitHub and local-git collector modules each
 * implement a {@link RepositoryReader} and call {@link analyzeRepository}.
 *
 * @packageDocumentation
 */

export type { RepositoryFile, RepositoryReader } from './RepositoryReader';
export { analyzeRepository } from './analyzeRepository';
export type {
  AnalyzeRepositoryOptions,
  RepositoryAnalysis,
} from './analyzeRepository';
export type { SecretFinding } from './analyzers/secrets';
export {
  CatalogTemplateVersions,
  GOLDEN_PATH_VERSION_ANNOTATION,
} from './CatalogTemplateVersions';
