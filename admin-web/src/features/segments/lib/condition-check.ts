import type { TFunction } from 'i18next';
import { graphQLErrorsOf } from '../../../shared/lib/graphql-errors';
import type { SegmentAttribute } from './attributes';
import type { EditorNode, GroupNode } from './condition-tree';

/**
 * What is visibly unfinished in the tree, per node, worded as the server words the same problems:
 * the live count waits until there are none (each count is rate limited), the server stays the
 * judge of everything else.
 */
export function localProblems(tree: GroupNode, attributes: readonly SegmentAttribute[], t: TFunction): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (id: string, message: string) => out.set(id, [...(out.get(id) ?? []), message]);
  const range = (id: string, lo: number | string | null, hi: number | string | null, what: string) => {
    if (lo === null && hi === null) add(id, t('segments.tree.problems.range', { what }));
    else if (lo !== null && hi !== null && lo > hi) add(id, t('segments.tree.problems.order', { what }));
  };
  const walk = (node: EditorNode) => {
    if (node.kind === 'group') {
      if (node.children.length === 0)
        add(node.id, node.mode === 'all' ? t('segments.tree.problems.emptyAll') : t('segments.tree.problems.emptyAny'));
      node.children.forEach(walk);
      return;
    }
    const leaf = node.leaf;
    switch (leaf.type) {
      case 'attribute': {
        const attribute = attributes.find((a) => a.key === leaf.key);
        if (leaf.key === null) return void add(node.id, t('segments.tree.problems.attribute'));
        if (leaf.op === null) return void add(node.id, t('segments.tree.problems.op'));
        const label = attribute?.label ?? leaf.key;
        if (leaf.op === 'in' && leaf.values.length === 0) add(node.id, t('segments.tree.problems.options', { label }));
        if (leaf.op === 'between') range(node.id, leaf.min, leaf.max, t('segments.tree.problems.number', { label }));
        if (leaf.op === 'age') range(node.id, leaf.min, leaf.max, t('segments.tree.problems.age'));
        if (leaf.op === 'dateBetween') range(node.id, leaf.from, leaf.to, t('segments.tree.problems.dates', { label }));
        return;
      }
      case 'tag':
        if (!leaf.tag.trim() || leaf.tag.trim().length > 100) add(node.id, t('segments.tree.problems.tag'));
        return;
      case 'followed':
        range(node.id, leaf.from, leaf.to, t('segments.tree.problems.followed'));
        return;
      case 'channel':
        if (!leaf.channelId) add(node.id, t('segments.tree.problems.channel'));
        return;
      case 'language':
        if (!leaf.language) add(node.id, t('segments.tree.problems.language'));
        return;
      case 'formAnswer':
        if (!leaf.formId) add(node.id, t('segments.tree.problems.form'));
        return;
      case 'engagement':
        if (!leaf.deliveryId) add(node.id, t('segments.tree.problems.delivery'));
        return;
      case 'other':
        return;
    }
  };
  walk(tree);
  return out;
}

/**
 * BAD_USER_INPUT's field messages with their whole keys (`condition.conditions.0.values`): the
 * shared reader keeps only the last part of a key, which is no use for placing a message in a tree.
 */
export function fieldsWithPaths(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of graphQLErrorsOf(error)) {
    const fields = e.extensions?.['fields'];
    if (typeof fields !== 'object' || fields === null) continue;
    for (const [key, value] of Object.entries(fields)) {
      if (typeof value === 'string' && value) out[key.replace(/^input\./, '')] ??= value;
    }
  }
  return out;
}
