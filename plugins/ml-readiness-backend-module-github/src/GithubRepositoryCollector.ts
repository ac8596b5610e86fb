import {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  isAiModelEntity,
  isSafeRelativePath,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { GithubOctokitFactory } from '@ml-golden-paths/plugin-ml-github-node';
import {
  repositoryFactSet,
  repositorySettingsFactSet,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import {
  FactCollectionResult,
  FactCollector,
  FactCollectorContext,
} from '@ml-golden-paths/plugin-ml-readiness-node';
import { analyzeRepository } from '@ml-golden-paths/plugin-ml-readiness-repository-facts';
import { BlobCache } from './BlobCache';
import { GithubRepositoryReader } from './GithubRepositoryReader';
import { messageOf, statusOf } from './githubErrors';
import {
  parseProjectSlug,
  PROJECT_SLUG_ANNOTATION,
  repositoryHost,
} from './parseProjectSlug';
import {
  readRepositorySettings,
  SettingsUnreadableError,
} from './readRepositorySettings';

/**
 * Files scanned for secrets per repository: each unread blob costs one
 * request of the token's 5,000 an hour.
 */
const MAX_SCANNED_FILES = 1500;

/** Blobs kept in memory across collections (bytes). */
const BLOB_CACHE_BYTES = 64 * 1024 * 1024;

const unavailable = (reason: string): FactCollectionResult[] => [
  { type: 'unavailable', factSet: repositoryFactSet.id, reason },
  { type: 'unavailable', factSet: repositorySettingsFactSet.id, reason },
];

/**
 * Collects the `repository` and `repositorySettings` fact sets of models
 * whose entity names a GitHub repository (`github.com/project-slug`): the
 * default branch's contents through the git trees and blobs APIs, the last
 * change of the model card and runbook, branch protection and rulesets, and
 * the `production` environment. Every request goes through the shared
 * {@link GithubOctokitFactory} (integration credentials, rate-limit waits,
 * conditional requests).
 *
 * A repository that does not exist or cannot be reached with the configured
 * credentials is reported as unavailable with the reason; transient failures
 * (rate limit exhausted, server errors) are thrown so the engine keeps the
 * previous facts and tries again.
 *
 * @public
 */
export class GithubRepositoryCollector implements FactCollector {
  readonly id = 'github-repository';
  readonly factSets = [repositoryFactSet, repositorySettingsFactSet];
  private readonly blobs = new BlobCache(BLOB_CACHE_BYTES);

  private constructor(
    private readonly options: {
      octokitFactory: GithubOctokitFactory;
      integrations: ScmIntegrationRegistry;
      newestTemplateVersion(template: string): Promise<string | undefined>;
      schedule?: SchedulerServiceTaskScheduleDefinition;
      logger: LoggerService;
    },
  ) {}

  /** Creates the collector. */
  static create(options: {
    integrations: ScmIntegrationRegistry;
    logger: LoggerService;
    newestTemplateVersion(template: string): Promise<string | undefined>;
    octokitFactory?: GithubOctokitFactory;
    schedule?: SchedulerServiceTaskScheduleDefinition;
  }): GithubRepositoryCollector {
    return new GithubRepositoryCollector({
      ...options,
      octokitFactory:
        options.octokitFactory ??
        GithubOctokitFactory.create({
          integrations: options.integrations,
          logger: options.logger,
          inputName: PROJECT_SLUG_ANNOTATION,
        }),
    });
  }

  get schedule(): SchedulerServiceTaskScheduleDefinition | undefined {
    return this.options.schedule;
  }

  appliesTo(entity: Entity): boolean {
    return isAiModelEntity(entity) && parseProjectSlug(entity) !== undefined;
  }

  async collect(
    entity: Entity,
    context: FactCollectorContext,
  ): Promise<FactCollectionResult[]> {
    const slug = parseProjectSlug(entity);
    if (!slug) {
      return unavailable(
        `the entity has no valid ${PROJECT_SLUG_ANNOTATION} annotation (owner/repo)`,
      );
    }
    const host = repositoryHost(
      entity,
      h => this.options.integrations.github.byHost(h) !== undefined,
    );
    let client;
    try {
      client = await this.options.octokitFactory.forRepository({
        host,
        ...slug,
      });
    } catch (error) {
      if (error instanceof InputError) {
        return unavailable(error.message);
      }
      throw error;
    }
    const { octokit, secrets } = client;
    const { owner, repo } = slug;
    const name = `${host}/${owner}/${repo}`;

    let branch: string;
    let commit: string;
    let treeSha: string;
    try {
      const { data: repository } = await octokit.rest.repos.get({
        owner,
        repo,
      });
      branch = repository.default_branch;
      const { data: head } = await octokit.rest.repos.getBranch({
        owner,
        repo,
        branch,
      });
      commit = head.commit.sha;
      treeSha = head.commit.commit.tree.sha;
    } catch (error) {
      const status = statusOf(error);
      if (status === 404 || status === 401 || status === 451) {
        return unavailable(
          `GitHub repository ${name} cannot be read with the configured credentials (${status}: ${messageOf(
            error,
            secrets,
          )})`,
        );
      }
      if (status === 409) {
        return unavailable(`GitHub repository ${name} is empty`);
      }
      throw new Error(
        `Reading GitHub repository ${name} failed: ${messageOf(error, secrets)}`,
      );
    }

    const reader = new GithubRepositoryReader(
      octokit,
      { owner, repo, branch, treeSha },
      this.blobs,
    );
    const modelCard = (entity.spec as { mlops?: { modelCard?: unknown } })
      ?.mlops?.modelCard;
    const results: FactCollectionResult[] = [];
    try {
      const analysis = await analyzeRepository({
        reader,
        source: 'github',
        commit,
        newestTemplateVersion: this.options.newestTemplateVersion,
        signal: context.signal,
        maxScannedFiles: MAX_SCANNED_FILES,
        modelCardPath:
          typeof modelCard === 'string' && isSafeRelativePath(modelCard)
            ? modelCard
            : undefined,
      });
      if (reader.truncated) {
        context.logger.warn(
          `GitHub truncated the file tree of ${name}; repository facts read from the files listed`,
        );
      }
      for (const finding of analysis.secretFindings) {
        context.logger.warn(
          `Likely ${finding.kind} committed in ${name}: ${finding.path} line ${finding.line}`,
        );
      }
      results.push({
        type: 'facts',
        factSet: repositoryFactSet.id,
        values: analysis.facts,
      });
    } catch (error) {
      throw new Error(
        `Reading the contents of ${name} failed: ${messageOf(error, secrets)}`,
      );
    }

    try {
      results.push({
        type: 'facts',
        factSet: repositorySettingsFactSet.id,
        values: await readRepositorySettings(octokit, { owner, repo, branch }),
      });
    } catch (error) {
      if (error instanceof SettingsUnreadableError) {
        results.push({
          type: 'unavailable',
          factSet: repositorySettingsFactSet.id,
          reason: error.message,
        });
      } else {
        throw new Error(
          `Reading the settings of ${name} failed: ${messageOf(error, secrets)}`,
        );
      }
    }
    return results;
  }
}
