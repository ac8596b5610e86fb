/**
 * Scaffolder actions for the ML golden paths: GitHub guardrails, a local git
 * destination and the golden-path record.
 *
 * @packageDocumentation
 */

export { scaffolderModuleMlGoldenPaths as default } from './module';
export { createGithubGuardrailsAction } from './actions/githubGuardrails';
export { createGoldenPathRecordAction } from './actions/goldenPathRecord';
export { createLocalGitPublishAction } from './actions/localGitPublish';
export { GithubOctokitFactory } from './github/GithubOctokitFactory';
export type { GithubRepoClient } from './github/GithubOctokitFactory';
export { LocalGitRepositories } from './localGit/LocalGitRepositories';
export type { LocalGitRepository } from './localGit/LocalGitRepositories';
export { readLocalGitConfig } from './localGit/readLocalGitConfig';
export type { LocalGitConfig } from './localGit/readLocalGitConfig';
