export {
  GithubOctokitFactory,
  type GithubRepoClient,
} from '@ml-golden-paths/plugin-ml-github-node';
