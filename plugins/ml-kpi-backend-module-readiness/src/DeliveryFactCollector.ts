import {
  AuthService,
  DiscoveryService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { DeliveryKpis, KpiValue } from '@ml-golden-paths/plugin-ml-kpi-common';
import {
  DeliveryFacts,
  deliveryFactSet,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import {
  FactCollectionResult,
  FactCollector,
} from '@ml-golden-paths/plugin-ml-readiness-node';

const fact = (kpi: KpiValue) =>
  kpi.state === 'value'
    ? { enoughData: true, value: kpi.value }
    : { enoughData: false, value: 0 };

/** Converts a model's stored KPIs into `delivery` facts. */
export function toDeliveryFacts(kpis: DeliveryKpis): DeliveryFacts {
  const windowDays = Math.round(
    (Date.parse(kpis.windowEnd) - Date.parse(kpis.windowStart)) / 86_400_000,
  );
  return {
    windowDays,
    deploymentFrequencyPerWeek: fact(kpis.deploymentFrequency),
    leadTimeHours: fact(kpis.leadTime),
    changeFailureRate: fact(kpis.changeFailureRate),
    timeToRestoreHours: fact(kpis.timeToRestore),
    timeToDetectMinutes: fact(kpis.timeToDetect),
    pipelineSuccessRate: fact(kpis.pipelineSuccessRate),
  };
}

/**
 * Whether a 404 is the KPI plugin's own "no KPIs for this model" answer
 * (a NotFoundError body), not a missing plugin or route.
 */
async function isNoKpisAnswer(res: Response): Promise<boolean> {
  try {
    const body = (await res.json()) as { error?: { name?: unknown } };
    return body?.error?.name === 'NotFoundError';
  } catch {
    return false;
  }
}

/** Delivery facts of a model with no delivery event: every KPI lacks data. */
export function noDeliveryFacts(windowDays: number): DeliveryFacts {
  const none = { enoughData: false, value: 0 };
  return {
    windowDays,
    deploymentFrequencyPerWeek: none,
    leadTimeHours: none,
    changeFailureRate: none,
    timeToRestoreHours: none,
    timeToDetectMinutes: none,
    pipelineSuccessRate: none,
  };
}

/**
 * Collects the `delivery` fact set of an ai-model from the ML KPI plugin
 * (`GET /api/ml-kpi/models/:namespace/:name`), with the readiness plugin's
 * own service credentials. A model whose repository sent no delivery event
 * yet has too little data for every KPI: that is its own state, never a bad
 * grade, so it gets facts with `enoughData: false` (KPI checks pass), not an
 * unavailable fact set (which would make them unknown and hold its level).
 */
export class DeliveryFactCollector implements FactCollector {
  readonly id = 'ml-kpi-delivery';
  readonly factSets = [deliveryFactSet];
  readonly schedule?: SchedulerServiceTaskScheduleDefinition;
  private readonly windowDays: number;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
    options?: {
      windowDays?: number;
      /** Cadence; the readiness engine's default when omitted. */
      schedule?: SchedulerServiceTaskScheduleDefinition;
    },
  ) {
    this.windowDays = options?.windowDays ?? 30;
    this.schedule = options?.schedule;
  }

  appliesTo(entity: Entity): boolean {
    return (
      entity.kind.toLowerCase() === 'resource' &&
      (entity.spec as { type?: unknown } | undefined)?.type === 'ai-model'
    );
  }

  async collect(
    entity: Entity,
    context: { signal?: AbortSignal },
  ): Promise<FactCollectionResult[]> {
    const namespace = entity.metadata.namespace ?? 'default';
    const baseUrl = await this.discovery.getBaseUrl('ml-kpi');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'ml-kpi',
    });
    const res = await fetch(
      `${baseUrl}/models/${encodeURIComponent(namespace)}/${encodeURIComponent(
        entity.metadata.name,
      )}`,
      { headers: { authorization: `Bearer ${token}` }, signal: context.signal },
    );
    if (res.status === 404 && (await isNoKpisAnswer(res.clone()))) {
      // No delivery of the model's repository yet: not enough data.
      return [
        {
          type: 'facts',
          factSet: deliveryFactSet.id,
          values: noDeliveryFacts(this.windowDays),
        },
      ];
    }
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    const body = (await res.json()) as {
      kpis: DeliveryKpis | null;
      computedAt: string | null;
    };
    if (!body.kpis || !body.computedAt) {
      // The model is known but no delivery of its repository arrived yet.
      return [
        {
          type: 'facts',
          factSet: deliveryFactSet.id,
          values: noDeliveryFacts(this.windowDays),
        },
      ];
    }
    return [
      {
        type: 'facts',
        factSet: deliveryFactSet.id,
        values: toDeliveryFacts(body.kpis),
        observedAt: new Date(body.computedAt),
      },
    ];
  }
}
