/**
 * Events backend module: the GitHub webhook ingress of ML Golden Paths.
 *
 * @packageDocumentation
 */
export {
  githubWebhookIngressModule as default,
  githubWebhookIngressModule,
  GITHUB_WEBHOOK_TOPIC,
  GITHUB_WEBHOOK_REJECTED_TOPIC,
} from './githubWebhookIngressModule';
export { verifyGithubSignature } from './verifyGithubSignature';
export type { GithubSignatureCheck } from './verifyGithubSignature';
export type { GithubWebhookRejection } from './githubWebhookIngressModule';
