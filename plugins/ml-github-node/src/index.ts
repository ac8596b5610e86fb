/**
 * The one place the ML golden-path plugins build GitHub clients.
 *
 * @packageDocumentation
 */

export { GithubOctokitFactory } from './GithubOctokitFactory';
export type { GithubRepoClient } from './GithubOctokitFactory';
export { redactSecrets } from './redactSecrets';
