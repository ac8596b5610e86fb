import { redactSecrets } from '@ml-golden-paths/plugin-ml-github-node';

type GithubErrorShape = {
  status?: number;
  message?: string;
  response?: { data?: { message?: string } };
};

/** The HTTP status of an Octokit error, if any. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as GithubErrorShape | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** GitHub's own message of an Octokit error, secrets scrubbed. */
export function messageOf(error: unknown, secrets: readonly string[]): string {
  const shape = (error ?? {}) as GithubErrorShape;
  return redactSecrets(
    String(shape.response?.data?.message ?? shape.message ?? error),
    secrets,
  );
}

/** GitHub answers 403 with this message when a plan lacks the feature. */
export function isPlanLimitation(error: unknown): boolean {
  return (
    statusOf(error) === 403 &&
    /upgrade to github pro|make this repository public/i.test(
      messageOf(error, []),
    )
  );
}
