import path from 'node:path';
import {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  isAiModelEntity,
  isSafeRelativePath,
  LOCAL_GIT_CHECKOUTS_FOLDER,
} from '@ml-golden-paths/plugin-ml-catalog-common';
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
import { LocalCheckoutReader } from './LocalCheckoutReader';
import { locateCheckout } from './locateCheckout';

/** Why GitHub-settings facts never exist for the offline destination. */
export const NO_SETTINGS_REASON =
  'local-git repositories have no branch protection or environments';

/**
 * Collects the `repository` fact set of models published to the offline
 * local-git destination, from their checkout `<root>/checkouts/<name>` (the
 * entity's `backstage.io/managed-by-location` points into it), and reports
 * `repositorySettings` as unavailable: such repositories have no branch
 * protection or environments, so checks reading them stay unknown with
 * that reason.
 *
 * @public
 */
export class LocalGitRepositoryCollector implements FactCollector {
  readonly id = 'local-git-repository';
  readonly factSets = [repositoryFactSet, repositorySettingsFactSet];
  private readonly checkoutsDir: string;

  private constructor(
    private readonly options: {
      root: string;
      newestTemplateVersion(template: string): Promise<string | undefined>;
      schedule?: SchedulerServiceTaskScheduleDefinition;
      logger: LoggerService;
    },
  ) {
    this.checkoutsDir = path.join(options.root, LOCAL_GIT_CHECKOUTS_FOLDER);
  }

  /** Creates the collector for the (absolute) local-git root. */
  static create(options: {
    root: string;
    logger: LoggerService;
    newestTemplateVersion(template: string): Promise<string | undefined>;
    schedule?: SchedulerServiceTaskScheduleDefinition;
  }): LocalGitRepositoryCollector {
    if (!path.isAbsolute(options.root)) {
      throw new Error(
        `local-git root must be an absolute path, got '${options.root}'`,
      );
    }
    return new LocalGitRepositoryCollector(options);
  }

  get schedule(): SchedulerServiceTaskScheduleDefinition | undefined {
    return this.options.schedule;
  }

  appliesTo(entity: Entity): boolean {
    return (
      isAiModelEntity(entity) &&
      !entity.metadata.annotations?.['github.com/project-slug'] &&
      locateCheckout(entity, this.checkoutsDir) !== undefined
    );
  }

  async collect(
    entity: Entity,
    context: FactCollectorContext,
  ): Promise<FactCollectionResult[]> {
    const settings: FactCollectionResult = {
      type: 'unavailable',
      factSet: repositorySettingsFactSet.id,
      reason: NO_SETTINGS_REASON,
    };
    const name = locateCheckout(entity, this.checkoutsDir);
    if (!name) {
      return [
        {
          type: 'unavailable',
          factSet: repositoryFactSet.id,
          reason: `the entity was not read from a checkout under ${this.checkoutsDir}`,
        },
        settings,
      ];
    }
    let reader: LocalCheckoutReader;
    try {
      reader = await LocalCheckoutReader.open({
        root: this.options.root,
        checkoutsDir: this.checkoutsDir,
        name,
        logger: context.logger,
      });
    } catch (error) {
      return [
        {
          type: 'unavailable',
          factSet: repositoryFactSet.id,
          reason: `local-git checkout '${name}' cannot be read: ${
            (error as Error).message
          }`,
        },
        settings,
      ];
    }
    const modelCard = (entity.spec as { mlops?: { modelCard?: unknown } })
      ?.mlops?.modelCard;
    const analysis = await analyzeRepository({
      reader,
      source: 'local-git',
      commit: await reader.head(),
      newestTemplateVersion: this.options.newestTemplateVersion,
      signal: context.signal,
      modelCardPath:
        typeof modelCard === 'string' && isSafeRelativePath(modelCard)
          ? modelCard
          : undefined,
    });
    for (const finding of analysis.secretFindings) {
      context.logger.warn(
        `Likely ${finding.kind} committed in local-git repository ${name}: ${finding.path} line ${finding.line}`,
      );
    }
    return [
      { type: 'facts', factSet: repositoryFactSet.id, values: analysis.facts },
      settings,
    ];
  }
}
