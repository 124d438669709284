import { createInstance } from 'i18next';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { attributeDefinitions } from '../test-support/fixtures';
import { ja } from '../i18n/ja';
import { fieldsWithPaths, localProblems } from './condition-check';
import { fromCondition } from './condition-tree';
import type { LeafNode } from './condition-tree';

async function japanese(): Promise<TFunction> {
  const i18n = createInstance();
  await i18n.init({ resources: { ja: { translation: { segments: ja } } }, lng: 'ja', initAsync: false, showSupportNotice: false });
  return i18n.t;
}

describe('what is visibly unfinished in a condition', () => {
  it('says, per condition and in the server’s words, what is still missing or backwards', async () => {
    const t = await japanese();
    const tree = fromCondition({
      type: 'all',
      conditions: [
        { type: 'attribute', key: 'interests', op: 'in', values: [] },
        { type: 'attribute', key: 'household', op: 'between', min: 5, max: 2 },
        { type: 'attribute', key: 'children_birth_dates', op: 'age', min: null, max: null },
        { type: 'followed', from: '2026-05-01', to: '2026-04-01' },
        { type: 'tag', tag: '  ' },
        { type: 'channel', channelId: null },
        { type: 'formAnswer', formId: null, fieldId: null, values: null },
        { type: 'any', conditions: [] },
        { type: 'attribute', key: 'area', op: 'in', values: ['north'] },
        { type: 'engagement', deliveryId: null, action: 'notClicked' },
      ],
    });
    const problems = localProblems(tree, attributeDefinitions, t);
    const ids = tree.children.map((c) => c.id);
    expect(ids.map((id) => problems.get(id) ?? [])).toEqual([
      ['属性「関心のある分野」の選択肢を1つ以上選んでください。'],
      ['「世帯人数」の下限が上限より大きくなっています。'],
      ['年齢の下限か上限のどちらかを指定してください。'],
      ['友だち追加日の下限が上限より大きくなっています。'],
      ['タグを入力してください（100文字以内）。'],
      ['LINE公式アカウントを選んでください。'],
      ['フォームを選んでください。'],
      ['「いずれかを満たす」に条件を1つ以上入れてください。'],
      [],
      ['配信を選んでください。'],
    ]);
    expect((tree.children[8] as LeafNode).leaf.type).toBe('attribute');
  });

  it('keeps the whole path of each server message, without the input prefix', () => {
    const error = {
      errors: [
        {
          message: '条件に誤りがあります（2件）。',
          extensions: { code: 'BAD_USER_INPUT', fields: { 'input.condition.conditions.0.values': 'a', name: 'b', empty: '' } },
        },
      ],
    };
    expect(fieldsWithPaths(error)).toEqual({ 'condition.conditions.0.values': 'a', name: 'b' });
  });
});
