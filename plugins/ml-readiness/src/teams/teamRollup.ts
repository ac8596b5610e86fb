import {
  Entity,
  RELATION_CHILD_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type {
  AchievedLevel,
  OverviewRow,
} from '@ml-golden-paths/plugin-ml-readiness-common';

/** Readiness of one team and every team below it. */
export interface TeamRollup {
  ref: string;
  title: string;
  /** 0 for top-level teams. */
  depth: number;
  /** Models owned by the team or any of its child teams. */
  models: number;
  meetingRequired: number;
  failingChecks: number;
  unknownChecks: number;
  levels: Record<AchievedLevel, number>;
}

function groupRef(value: unknown, namespace: string): string | undefined {
  if (typeof value !== 'string' || !value) {
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

/** Parent of each group (from `spec.parent` and `childOf` relations) and titles. */
function readGroups(groups: Entity[]) {
  const parent = new Map<string, string>();
  const titles = new Map<string, string>();
  for (const group of groups) {
    const namespace = group.metadata.namespace ?? 'default';
    const ref = stringifyEntityRef({
      kind: 'group',
      namespace,
      name: group.metadata.name,
    });
    const profile = group.spec?.profile as
      { displayName?: unknown } | undefined;
    titles.set(
      ref,
      (typeof profile?.displayName === 'string' && profile.displayName) ||
        group.metadata.title ||
        group.metadata.name,
    );
    const fromSpec = groupRef(group.spec?.parent, namespace);
    const fromRelation = group.relations?.find(
      r => r.type === RELATION_CHILD_OF,
    )?.targetRef;
    const up = fromSpec ?? groupRef(fromRelation, namespace);
    if (up && up !== ref) {
      parent.set(ref, up);
    }
  }
  return { parent, titles };
}

function emptyRollup(ref: string, title: string, depth: number): TeamRollup {
  return {
    ref,
    title,
    depth,
    models: 0,
    meetingRequired: 0,
    failingChecks: 0,
    unknownChecks: 0,
    levels: { none: 0, bronze: 0, silver: 0, gold: 0 },
  };
}

/**
 * Rolls model grades up the team tree: each model counts for its owner and
 * every team above it. Teams are returned in tree order (parents before
 * their children, siblings by title) and only when they own models, directly
 * or through a child team. Owners that are not groups in the catalog (a user,
 * a deleted team) get a top-level row of their own so no model is dropped.
 */
export function rollUpByTeam(
  rows: OverviewRow[],
  groups: Entity[],
  /** When set, only this team and the teams below it are returned. */
  root?: string,
): TeamRollup[] {
  const { parent, titles } = readGroups(groups);
  const ancestors = (ref: string): string[] => {
    const chain = [ref];
    const seen = new Set(chain);
    for (let up = parent.get(ref); up && !seen.has(up); up = parent.get(up)) {
      chain.push(up);
      seen.add(up);
    }
    return chain;
  };
  const byRef = new Map<string, TeamRollup>();
  for (const row of rows) {
    const owner = row.owner ?? 'unowned';
    for (const ref of ancestors(owner)) {
      let rollup = byRef.get(ref);
      if (!rollup) {
        rollup = emptyRollup(ref, titles.get(ref) ?? ref, 0);
        byRef.set(ref, rollup);
      }
      rollup.models += 1;
      rollup.meetingRequired += row.meetsRequiredLevel ? 1 : 0;
      rollup.failingChecks += row.failing;
      rollup.unknownChecks += row.unknown;
      rollup.levels[row.level] += 1;
    }
  }
  const top = root && byRef.has(root) ? byRef.get(root)! : undefined;
  return inTreeOrder([...byRef.values()], parent, top);
}

/** Items in tree order: parents before children, siblings by title; depth set. */
function inTreeOrder<T extends { ref: string; title: string; depth: number }>(
  items: T[],
  parent: Map<string, string>,
  root?: T,
): T[] {
  const known = new Set(items.map(item => item.ref));
  const children = new Map<string | undefined, T[]>();
  for (const item of items) {
    const up = parent.get(item.ref);
    const key = up && known.has(up) ? up : undefined;
    children.set(key, [...(children.get(key) ?? []), item]);
  }
  const ordered: T[] = [];
  const seen = new Set<string>();
  const visit = (list: T[], depth: number) => {
    for (const item of [...list].sort((a, b) =>
      a.title.localeCompare(b.title),
    )) {
      if (seen.has(item.ref)) continue; // tolerate cycles in the data
      seen.add(item.ref);
      item.depth = depth;
      ordered.push(item);
      visit(children.get(item.ref) ?? [], depth + 1);
    }
  };
  if (root) {
    visit([root], 0);
    return ordered;
  }
  visit(children.get(undefined) ?? [], 0);
  // Teams whose parents form a cycle have no top; show them rather than drop them.
  for (const item of items) {
    visit([item], 0);
  }
  return ordered;
}

/** Every group of the catalog in tree order with its depth, for pickers. */
export function teamTree(
  groups: Entity[],
): Array<{ ref: string; title: string; depth: number }> {
  const { parent, titles } = readGroups(groups);
  return inTreeOrder(
    [...titles].map(([ref, title]) => ({ ref, title, depth: 0 })),
    parent,
  );
}
