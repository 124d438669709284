import { describe, expect, it } from 'vitest';
import { renderToHtml } from '../../../test/render';
import { initialDraft, type Field } from '../lib/settings-draft';
import { seriousViolations } from '../test/axe';
import { SettingsView } from './settings-view';

const field = (
  key: string,
  label: string,
  kind: Field['kind'],
  options: Array<[string, string, string | null, boolean?]> = [],
  helpText: string | null = null,
): Field => ({
  key,
  label,
  kind,
  helpText,
  numberMin: kind === 'NUMBER' ? 1 : null,
  numberMax: kind === 'NUMBER' ? 20 : null,
  numberInteger: kind === 'NUMBER',
  options: options.map(([k, l, parentKey, retired]) => ({ key: k, label: l, parentKey, retired: retired ?? false })),
});

const FIELDS: Field[] = [
  field('age_band', '年代', 'SINGLE_CHOICE', [
    ['o01', '20代', null],
    ['o02', '30代', null],
  ]),
  field(
    'interests',
    '関心のある分野',
    'MULTIPLE_CHOICE',
    [
      ['o01', '子育て', null],
      ['o02', '防災', null],
      ['o03', '旧分野', null, true],
    ],
    '選んだ分野のお知らせをお届けします。',
  ),
  field('residence_area', '居住地区', 'AREA', [
    ['a01', '中央地区', null],
    ['a01-01-1', '本町一丁目', 'a01'],
    ['a01-01-2', '本町二丁目', 'a01'],
    ['a02', '北地区', null],
  ]),
  field('children_birth_dates', '子どもの生年月日', 'DATE_LIST'),
  field('due_date', '出産予定日', 'DATE'),
  field('household_size', '世帯人数', 'NUMBER'),
  field('pregnant', '妊娠中', 'YES_NO'),
  field('delivery_consent', '配信の同意', 'CONSENT'),
];

const draft = () =>
  initialDraft(FIELDS, [
    { attributeKey: 'interests', optionKeys: ['o01', 'o03'], dates: null, number: null, text: null, flag: null },
    { attributeKey: 'residence_area', optionKeys: ['a01-01-2'], dates: null, number: null, text: null, flag: null },
    { attributeKey: 'children_birth_dates', optionKeys: null, dates: ['2021-04-02', '2023-08-15'], number: null, text: null, flag: null },
  ]);

describe('SettingsView (受信設定)', () => {
  it('draws every kind: chips, a two-level area select, dates to add and remove, with no serious axe violations', async () => {
    const html = await renderToHtml(
      <SettingsView fields={FIELDS} draft={draft()} errors={{}} status="idle" saving={false} onSubmit={() => {}} onChange={() => {}} />,
    );
    expect(html).toContain('<h1>受信設定</h1>');
    expect(html).toContain('<legend');
    expect(html).toContain('子育て');
    expect(html).toContain('旧分野（受付終了）');
    expect(html).toContain('<label for=');
    expect(html).toContain('本町二丁目');
    expect(html).toContain('value="2023-08-15"');
    expect(html).toContain('2件目を削除');
    expect(html).toContain('日付を追加');
    expect(html).toContain('1〜20');
    expect(html).toContain('同意する');
    expect(html).toContain('保存する');
    expect(await seriousViolations(html)).toEqual([]);
  }, 30_000);

  it('shows the server’s Japanese messages beside their fields, and the success message after saving', async () => {
    const invalid = await renderToHtml(
      <SettingsView
        fields={FIELDS}
        draft={draft()}
        errors={{ household_size: '「世帯人数」は1以上20以下で入力してください。' }}
        status="invalid"
        saving={false}
        onSubmit={() => {}}
        onChange={() => {}}
      />,
    );
    expect(invalid).toContain('入力内容を確認してください（1件）。');
    expect(invalid).toContain('「世帯人数」は1以上20以下で入力してください。');
    expect(invalid).toMatch(/aria-describedby="[^"]*-error"/);
    expect(await seriousViolations(invalid)).toEqual([]);
    const saved = await renderToHtml(
      <SettingsView fields={FIELDS} draft={draft()} errors={{}} status="saved" saving={false} onSubmit={() => {}} onChange={() => {}} />,
    );
    expect(saved).toContain('role="status"');
    expect(saved).toContain('受信設定を保存しました。');
  }, 30_000);
});
