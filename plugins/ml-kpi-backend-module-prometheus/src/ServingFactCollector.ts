import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ServingFacts,
  servingFactSet,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import {
  FactCollectionResult,
  FactCollector,
  FactCollectorContext,
} from '@ml-golden-paths/plugin-ml-readiness-node';
import { z } from 'zod';
import { PrometheusKpiConfig, QueryName } from './config';
import {
  PrometheusClient,
  PrometheusQueryError,
  PrometheusUnreachableError,
} from './PrometheusClient';
import { formatWindow, renderTemplate, toLabelValue } from './templates';

type Fact = ServingFacts['requestCount'];

const NOT_ENOUGH: Fact = { enoughData: false, value: 0 };
const known = (value: number): Fact => ({ enoughData: true, value });

/** The model's own objectives, read leniently: a bad value means "none". */
const sloSchema = z.object({
  availability: z.number().gt(0).lte(100).optional(),
  latencyP99Ms: z.number().positive().optional(),
});

/** Reads `spec.mlops.slo` of an ai-model. */
export function readObjectives(entity: Entity): {
  availability: number | null;
  latencyP99Ms: number | null;
} {
  const raw = (entity.spec as { mlops?: { slo?: unknown } } | undefined)?.mlops
    ?.slo;
  const parsed = sloSchema.safeParse(raw ?? {});
  return {
    availability:
      parsed.success && parsed.data.availability !== undefined
        ? parsed.data.availability / 100
        : null,
    latencyP99Ms:
      parsed.success && parsed.data.latencyP99Ms !== undefined
        ? parsed.data.latencyP99Ms
        : null,
  };
}

const finite = (v: number | undefined): v is number =>
  v !== undefined && Number.isFinite(v);

/**
 * Collects the `serving` fact set of an ai-model from Prometheus with the
 * configured PromQL templates (definitions in the README):
 *
 * - requestCount: `requests` at the window's end; not enough data when the
 *   query yields nothing.
 * - sloAvailabilityAttainment: 1 − failedRequests / requests (no failed
 *   series means no failures); not enough data under `minRequests` requests.
 * - latencySloAttainment: share of the range query's points (every
 *   `stepSeconds` over the window, NaN points dropped) whose
 *   `latencyP99Seconds` is at most the model's `latencyP99Ms`; not enough
 *   data without an objective or with fewer than `minLatencyPoints` points.
 * - costPer1kInferences: servingCost / requests × 1000; not enough data
 *   under `minRequests` requests or without a cost series.
 * - driftAlertMinutes / dataQualityAlertMinutes: minutes the alerts fired in
 *   the window (no series means none fired); not enough data when the model
 *   has no request series at all (Prometheus knows nothing of it).
 */
export class ServingFactCollector implements FactCollector {
  readonly id = 'ml-kpi-prometheus';
  readonly factSets = [servingFactSet];
  /** Cadence (`mlGoldenPaths.readinessCollectors.kpiServing.schedule`); the engine's default when unset. */
  schedule?: SchedulerServiceTaskScheduleDefinition;
  private readonly client: PrometheusClient;

  constructor(
    private readonly config: PrometheusKpiConfig,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.client = new PrometheusClient(config.baseUrl, config.timeoutMs);
  }

  appliesTo(entity: Entity): boolean {
    return (
      entity.kind.toLowerCase() === 'resource' &&
      (entity.spec as { type?: unknown } | undefined)?.type === 'ai-model'
    );
  }

  async collect(
    entity: Entity,
    context: Pick<FactCollectorContext, 'signal'>,
  ): Promise<FactCollectionResult[]> {
    let model: string;
    let namespace: string;
    try {
      model = toLabelValue('metadata.name', entity.metadata.name);
      namespace = toLabelValue(
        'metadata.namespace',
        entity.metadata.namespace ?? 'default',
      );
    } catch (error) {
      if (error instanceof InputError) {
        return [
          {
            type: 'unavailable',
            factSet: servingFactSet.id,
            reason: error.message,
          },
        ];
      }
      throw error;
    }
    const { windowMinutes, stepSeconds, queries } = this.config;
    const end = new Date(Math.floor(this.now().getTime() / 60_000) * 60_000);
    const start = new Date(end.getTime() - windowMinutes * 60_000);
    const values = { model, namespace, window: formatWindow(windowMinutes) };
    const query = (name: QueryName) => renderTemplate(queries[name], values);
    const label = (name: QueryName) => `${name} (${namespace}/${model})`;
    const instant = (name: QueryName) =>
      this.client.instant(label(name), query(name), end, context.signal);

    const objectives = readObjectives(entity);
    let answers;
    try {
      answers = await Promise.all([
        instant('requests'),
        instant('failedRequests'),
        instant('servingCost'),
        instant('driftAlertMinutes'),
        instant('dataQualityAlertMinutes'),
        objectives.latencyP99Ms === null
          ? Promise.resolve(undefined)
          : this.client.range(
              label('latencyP99Seconds'),
              query('latencyP99Seconds'),
              start,
              end,
              stepSeconds,
              context.signal,
            ),
      ]);
    } catch (error) {
      if (error instanceof PrometheusUnreachableError) {
        return [
          {
            type: 'unavailable',
            factSet: servingFactSet.id,
            reason: `Prometheus is not reachable: ${error.message}`,
          },
        ];
      }
      throw error;
    }
    const [requests, failed, cost, drift, dataQuality, latency] = answers;

    const hasTraffic = finite(requests);
    const enoughRequests = hasTraffic && requests >= this.config.minRequests;

    let latencySloAttainment = NOT_ENOUGH;
    if (latency && objectives.latencyP99Ms !== null) {
      if (latency.length > 1) {
        throw new PrometheusQueryError(
          label('latencyP99Seconds'),
          `expected at most one series, got ${latency.length}; aggregate the template`,
        );
      }
      const points = (latency[0]?.points ?? []).filter(p =>
        Number.isFinite(p.value),
      );
      if (points.length >= this.config.minLatencyPoints) {
        const limitSeconds = objectives.latencyP99Ms / 1000;
        const met = points.filter(p => p.value <= limitSeconds).length;
        latencySloAttainment = known(met / points.length);
      }
    }

    const facts: ServingFacts = {
      windowDays: windowMinutes / 1440,
      availabilityObjective: objectives.availability,
      latencyP99ObjectiveMs: objectives.latencyP99Ms,
      requestCount: hasTraffic ? known(requests) : NOT_ENOUGH,
      sloAvailabilityAttainment: enoughRequests
        ? known(
            Math.min(
              1,
              Math.max(0, 1 - (finite(failed) ? failed : 0) / requests),
            ),
          )
        : NOT_ENOUGH,
      latencySloAttainment,
      costPer1kInferences:
        enoughRequests && finite(cost)
          ? known((cost / requests) * 1000)
          : NOT_ENOUGH,
      driftAlertMinutes: hasTraffic
        ? known(finite(drift) ? drift : 0)
        : NOT_ENOUGH,
      dataQualityAlertMinutes: hasTraffic
        ? known(finite(dataQuality) ? dataQuality : 0)
        : NOT_ENOUGH,
    };
    return [
      {
        type: 'facts',
        factSet: servingFactSet.id,
        values: facts,
        observedAt: end,
      },
    ];
  }
}
