import {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { FactSetDefinition } from '@ml-golden-paths/plugin-ml-readiness-common';

/**
 * One fact set collected for one model. `values` must satisfy the fact set's
 * schema; the engine validates it and stores it only when it changed.
 *
 * @public
 */
export interface CollectedFactSet {
  type: 'facts';
  factSet: string;
  values: unknown;
  /** When the facts were true; defaults to the time of collection. */
  observedAt?: Date;
}

/**
 * A fact set the collector is responsible for but could not establish for
 * this model, with a reason shown on every check that reads it (for example
 * "local-git repositories have no branch protection settings").
 *
 * @public
 */
export interface UnavailableFactSet {
  type: 'unavailable';
  factSet: string;
  reason: string;
}

/** @public */
export type FactCollectionResult = CollectedFactSet | UnavailableFactSet;

/** What the engine hands a collector for one model. @public */
export interface FactCollectorContext {
  logger: LoggerService;
  /** Aborted when the scheduled run times out or the backend shuts down. */
  signal?: AbortSignal;
}

/**
 * A source of facts, registered on {@link readinessCollectorsExtensionPoint}.
 * The engine calls `collect` once per model entity (incrementally: one model
 * at a time, under a concurrency limit) on the collector's schedule, and for
 * a single model when someone asks for a refresh.
 *
 * @public
 */
export interface FactCollector {
  /** Unique id, e.g. `catalog`, `github-repository`. */
  id: string;
  /** Fact sets this collector may produce. */
  factSets: FactSetDefinition[];
  /** Whether this collector has anything to say about the entity. */
  appliesTo(entity: Entity): boolean;
  /** Collects this collector's fact sets for one model. */
  collect(
    entity: Entity,
    context: FactCollectorContext,
  ): Promise<FactCollectionResult[]>;
  /** Cadence; the engine's configured default when omitted. */
  schedule?: SchedulerServiceTaskScheduleDefinition;
}
