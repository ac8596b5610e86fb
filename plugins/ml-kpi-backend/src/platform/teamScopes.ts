import { TeamNode } from './CatalogView';

/** A team and every owner ref its roll-up counts: itself and all groups below it. */
export type TeamScope = {
  ref: string;
  title: string;
  parentRef?: string;
  /** 0 for a top-level team (or the requested root). */
  depth: number;
  /** The team and its descendants (child groups, their children, …). */
  owners: ReadonlySet<string>;
};

/**
 * The teams in tree order (each parent before its children, siblings by
 * title), each with the owner refs below it. Owners that are not groups of
 * the tree (a user, `unowned`) are top-level teams of their own. With `root`,
 * only that team and the teams below it. Cycles in `childOf` are cut.
 */
export function teamScopes(
  nodes: ReadonlyMap<string, TeamNode>,
  extraOwners: Iterable<string>,
  root?: string,
): TeamScope[] {
  const all = new Map(nodes);
  for (const owner of extraOwners) {
    if (!all.has(owner)) all.set(owner, { ref: owner, title: owner });
  }
  const children = new Map<string, TeamNode[]>();
  const tops: TeamNode[] = [];
  for (const node of all.values()) {
    if (node.parentRef && all.has(node.parentRef)) {
      const list = children.get(node.parentRef);
      if (list) list.push(node);
      else children.set(node.parentRef, [node]);
    } else {
      tops.push(node);
    }
  }
  const byTitle = (a: TeamNode, b: TeamNode) =>
    a.title.localeCompare(b.title) || a.ref.localeCompare(b.ref);

  const result: TeamScope[] = [];
  const visit = (node: TeamNode, depth: number, path: Set<string>) => {
    const scope: TeamScope = {
      ref: node.ref,
      title: node.title,
      ...(node.parentRef ? { parentRef: node.parentRef } : {}),
      depth,
      owners: new Set([node.ref]),
    };
    result.push(scope);
    const below = new Set(path).add(node.ref);
    for (const child of [...(children.get(node.ref) ?? [])].sort(byTitle)) {
      if (below.has(child.ref)) continue;
      const start = result.length;
      visit(child, depth + 1, below);
      for (const descendant of result.slice(start)) {
        (scope.owners as Set<string>).add(descendant.ref);
      }
    }
  };
  if (root) {
    const node = all.get(root) ?? { ref: root, title: root };
    visit({ ...node, parentRef: undefined }, 0, new Set());
    const parent = all.get(root)?.parentRef;
    if (parent) result[0] = { ...result[0], parentRef: parent };
  } else {
    for (const top of tops.sort(byTitle)) visit(top, 0, new Set());
    // Groups in a childOf cycle have no top: each unvisited one starts a tree.
    const visited = new Set(result.map(scope => scope.ref));
    for (const node of [...all.values()].sort(byTitle)) {
      if (!visited.has(node.ref)) {
        const start = result.length;
        visit(node, 0, new Set());
        for (const scope of result.slice(start)) visited.add(scope.ref);
      }
    }
  }
  return result;
}
