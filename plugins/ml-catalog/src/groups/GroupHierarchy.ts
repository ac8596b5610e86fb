import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_PARENT_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** One group of the hierarchy, as shown in pickers and the ownership view. */
export interface GroupNode {
  ref: string;
  title: string;
  /** Distance from the top of the hierarchy (0 for root groups). */
  depth: number;
}

/** Entity fields the hierarchy is built from. */
export const GROUP_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.profile.displayName',
  'spec.parent',
  'spec.children',
  'relations',
];

function toGroupRef(value: unknown, namespace: string): string | undefined {
  if (typeof value !== 'string' || value.length === 0) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: namespace,
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * The organisation's group tree, built from the catalog's Group entities
 * (`spec.parent`, `spec.children` and the `parentOf`/`childOf` relations), so
 * that "a team" can mean the team and all of its child teams.
 */
export class GroupHierarchy {
  private readonly children = new Map<string, Set<string>>();
  private readonly parents = new Map<string, Set<string>>();
  private readonly titles = new Map<string, string>();

  private constructor() {}

  /** Builds the hierarchy from Group entities (any subset of fields above). */
  static fromEntities(groups: ReadonlyArray<Entity>): GroupHierarchy {
    const hierarchy = new GroupHierarchy();
    for (const group of groups) {
      if (group.kind.toLocaleLowerCase('en-US') !== 'group') {
        continue;
      }
      const namespace = group.metadata.namespace ?? 'default';
      const ref = stringifyEntityRef({
        kind: 'group',
        namespace,
        name: group.metadata.name,
      });
      const profile = group.spec?.profile as
        { displayName?: unknown } | undefined;
      const title =
        (typeof profile?.displayName === 'string' && profile.displayName) ||
        group.metadata.title ||
        group.metadata.name;
      hierarchy.titles.set(ref, title);

      const parent = toGroupRef(group.spec?.parent, namespace);
      if (parent) {
        hierarchy.link(parent, ref);
      }
      const children = Array.isArray(group.spec?.children)
        ? group.spec.children
        : [];
      for (const child of children) {
        const childRef = toGroupRef(child, namespace);
        if (childRef) {
          hierarchy.link(ref, childRef);
        }
      }
      for (const relation of group.relations ?? []) {
        const target = toGroupRef(relation.targetRef, namespace);
        if (!target || !target.startsWith('group:')) {
          continue;
        }
        if (relation.type === RELATION_PARENT_OF) {
          hierarchy.link(ref, target);
        } else if (relation.type === RELATION_CHILD_OF) {
          hierarchy.link(target, ref);
        }
      }
    }
    return hierarchy;
  }

  private link(parent: string, child: string) {
    if (parent === child) {
      return;
    }
    if (!this.children.has(parent)) this.children.set(parent, new Set());
    if (!this.parents.has(child)) this.parents.set(child, new Set());
    this.children.get(parent)!.add(child);
    this.parents.get(child)!.add(parent);
  }

  /** Whether the ref names a group known to the hierarchy. */
  has(ref: string): boolean {
    return this.titles.has(ref);
  }

  /** Display name of a group, falling back to the ref. */
  title(ref: string): string {
    return this.titles.get(ref) ?? ref;
  }

  /**
   * The group and every group below it, in breadth-first order. Cycles in the
   * data are tolerated; an unknown ref yields just itself.
   */
  descendantsOf(ref: string): string[] {
    const seen = new Set<string>([ref]);
    const queue = [ref];
    for (let i = 0; i < queue.length; i++) {
      for (const child of this.children.get(queue[i]) ?? []) {
        if (!seen.has(child)) {
          seen.add(child);
          queue.push(child);
        }
      }
    }
    return queue;
  }

  /**
   * Every known group in tree order (each parent followed by its children,
   * siblings by title), with its depth.
   */
  tree(): GroupNode[] {
    const byTitle = (a: string, b: string) =>
      this.title(a).localeCompare(this.title(b));
    const roots = [...this.titles.keys()]
      .filter(ref => ![...(this.parents.get(ref) ?? [])].some(p => this.has(p)))
      .sort(byTitle);
    const result: GroupNode[] = [];
    const visited = new Set<string>();
    const visit = (ref: string, depth: number) => {
      if (visited.has(ref)) {
        return;
      }
      visited.add(ref);
      result.push({ ref, title: this.title(ref), depth });
      [...(this.children.get(ref) ?? [])]
        .filter(child => this.has(child))
        .sort(byTitle)
        .forEach(child => visit(child, depth + 1));
    };
    roots.forEach(root => visit(root, 0));
    // Groups only reachable through a cycle have no root; list them last.
    [...this.titles.keys()].sort(byTitle).forEach(ref => visit(ref, 0));
    return result;
  }
}
