import { Entity } from '@backstage/catalog-model';
import {
  builtInFactSets,
  exemplaryFacts,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import { FactCollector } from '@ml-golden-paths/plugin-ml-readiness-node';

/**
 * A real FactCollector for tests: facts come from the exemplary fixture,
 * with fields listed in the entity annotation `fixture/not` set to false and
 * fact sets listed in `fixture/unavailable` reported unavailable. Tier,
 * stage and owner come from the entity itself.
 */
export function createFixtureCollector(
  overrides: Map<string, string[]> = new Map(),
): FactCollector {
  return {
    id: 'fixture',
    factSets: [...builtInFactSets],
    appliesTo: entity => entity.spec?.type === 'ai-model',
    async collect(entity: Entity) {
      const ref = `resource:default/${entity.metadata.name}`;
      const facts = exemplaryFacts() as any;
      const off = [
        ...(entity.metadata.annotations?.['fixture/not'] ?? '')
          .split(',')
          .filter(Boolean),
        ...(overrides.get(ref) ?? []),
      ];
      for (const path of off) {
        const parts = path.split('.');
        let target = facts;
        for (const part of parts.slice(0, -1)) {
          target = target[part];
        }
        target[parts[parts.length - 1]] = false;
      }
      const mlops = (entity.spec as any).mlops ?? {};
      facts.entity.tier = mlops.tier ?? 0;
      facts.entity.stage = mlops.versions?.[0]?.stage ?? '';
      facts.entity.owner = String(entity.spec?.owner ?? '');
      const unavailable = (
        entity.metadata.annotations?.['fixture/unavailable'] ?? ''
      )
        .split(',')
        .filter(Boolean);
      return builtInFactSets.map(set =>
        unavailable.includes(set.id)
          ? {
              type: 'unavailable' as const,
              factSet: set.id,
              reason: `${set.id} cannot be read from a local-git repository`,
            }
          : { type: 'facts' as const, factSet: set.id, values: facts[set.id] },
      );
    },
  };
}
