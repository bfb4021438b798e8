/** The directory as a forest by parentId, and its filtering. */
import { type Organisation } from '../../api';
import { scoreOrganisation } from '../../org-search';

export interface Node {
  org: Organisation;
  children: Node[];
}

/** Builds the forest; an organisation whose parent is missing becomes a root. */
export function buildTree(items: Organisation[]): Node[] {
  const nodes = new Map(items.map((o) => [o.id, { org: o, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const n of nodes.values()) {
    const parent = n.org.parentId !== null ? nodes.get(n.org.parentId) : undefined;
    if (parent && parent !== n) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

/** Keeps nodes that match, and the ancestors leading to them. */
export function filterTree(nodes: Node[], query: string): Node[] {
  if (!query.trim()) return nodes;
  const out: Node[] = [];
  for (const n of nodes) {
    const children = filterTree(n.children, query);
    if (children.length || scoreOrganisation(query, n.org) > 0) out.push({ org: n.org, children });
  }
  return out;
}

export function descendantsOf(id: number, items: Organisation[]): Set<number> {
  const out = new Set<number>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of items) {
      if (o.parentId !== null && out.has(o.parentId) && !out.has(o.id)) {
        out.add(o.id);
        grew = true;
      }
    }
  }
  return out;
}
