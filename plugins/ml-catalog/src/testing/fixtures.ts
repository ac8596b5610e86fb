import type { Entity } from '@backstage/catalog-model';

type Relation = NonNullable<Entity['relations']>[number];

const rel = (type: string, targetRef: string): Relation => ({
  type,
  targetRef,
});

/** A Group entity with its hierarchy relations, as the catalog stitches it. */
export function group(
  name: string,
  options: { parent?: string; children?: string[]; title?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', title: options.title },
    spec: {
      type: 'team',
      ...(options.parent ? { parent: options.parent } : {}),
      children: options.children ?? [],
    },
    relations: [
      ...(options.parent
        ? [rel('childOf', `group:default/${options.parent}`)]
        : []),
      ...(options.children ?? []).map(child =>
        rel('parentOf', `group:default/${child}`),
      ),
    ],
  };
}

/** The demo-like organisation: a department with teams and an on-call rotation. */
export const ORG: Entity[] = [
  group('ml-department', {
    title: 'Machine Learning',
    children: ['risk-ml', 'growth-ml'],
  }),
  group('risk-ml', {
    title: 'Risk ML',
    parent: 'ml-department',
    children: ['risk-ml-oncall'],
  }),
  group('risk-ml-oncall', { parent: 'risk-ml' }),
  group('growth-ml', { title: 'Growth ML', parent: 'ml-department' }),
  group('vision-ml', { title: 'Vision ML' }),
];

/** Options for {@link model}. */
export interface ModelOptions {
  owner: string;
  tier?: 1 | 2 | 3;
  framework?: string;
  servingPattern?: string;
  stages?: string[];
  title?: string;
  dependsOn?: string[];
  mlops?: Record<string, unknown>;
  annotations?: Record<string, string>;
}

/** An ai-model entity with versions in the given stages (oldest first). */
export function model(name: string, options: ModelOptions): Entity {
  const stages = options.stages ?? ['production'];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      title: options.title,
      description: `The ${name} model.`,
      annotations: options.annotations,
    },
    spec: {
      type: 'ai-model',
      owner: `group:${options.owner}`,
      dependsOn: options.dependsOn,
      mlops: {
        tier: options.tier ?? 2,
        task: 'binary-classification',
        framework: options.framework ?? 'scikit-learn',
        servingPattern: options.servingPattern ?? 'online',
        goldenPath: { template: 'online-inference', version: '1.2.0' },
        versions: stages.map((stage, index) => ({
          version: String(index + 1),
          stage,
          registeredAt: `2026-10-${String(index + 1).padStart(2, '0')}T09:00:00Z`,
        })),
        ...options.mlops,
      },
    },
    relations: [
      rel('ownedBy', `group:default/${options.owner}`),
      ...(options.dependsOn ?? []).map(ref => rel('dependsOn', ref)),
    ],
  };
}

/** A generic catalog entity with the given relations. */
export function entity(
  kind: string,
  name: string,
  type: string,
  relations: Array<[string, string]> = [],
  spec: Record<string, unknown> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: { type, owner: 'group:risk-ml', lifecycle: 'production', ...spec },
    relations: relations.map(([relationType, targetRef]) =>
      rel(relationType, targetRef),
    ),
  };
}
