import { createHash } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling, ThrottlingOptions } from '@octokit/plugin-throttling';
import { redactSecrets } from './redactSecrets';

/** How often a rate-limited request is retried before the error is surfaced. */
const MAX_RATE_LIMIT_RETRIES = 3;
/** Longest wait (seconds) we accept from GitHub's rate-limit headers. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 120;
/** Upper bound on remembered ETags, so the cache cannot grow without limit. */
const MAX_ETAG_ENTRIES = 500;
/**
 * Git objects are addressed by their content hash and never change, so a
 * conditional request saves nothing; their (possibly large) bodies are not
 * remembered. Callers that read them repeatedly cache them by sha.
 */
const IMMUTABLE_ROUTE = /\/git\/(blobs|trees|commits)\/\{/;

// The plugins are typed against a newer @octokit/core than the hoisted one;
// at run time they only use the hook and request APIs every version shares.
type OctokitPlugin = Parameters<typeof Octokit.plugin>[0];
const ThrottledOctokit = Octokit.plugin(
  throttling as unknown as OctokitPlugin,
  retry as unknown as OctokitPlugin,
);

/** An authenticated client for one repository, with its parsed coordinates. @public */
export type GithubRepoClient = {
  octokit: Octokit;
  host: string;
  owner: string;
  repo: string;
  /** The token in use, only so callers can scrub it from messages. */
  secrets: string[];
};

type CachedResponse = { etag: string; response: unknown };

/**
 * The single place where this module builds GitHub clients. Every client
 * authenticates from the integration config, retries rate limits as GitHub's
 * `retry-after` / `x-ratelimit-reset` headers direct, retries server errors,
 * and sends conditional GET requests (ETag / `If-None-Match`) so unchanged
 * reads do not count against the rate limit.
 *
 * @public
 */
export class GithubOctokitFactory {
  private readonly etags = new Map<string, CachedResponse>();

  private constructor(
    private readonly integrations: ScmIntegrationRegistry,
    private readonly credentialsProvider: GithubCredentialsProvider,
    private readonly logger: LoggerService,
    private readonly inputName: string,
  ) {}

  /**
   * Creates a factory from the integrations registry (`integrations.github`).
   * `inputName` names the input a missing integration or credential is blamed
   * on in error messages (default `repoUrl`, the scaffolder's field).
   */
  static create(options: {
    integrations: ScmIntegrationRegistry;
    logger: LoggerService;
    credentialsProvider?: GithubCredentialsProvider;
    inputName?: string;
  }): GithubOctokitFactory {
    return new GithubOctokitFactory(
      options.integrations,
      options.credentialsProvider ??
        DefaultGithubCredentialsProvider.fromIntegrations(options.integrations),
      options.logger,
      options.inputName ?? 'repoUrl',
    );
  }

  /**
   * Returns a client for `owner/repo` on `host`, authenticated with the
   * credentials the integration config provides for that repository.
   */
  async forRepository(target: {
    host: string;
    owner: string;
    repo: string;
  }): Promise<GithubRepoClient> {
    const { host, owner, repo } = target;
    const integration = this.integrations.github.byHost(host);
    if (!integration) {
      throw new InputError(
        `${this.inputName}: no GitHub integration is configured for host '${host}' (add it under integrations.github)`,
      );
    }
    const { token } = await this.credentialsProvider.getCredentials({
      url: `https://${host}/${encodeURIComponent(owner)}/${encodeURIComponent(
        repo,
      )}`,
    });
    if (!token) {
      throw new InputError(
        `${this.inputName}: no GitHub credentials for ${host}/${owner}/${repo}; configure a token or GitHub App under integrations.github`,
      );
    }
    const throttle: ThrottlingOptions = {
      onRateLimit: (retryAfter, options, _client, retryCount) =>
        this.onRateLimit('rate limit', retryAfter, options, retryCount),
      onSecondaryRateLimit: (retryAfter, options, _client, retryCount) =>
        this.onRateLimit(
          'secondary rate limit',
          retryAfter,
          options,
          retryCount,
        ),
    };
    const octokit = new ThrottledOctokit({
      auth: token,
      baseUrl: integration.config.apiBaseUrl,
      log: this.quietLog(),
      throttle,
      // 304 answers conditional reads; 4xx are answered by describeGithubError.
      // (Setting request.retries here would make every error retry.)
      retry: {
        retries: 2,
        doNotRetry: [304, 400, 401, 403, 404, 410, 422, 451],
      },
    });
    this.useConditionalRequests(octokit, token);
    return { octokit, host, owner, repo, secrets: [token] };
  }

  private onRateLimit(
    kind: string,
    retryAfter: number,
    options: { method?: string; url?: string },
    retryCount: number,
  ): boolean {
    const retrying =
      retryCount < MAX_RATE_LIMIT_RETRIES &&
      retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
    this.logger.warn(
      `GitHub ${kind} hit on ${options.method} ${options.url}; ${
        retrying
          ? `retrying in ${retryAfter}s (attempt ${retryCount + 1})`
          : 'giving up'
      }`,
    );
    return retrying;
  }

  /**
   * Remembers the ETag of each successful GET (except of immutable git
   * objects) and sends it back as `If-None-Match`; a 304 answer is served
   * from the remembered response.
   * Keys include a hash of the token so callers never see each other's data.
   */
  private useConditionalRequests(octokit: Octokit, token: string) {
    const identity = createHash('sha256').update(token).digest('hex');
    octokit.hook.wrap('request', async (request, options) => {
      if (
        options.method !== 'GET' ||
        IMMUTABLE_ROUTE.test(String(options.url))
      ) {
        return request(options);
      }
      const key = `${identity}:${octokit.request.endpoint(options).url}`;
      const cached = this.etags.get(key);
      if (cached) {
        options.headers['if-none-match'] = cached.etag;
      }
      try {
        const response = await request(options);
        const etag = response.headers.etag;
        if (etag) {
          this.remember(key, { etag, response });
        }
        return response;
      } catch (error) {
        if (cached && (error as { status?: number }).status === 304) {
          return cached.response as Awaited<ReturnType<typeof request>>;
        }
        throw error;
      }
    });
  }

  private remember(key: string, value: CachedResponse) {
    this.etags.delete(key);
    this.etags.set(key, value);
    if (this.etags.size > MAX_ETAG_ENTRIES) {
      const oldest = this.etags.keys().next().value;
      if (oldest !== undefined) {
        this.etags.delete(oldest);
      }
    }
  }

  /** Octokit's own log, routed to our logger with any secrets scrubbed. */
  private quietLog() {
    const scrub = (message: string) => redactSecrets(String(message), []);
    return {
      debug: () => {},
      info: () => {},
      warn: (message: string) => this.logger.warn(scrub(message)),
      error: (message: string) => this.logger.error(scrub(message)),
    };
  }
}
