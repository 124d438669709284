/**
 * The condition editor's working tree and the server's condition JSON (server/src/modules/segments/
 * condition.ts). Every node has an id, so the editor can address it and a server problem at a path
 * ("conditions.0.values") can be shown beside the node it belongs to. 「〜ではない」 is a flag on a
 * node here and a `not` wrapper in the JSON.
 */

export type GroupMode = 'all' | 'any';
export type AttributeOp = 'in' | 'hasValue' | 'between' | 'age' | 'dateBetween';
/** 反応あり: opened one of the delivery's links through the LIFF app; 反応なし: did not (docs/adr/0016). */
/** clicked / notClicked: opened its links through the LIFF app; answered / notAnswered: answered its form through its card. */
export type EngagementAction = 'clicked' | 'notClicked' | 'answered' | 'notAnswered';

export type Leaf =
  | {
      type: 'attribute';
      key: string | null;
      op: AttributeOp | null;
      values: string[];
      min: number | null;
      max: number | null;
      from: string | null;
      to: string | null;
    }
  | { type: 'tag'; tag: string }
  | { type: 'followed'; from: string | null; to: string | null }
  | { type: 'channel'; channelId: string | null }
  | { type: 'language'; language: string | null }
  | { type: 'formAnswer'; formId: string | null; fieldId: string | null; values: string[] }
  | { type: 'engagement'; deliveryId: string | null; action: EngagementAction }
  /** A leaf this editor does not build (one written through the API in a newer shape), kept exactly as saved. */
  | { type: 'other'; condition: Record<string, unknown> };

export type LeafType = Exclude<Leaf['type'], 'other'>;

type WithoutType<T> = T extends unknown ? Omit<T, 'type'> : never;
/** A change to some fields of one kind of leaf (the kind itself changes with `setLeafType`). */
export type LeafPatch = Partial<WithoutType<Exclude<Leaf, { type: 'other' }>>>;
export const LEAF_TYPES: readonly LeafType[] = ['attribute', 'tag', 'followed', 'channel', 'language', 'formAnswer', 'engagement'];

export interface GroupNode {
  id: string;
  kind: 'group';
  mode: GroupMode;
  negated: boolean;
  children: EditorNode[];
}

export interface LeafNode {
  id: string;
  kind: 'leaf';
  negated: boolean;
  leaf: Leaf;
}

export type EditorNode = GroupNode | LeafNode;

export type SegmentConditionJson = Record<string, unknown>;

let counter = 0;
/** Ids are only for the editor (React keys, error placement); they never reach the server. */
export function newNodeId(): string {
  counter += 1;
  return `n${counter}`;
}

export function emptyLeaf(type: LeafType): Leaf {
  switch (type) {
    case 'attribute':
      return { type, key: null, op: null, values: [], min: null, max: null, from: null, to: null };
    case 'tag':
      return { type, tag: '' };
    case 'followed':
      return { type, from: null, to: null };
    case 'channel':
      return { type, channelId: null };
    case 'language':
      return { type, language: null };
    case 'formAnswer':
      return { type, formId: null, fieldId: null, values: [] };
    case 'engagement':
      return { type, deliveryId: null, action: 'clicked' };
  }
}

export function newLeafNode(type: LeafType = 'attribute'): LeafNode {
  return { id: newNodeId(), kind: 'leaf', negated: false, leaf: emptyLeaf(type) };
}

export function newGroupNode(mode: GroupMode = 'all', children: EditorNode[] = []): GroupNode {
  return { id: newNodeId(), kind: 'group', mode, negated: false, children };
}

/** What a new segment starts with: one group holding one condition to fill in. */
export function initialTree(): GroupNode {
  return newGroupNode('all', [newLeafNode()]);
}

// --- editing ---------------------------------------------------------------------------------

export type TreeAction =
  | { type: 'addCondition'; groupId: string }
  | { type: 'addGroup'; groupId: string }
  | { type: 'remove'; nodeId: string }
  | { type: 'setMode'; groupId: string; mode: GroupMode }
  | { type: 'setNegated'; nodeId: string; negated: boolean }
  | { type: 'setLeafType'; nodeId: string; leafType: LeafType }
  | { type: 'patchLeaf'; nodeId: string; patch: LeafPatch }
  | { type: 'replace'; tree: GroupNode };

function mapNode(node: EditorNode, id: string, change: (node: EditorNode) => EditorNode): EditorNode {
  if (node.id === id) return change(node);
  if (node.kind === 'group') {
    const children = node.children.map((child) => mapNode(child, id, change));
    return children.some((child, i) => child !== node.children[i]) ? { ...node, children } : node;
  }
  return node;
}

function removeNode(node: GroupNode, id: string): GroupNode {
  const children = node.children
    .filter((child) => child.id !== id)
    .map((child) => (child.kind === 'group' ? removeNode(child, id) : child));
  return { ...node, children };
}

/** The editor's reducer: each button and field of the tree dispatches one of these. */
export function treeReducer(tree: GroupNode, action: TreeAction): GroupNode {
  const update = (id: string, change: (node: EditorNode) => EditorNode) => mapNode(tree, id, change) as GroupNode;
  switch (action.type) {
    case 'addCondition':
      return update(action.groupId, (node) => (node.kind === 'group' ? { ...node, children: [...node.children, newLeafNode()] } : node));
    case 'addGroup':
      return update(action.groupId, (node) =>
        node.kind === 'group' ? { ...node, children: [...node.children, newGroupNode('any', [newLeafNode()])] } : node,
      );
    case 'remove':
      return action.nodeId === tree.id ? tree : removeNode(tree, action.nodeId);
    case 'setMode':
      return update(action.groupId, (node) => (node.kind === 'group' ? { ...node, mode: action.mode } : node));
    case 'setNegated':
      return update(action.nodeId, (node) => ({ ...node, negated: action.negated }));
    case 'setLeafType':
      return update(action.nodeId, (node) =>
        node.kind === 'leaf' && node.leaf.type !== action.leafType ? { ...node, leaf: emptyLeaf(action.leafType) } : node,
      );
    case 'patchLeaf':
      return update(action.nodeId, (node) => (node.kind === 'leaf' ? { ...node, leaf: { ...node.leaf, ...action.patch } } : node));
    case 'replace':
      return action.tree;
  }
}

// --- to and from the server's JSON -----------------------------------------------------------

function leafJson(leaf: Leaf): SegmentConditionJson {
  switch (leaf.type) {
    case 'attribute':
      switch (leaf.op) {
        case 'in':
          return { type: 'attribute', key: leaf.key, op: 'in', values: leaf.values };
        case 'between':
        case 'age':
          return { type: 'attribute', key: leaf.key, op: leaf.op, min: leaf.min, max: leaf.max };
        case 'dateBetween':
          return { type: 'attribute', key: leaf.key, op: 'dateBetween', from: leaf.from, to: leaf.to };
        case 'hasValue':
        case null:
          return { type: 'attribute', key: leaf.key, op: leaf.op ?? 'hasValue' };
      }
      break;
    case 'tag':
      return { type: 'tag', tag: leaf.tag.trim() };
    case 'followed':
      return { type: 'followed', from: leaf.from, to: leaf.to };
    case 'channel':
      return { type: 'channel', channelId: leaf.channelId };
    case 'language':
      return { type: 'language', language: leaf.language };
    case 'formAnswer':
      return {
        type: 'formAnswer',
        formId: leaf.formId,
        fieldId: leaf.fieldId,
        // No value chosen: "answered the question", which the server reads from null (never []).
        values: leaf.fieldId !== null && leaf.values.length > 0 ? leaf.values : null,
      };
    case 'engagement':
      return { type: 'engagement', deliveryId: leaf.deliveryId, action: leaf.action };
    case 'other':
      return leaf.condition;
  }
}

/** The condition JSON of the tree and, for each node, the path its problems are reported at. */
export function toCondition(tree: GroupNode): { condition: SegmentConditionJson; paths: Map<string, string> } {
  const paths = new Map<string, string>();
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
  const walk = (node: EditorNode, path: string): SegmentConditionJson => {
    // A negated node's own problems are inside the `not`; the `not` itself has none of its own.
    const inner = node.negated ? join(path, 'condition') : path;
    paths.set(node.id, inner);
    const body =
      node.kind === 'group'
        ? { type: node.mode, conditions: node.children.map((child, i) => walk(child, join(inner, `conditions.${i}`))) }
        : leafJson(node.leaf);
    return node.negated ? { type: 'not', condition: body } : body;
  };
  return { condition: walk(tree, ''), paths };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const ATTRIBUTE_OPS: readonly string[] = ['in', 'hasValue', 'between', 'age', 'dateBetween'];

function leafOf(json: Record<string, unknown>): Leaf {
  switch (json['type']) {
    case 'attribute': {
      const op = str(json['op']);
      if (op === null || !ATTRIBUTE_OPS.includes(op)) break;
      return {
        type: 'attribute',
        key: str(json['key']),
        op: op as AttributeOp,
        values: strings(json['values']),
        min: num(json['min']),
        max: num(json['max']),
        from: str(json['from']),
        to: str(json['to']),
      };
    }
    case 'tag':
      return { type: 'tag', tag: str(json['tag']) ?? '' };
    case 'followed':
      return { type: 'followed', from: str(json['from']), to: str(json['to']) };
    case 'channel':
      return { type: 'channel', channelId: str(json['channelId']) };
    case 'language':
      return { type: 'language', language: str(json['language']) };
    case 'formAnswer':
      return { type: 'formAnswer', formId: str(json['formId']), fieldId: str(json['fieldId']), values: strings(json['values']) };
    case 'engagement': {
      const action = json['action'];
      // Any other action (one this editor does not offer) is kept as saved.
      if (action !== 'clicked' && action !== 'notClicked' && action !== 'answered' && action !== 'notAnswered') break;
      return { type: 'engagement', deliveryId: str(json['deliveryId']), action };
    }
  }
  return { type: 'other', condition: json };
}

/** The editor's tree of a saved condition; the root is always a group (a lone leaf is wrapped in one). */
export function fromCondition(json: unknown): GroupNode {
  const walk = (value: unknown): EditorNode => {
    if (!isRecord(value)) return { id: newNodeId(), kind: 'leaf', negated: false, leaf: { type: 'other', condition: {} } };
    if (value['type'] === 'not') {
      const inner = walk(value['condition']);
      // not(not(x)) is x; the editor shows one 「〜ではない」 per node.
      return { ...inner, negated: !inner.negated };
    }
    if (value['type'] === 'all' || value['type'] === 'any') {
      const children = Array.isArray(value['conditions']) ? value['conditions'].map(walk) : [];
      return { id: newNodeId(), kind: 'group', mode: value['type'], negated: false, children };
    }
    return { id: newNodeId(), kind: 'leaf', negated: false, leaf: leafOf(value) };
  };
  const root = walk(json);
  return root.kind === 'group' ? root : newGroupNode('all', [root]);
}

/**
 * Places problems keyed by path (`condition.conditions.0.values`, as the server sends them) on the
 * deepest node whose path starts the key; a key no node owns goes on the root.
 */
export function problemsByNode(
  fields: Readonly<Record<string, string>>,
  tree: GroupNode,
  paths: ReadonlyMap<string, string>,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const entries = [...paths.entries()].sort((a, b) => b[1].length - a[1].length);
  for (const [key, message] of Object.entries(fields)) {
    if (key !== 'condition' && !key.startsWith('condition.')) continue;
    const path = key === 'condition' ? '' : key.slice('condition.'.length);
    const owner = entries.find(([, p]) => p === '' || path === p || path.startsWith(`${p}.`))?.[0] ?? tree.id;
    out.set(owner, [...(out.get(owner) ?? []), message]);
  }
  return out;
}

/** Each node's number as the editor shows it (「条件 4-1」 is the first in the fourth); the root has none. */
export function nodeNumbers(tree: GroupNode): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (group: GroupNode, prefix: string | null) =>
    group.children.forEach((child, i) => {
      const number = prefix ? `${prefix}-${String(i + 1)}` : String(i + 1);
      out.set(child.id, number);
      if (child.kind === 'group') walk(child, number);
    });
  walk(tree, null);
  return out;
}
