/**
 * Scaffolder actions for the ML golden paths (GitHub guardrails, a local git
 * destination, the golden-path record) and the catalog module that reads the
 * local git destination.
 *
 * @packageDocumentation
 */

export { mlGoldenPathsFeatures as default } from './features';
export { scaffolderModuleMlGoldenPaths } from './module';
export { catalogModuleMlGoldenPathsLocalGit } from './catalogModule';
export { createGithubCodeOwnersAction } from './actions/githubCodeOwners';
export { createGithubGuardrailsAction } from './actions/githubGuardrails';
export {
  guardrailsOverridePermission,
  mlGoldenPathsPermissions,
} from './permissions';
export { ENTITY_REF_ANSWERS, validateAnswers } from './record/validateAnswers';
export type { EntityRefAnswerRule } from './record/validateAnswers';
export { createGoldenPathRecordAction } from './actions/goldenPathRecord';
export { createLocalGitPublishAction } from './actions/localGitPublish';
export { GithubOctokitFactory } from './github/GithubOctokitFactory';
export type { GithubRepoClient } from './github/GithubOctokitFactory';
export { LocalGitRepositories } from './localGit/LocalGitRepositories';
export type { LocalGitRepository } from './localGit/LocalGitRepositories';
export { LocalGitLocationProvider } from './localGit/LocalGitLocationProvider';
export { readLocalGitConfig } from './localGit/readLocalGitConfig';
export type { LocalGitConfig } from './localGit/readLocalGitConfig';
export { createGoldenPathUpgradeAction } from './actions/goldenPathUpgrade';
export { GoldenPathReleases } from './upgrade/releases';
export type { GoldenPathChange, GoldenPathRelease } from './upgrade/releases';
export { compareVersions, sortVersions } from './upgrade/semver';
export type { FileAction, FilePlan } from './upgrade/planUpgrade';
