export { redactSecrets } from '@ml-golden-paths/plugin-ml-github-node';
