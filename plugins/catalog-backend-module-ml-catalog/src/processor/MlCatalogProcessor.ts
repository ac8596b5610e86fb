import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  AI_MODEL_ENTITY_TYPE,
  AiModelEntity,
  formatValidationIssues,
  getMlEntityType,
  ML_PIPELINE_ENTITY_TYPE,
  MlPipelineEntity,
  MlValidationIssue,
  MODEL_SERVER_ENTITY_TYPE,
  ModelServerEntity,
  parseDatasetReference,
  validateMlEntity,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { InvalidEntityWarnings } from '../invalid/InvalidEntityWarnings';

type ValidEntity = NonNullable<ReturnType<typeof validateMlEntity>> & {
  success: true;
};

/**
 * Enforces the ML entity contract in the catalog and emits the lineage
 * relations the built-in processor does not know about.
 *
 * - `validateEntityKind` rejects an invalid `ai-model`, `dataset`,
 *   `ml-pipeline` or `model-server` entity with an `InputError` that names
 *   every bad field; the catalog shows it as a processing error.
 * - `postProcessEntity` stores the normalised `spec` (e.g. numeric versions
 *   become strings) and emits `dependsOn`/`dependencyOf` between models,
 *   their datasets (`spec.mlops.versions[].dataset`), training pipelines
 *   (`spec.mlops.trainingPipeline`, `spec.pipeline.produces`), pipeline inputs
 *   (`spec.pipeline.inputs`) and model servers (`spec.serving.models`).
 *
 * Ownership, `spec.system`, `spec.dependsOn` and `spec.dependencyOf` relations
 * are left to the catalog's built-in processor, which already emits them.
 *
 * @public
 */
export class MlCatalogProcessor implements CatalogProcessor {
  /** Validation results per entity object, shared between the two stages. */
  private readonly validated = new WeakMap<Entity, ValidEntity>();

  private constructor(
    private readonly warnings: InvalidEntityWarnings | undefined,
  ) {}

  /**
   * Creates the processor. With a logger, an entity that fails validation is
   * logged as a warning once per entity and message (per process).
   */
  static create(options: { logger?: LoggerService } = {}): MlCatalogProcessor {
    return new MlCatalogProcessor(
      options.logger ? new InvalidEntityWarnings(options.logger) : undefined,
    );
  }

  getProcessorName(): string {
    return 'MlCatalogProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    const result = validateMlEntity(entity);
    if (!result) {
      return false;
    }
    const ref = safeEntityRef(entity);
    if (!result.success) {
      const error = invalidEntityError(entity, result.issues);
      if (ref) {
        this.warnings?.failed(
          ref,
          error.message,
          entity.metadata.annotations?.[ANNOTATION_LOCATION],
        );
      }
      throw error;
    }
    if (ref) {
      this.warnings?.succeeded(ref);
    }
    this.validated.set(entity, result);
    // The built-in processor recognises the kind; this one only adds rules.
    return false;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const result = this.validated.get(entity) ?? validateMlEntity(entity);
    if (!result) {
      return entity;
    }
    if (!result.success) {
      throw invalidEntityError(entity, result.issues);
    }
    const valid = result.value;
    const self = getCompoundEntityRef(entity);
    const dependencies = new Map<string, CompoundEntityRef>();
    const dependents = new Map<string, CompoundEntityRef>();
    const addRef = (
      target: Map<string, CompoundEntityRef>,
      ref: CompoundEntityRef | undefined,
    ) => {
      if (ref) {
        target.set(stringifyEntityRef(ref), ref);
      }
    };
    const parse = (value: string, defaultKind: string) =>
      parseEntityRef(value, { defaultKind, defaultNamespace: self.namespace });

    switch (getMlEntityType(valid)) {
      case AI_MODEL_ENTITY_TYPE: {
        const { mlops } = (valid as AiModelEntity).spec;
        for (const version of mlops.versions) {
          if (version.dataset) {
            addRef(
              dependencies,
              parseDatasetReference(version.dataset, self.namespace)?.ref,
            );
          }
        }
        if (mlops.trainingPipeline) {
          addRef(dependencies, parse(mlops.trainingPipeline, 'component'));
        }
        break;
      }
      case ML_PIPELINE_ENTITY_TYPE: {
        const { pipeline } = (valid as MlPipelineEntity).spec;
        for (const input of pipeline?.inputs ?? []) {
          addRef(dependencies, parse(input, 'resource'));
        }
        for (const model of pipeline?.produces ?? []) {
          addRef(dependents, parse(model, 'resource'));
        }
        break;
      }
      case MODEL_SERVER_ENTITY_TYPE: {
        for (const model of (valid as ModelServerEntity).spec.serving.models) {
          addRef(dependencies, parse(model, 'resource'));
        }
        break;
      }
      default:
        break;
    }

    for (const target of dependencies.values()) {
      emitDependency(emit, self, target);
    }
    for (const source of dependents.values()) {
      emitDependency(emit, source, self);
    }
    return { ...entity, spec: valid.spec };
  }
}

function safeEntityRef(entity: Entity): string | undefined {
  try {
    return stringifyEntityRef(entity);
  } catch {
    return undefined;
  }
}

function invalidEntityError(
  entity: Entity,
  issues: MlValidationIssue[],
): InputError {
  return new InputError(
    `Invalid ${getMlEntityType(entity)} entity: ${formatValidationIssues(
      issues,
    )}`,
  );
}

function emitDependency(
  emit: CatalogProcessorEmit,
  source: CompoundEntityRef,
  target: CompoundEntityRef,
) {
  emit(
    processingResult.relation({ source, type: RELATION_DEPENDS_ON, target }),
  );
  emit(
    processingResult.relation({
      source: target,
      type: RELATION_DEPENDENCY_OF,
      target: source,
    }),
  );
}
