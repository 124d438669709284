import { describe, expect, it } from 'vitest';
import { fromCondition, initialTree, nodeNumbers, problemsByNode, toCondition, treeReducer } from './condition-tree';
import type { GroupNode, LeafNode, TreeAction } from './condition-tree';

const apply = (tree: GroupNode, ...actions: Array<(tree: GroupNode) => TreeAction>) =>
  actions.reduce((current, action) => treeReducer(current, action(current)), tree);

describe('the condition tree', () => {
  it('builds the server’s JSON from the actions the buttons dispatch, a negated group as a not', () => {
    const tree = apply(
      initialTree(),
      (t) => ({ type: 'patchLeaf', nodeId: t.children[0]!.id, patch: { key: 'interests', op: 'in', values: ['kosodate'] } }),
      (t) => ({ type: 'addGroup', groupId: t.id }),
      (t) => ({ type: 'setNegated', nodeId: t.children[1]!.id, negated: true }),
      (t) => {
        const group = t.children[1] as GroupNode;
        return { type: 'setLeafType', nodeId: group.children[0]!.id, leafType: 'tag' };
      },
      (t) => {
        const group = t.children[1] as GroupNode;
        return { type: 'patchLeaf', nodeId: group.children[0]!.id, patch: { tag: ' 転出予定 ' } };
      },
      (t) => ({ type: 'addCondition', groupId: t.id }),
      (t) => ({ type: 'patchLeaf', nodeId: t.children[2]!.id, patch: { key: 'children_birth_dates', op: 'age', min: 3, max: 5 } }),
      (t) => ({ type: 'setMode', groupId: t.id, mode: 'all' }),
    );
    expect(toCondition(tree).condition).toEqual({
      type: 'all',
      conditions: [
        { type: 'attribute', key: 'interests', op: 'in', values: ['kosodate'] },
        { type: 'not', condition: { type: 'any', conditions: [{ type: 'tag', tag: '転出予定' }] } },
        { type: 'attribute', key: 'children_birth_dates', op: 'age', min: 3, max: 5 },
      ],
    });
  });

  it('reads a saved condition back into the same JSON, folding a double not and keeping leaves it cannot edit', () => {
    const saved = {
      type: 'any',
      conditions: [
        { type: 'not', condition: { type: 'not', condition: { type: 'language', language: 'en' } } },
        { type: 'not', condition: { type: 'followed', from: '2026-04-01', to: null } },
        { type: 'channel', channelId: '0f8fad5b-d9cb-469f-a165-70867728950e' },
        { type: 'formAnswer', formId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', fieldId: 'f_2', values: ['o_1'] },
        { type: 'formAnswer', formId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', fieldId: null, values: null },
        { type: 'engagement', deliveryId: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b', action: 'clicked' },
        { type: 'engagement', deliveryId: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b', action: 'notClicked' },
        { type: 'engagement', deliveryId: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b', action: 'answered' },
        { type: 'engagement', deliveryId: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b', action: 'notAnswered' },
        // An action this editor does not offer is kept exactly as saved.
        { type: 'engagement', deliveryId: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b', action: 'opened' },
      ],
    };
    const read = fromCondition(saved);
    expect(read.children.slice(5).map((c) => (c.kind === 'leaf' ? c.leaf.type : c.kind))).toEqual([
      'engagement',
      'engagement',
      'engagement',
      'engagement',
      'other',
    ]);
    const { condition } = toCondition(read);
    expect(condition).toEqual({ ...saved, conditions: [{ type: 'language', language: 'en' }, ...saved.conditions.slice(1)] });
  });

  it('starts a reaction condition as 反応あり with no delivery, and changes only what is picked', () => {
    const tree = apply(
      initialTree(),
      (t) => ({ type: 'setLeafType', nodeId: t.children[0]!.id, leafType: 'engagement' }),
      (t) => ({ type: 'patchLeaf', nodeId: t.children[0]!.id, patch: { deliveryId: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b' } }),
    );
    expect(toCondition(tree).condition).toEqual({
      type: 'all',
      conditions: [{ type: 'engagement', deliveryId: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b', action: 'clicked' }],
    });
    const flipped = treeReducer(tree, { type: 'patchLeaf', nodeId: tree.children[0]!.id, patch: { action: 'notClicked' } });
    expect(toCondition(flipped).condition).toEqual({
      type: 'all',
      conditions: [{ type: 'engagement', deliveryId: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b', action: 'notClicked' }],
    });
  });

  it('wraps a lone leaf in a group, and removing never removes the root', () => {
    const tree = fromCondition({ type: 'tag', tag: '転出予定' });
    expect(toCondition(tree).condition).toEqual({ type: 'all', conditions: [{ type: 'tag', tag: '転出予定' }] });
    expect(treeReducer(tree, { type: 'remove', nodeId: tree.id })).toBe(tree);
  });

  it('puts a server problem on the node its path leads to, inside a not too', () => {
    const tree = fromCondition({
      type: 'all',
      conditions: [
        { type: 'tag', tag: 'a' },
        { type: 'not', condition: { type: 'any', conditions: [{ type: 'attribute', key: 'area', op: 'in', values: ['x'] }] } },
      ],
    });
    const { paths } = toCondition(tree);
    const group = tree.children[1] as GroupNode;
    const placed = problemsByNode(
      {
        'condition.conditions.1.condition.conditions.0.values.0': '属性「お住まいの地域」に選択肢「x」はありません。',
        'condition.conditions.10': 'どこにもない',
        condition: '条件に誤りがあります。',
        name: '名前',
      },
      tree,
      paths,
    );
    expect(placed.get(group.children[0]!.id)).toEqual(['属性「お住まいの地域」に選択肢「x」はありません。']);
    expect(placed.get(tree.id)).toEqual(['どこにもない', '条件に誤りがあります。']);
    expect(placed.size).toBe(2);
  });

  it('edits a saved LINE channel condition as a channel, and keeps a leaf it does not know exactly as saved', () => {
    const tree = fromCondition({
      type: 'all',
      conditions: [
        { type: 'channel', channelId: '0f8fad5b-d9cb-469f-a165-70867728950e' },
        { type: 'clicked', url: 'https://example.jp' },
      ],
    });
    expect((tree.children[0] as LeafNode).leaf).toEqual({ type: 'channel', channelId: '0f8fad5b-d9cb-469f-a165-70867728950e' });
    expect((tree.children[1] as LeafNode).leaf).toEqual({ type: 'other', condition: { type: 'clicked', url: 'https://example.jp' } });
    const changed = treeReducer(tree, { type: 'setLeafType', nodeId: tree.children[0]!.id, leafType: 'language' });
    expect(toCondition(changed).condition).toEqual({
      type: 'all',
      conditions: [
        { type: 'language', language: null },
        { type: 'clicked', url: 'https://example.jp' },
      ],
    });
  });

  it('numbers the conditions as the editor shows them, nested ones after their group', () => {
    const tree = fromCondition({
      type: 'all',
      conditions: [
        { type: 'tag', tag: 'a' },
        {
          type: 'not',
          condition: {
            type: 'any',
            conditions: [
              { type: 'tag', tag: 'b' },
              { type: 'all', conditions: [{ type: 'tag', tag: 'c' }] },
            ],
          },
        },
      ],
    });
    const group = tree.children[1] as GroupNode;
    const inner = group.children[1] as GroupNode;
    const numbers = nodeNumbers(tree);
    expect([tree.children[0]!.id, group.id, group.children[0]!.id, inner.id, inner.children[0]!.id].map((id) => numbers.get(id))).toEqual([
      '1',
      '2',
      '2-1',
      '2-2',
      '2-2-1',
    ]);
    expect(numbers.has(tree.id)).toBe(false);
  });
});
