import { Entity } from '@backstage/catalog-model';

/** What the demo data needs to know of a model. */
export interface DemoModel {
  /** Entity name: the Prometheus `job` label of its serving metrics. */
  name: string;
  /** `owner/name` from `github.com/project-slug`. */
  slug: string;
  /** 1–3; 0 when unknown. */
  tier: number;
  /** `spec.lifecycle` (production, experimental, deprecated …). */
  lifecycle: string;
  /** Online serving objectives, when the model declares them. */
  slo?: { availability?: number; latencyP99Ms?: number };
}

const SLUG = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/**
 * The demo models among catalog entities: `Resource` entities of type
 * `ai-model` with a `github.com/project-slug` annotation, sorted by name so
 * the generated history never depends on catalog order.
 */
export function demoModelsFrom(entities: Entity[]): DemoModel[] {
  const models: DemoModel[] = [];
  for (const entity of entities) {
    const spec = (entity.spec ?? {}) as Record<string, any>;
    const slug = entity.metadata.annotations?.['github.com/project-slug'];
    if (
      entity.kind.toLowerCase() !== 'resource' ||
      spec.type !== 'ai-model' ||
      !slug ||
      !SLUG.test(slug)
    ) {
      continue;
    }
    const slo = spec.mlops?.slo ?? {};
    const online =
      typeof slo.availability === 'number' ||
      typeof slo.latencyP99Ms === 'number';
    models.push({
      name: entity.metadata.name,
      slug,
      tier: Number(spec.mlops?.tier) || 0,
      lifecycle: String(spec.lifecycle ?? ''),
      slo: online
        ? {
            availability:
              typeof slo.availability === 'number'
                ? slo.availability
                : undefined,
            latencyP99Ms:
              typeof slo.latencyP99Ms === 'number'
                ? slo.latencyP99Ms
                : undefined,
          }
        : undefined,
    });
  }
  return models.sort((a, b) => a.name.localeCompare(b.name));
}
