import type { SegmentAttributesQuery } from '../../../gql/graphql';
import type { AttributeOp } from './condition-tree';

export type SegmentAttribute = SegmentAttributesQuery['attributeDefinitions'][number];

/**
 * The attributes a condition can name: never personal or free-text ones (the server refuses them,
 * ADR 0012), and retired ones only where the condition already names them (a saved segment keeps
 * working; the server refuses them in a changed condition, and says so beside it).
 */
export function targetableAttributes(definitions: readonly SegmentAttribute[], keep: string | null = null): SegmentAttribute[] {
  return definitions.filter((d) => !d.personal && d.kind !== 'TEXT' && (!d.retiredAt || d.key === keep));
}

/** The operators valid for a kind, the usual one first. */
export function opsOfKind(kind: string): AttributeOp[] {
  switch (kind) {
    case 'SINGLE_CHOICE':
    case 'MULTIPLE_CHOICE':
    case 'AREA':
    case 'YES_NO':
    case 'CONSENT':
      return ['in', 'hasValue'];
    case 'NUMBER':
      return ['between', 'hasValue'];
    case 'DATE':
    case 'DATE_LIST':
      return ['age', 'dateBetween', 'hasValue'];
    default:
      return ['hasValue'];
  }
}

export interface OptionTreeNode {
  value: string;
  title: string;
  children: OptionTreeNode[];
}

/** An area's options as a tree by `parentKey` (an option whose parent is missing or retired sits at the top). */
export function optionTree(attribute: SegmentAttribute, keep: readonly string[] = []): OptionTreeNode[] {
  const options = [...attribute.options].filter((o) => !o.retiredAt || keep.includes(o.key)).sort((a, b) => a.position - b.position);
  const keys = new Set(options.map((o) => o.key));
  const byParent = new Map<string | null, typeof options>();
  for (const option of options) {
    const parent = option.parentKey && keys.has(option.parentKey) ? option.parentKey : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), option]);
  }
  const build = (parent: string | null, seen: Set<string>): OptionTreeNode[] =>
    (byParent.get(parent) ?? [])
      .filter((o) => !seen.has(o.key))
      .map((o) => ({ value: o.key, title: o.label, children: build(o.key, new Set([...seen, o.key])) }));
  return build(null, new Set());
}

/** The choice options offered, in order; retired ones only where a saved condition still names them. */
export function flatOptions(attribute: SegmentAttribute, keep: readonly string[] = []): Array<{ value: string; label: string }> {
  return [...attribute.options]
    .filter((o) => !o.retiredAt || keep.includes(o.key))
    .sort((a, b) => a.position - b.position)
    .map((o) => ({ value: o.key, label: o.label }));
}
