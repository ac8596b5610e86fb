import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
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
 * Collects the `delivery` fact set of an ai-model from the ML KPI plugin
 * (`GET /api/ml-kpi/models/:namespace/:name`), with the readiness plugin's
 * own service credentials. A model whose repository sent no delivery event
 * yet gets the fact set as unavailable, with that reason.
 */
export class DeliveryFactCollector implements FactCollector {
  readonly id = 'ml-kpi-delivery';
  readonly factSets = [deliveryFactSet];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

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
    if (res.status === 404) {
      return [
        {
          type: 'unavailable',
          factSet: deliveryFactSet.id,
          reason:
            "No delivery KPIs yet: no GitHub delivery event of the model's repository (github.com/project-slug) has been received",
        },
      ];
    }
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    const body = (await res.json()) as {
      kpis: DeliveryKpis;
      computedAt: string;
    };
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
