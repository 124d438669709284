import { describe, expect, it } from 'vitest';
import { areaLevels, initialDraft, toInputs, type Field } from './settings-draft';

const field = (key: string, kind: Field['kind'], options: Array<[string, string, string | null]> = []): Field => ({
  key,
  label: key,
  kind,
  helpText: null,
  numberMin: null,
  numberMax: null,
  numberInteger: false,
  options: options.map(([k, label, parentKey]) => ({ key: k, label, parentKey, retired: false })),
});

describe('the settings draft', () => {
  it('round-trips values, clears empty fields and reads full-width digits', () => {
    const fields = [
      field('interests', 'MULTIPLE_CHOICE'),
      field('household', 'NUMBER'),
      field('children', 'DATE_LIST'),
      field('consent', 'CONSENT'),
    ];
    const draft = initialDraft(fields, [
      { attributeKey: 'interests', optionKeys: ['o01'], dates: null, number: null, text: null, flag: null },
      { attributeKey: 'household', optionKeys: null, dates: null, number: 3, text: null, flag: null },
    ]);
    expect(draft['household']!.text).toBe('3');
    draft['household']!.text = '４';
    draft['children']!.dates = ['2020-01-01', ''];
    expect(toInputs(fields, draft)).toEqual([
      { attributeKey: 'interests', optionKeys: ['o01'] },
      { attributeKey: 'household', number: 4 },
      { attributeKey: 'children', dates: ['2020-01-01'] },
      { attributeKey: 'consent', flag: null },
    ]);
  });

  it('groups areas under their top-level district', () => {
    const f = field('area', 'AREA', [
      ['a01', '中央地区', null],
      ['a01-01-1', '本町一丁目', 'a01'],
      ['a02', '北地区', null],
      ['x', '北町', 'a02'],
      ['x-1', '北町一丁目', 'x'],
    ]);
    const { top, inside } = areaLevels(f);
    expect(top.map((o) => o.key)).toEqual(['a01', 'a02']);
    expect(inside.get('a02')!.map((o) => o.key)).toEqual(['x', 'x-1']);
  });
});
