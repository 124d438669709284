import type { FormDefinition } from '@machi/form-engine';
import { afterAll, describe, expect, it } from 'vitest';
import { FormBuilderAttributesDocument, FormDocument } from '../../../gql/graphql';
import { formDetail, surveyDefinition } from '../test-support/fixtures';
import { axeChecker, renderPage } from '../test-support/render-page';
import { FormEditorPage } from './form-editor-page';

const axe = axeChecker();
afterAll(() => axe.close());

const attributes = {
  request: { query: FormBuilderAttributesDocument },
  result: {
    data: {
      attributeDefinitions: [
        {
          __typename: 'AttributeDefinition',
          id: '1',
          key: 'area',
          label: '居住地区',
          kind: 'SINGLE_CHOICE',
          personal: false,
          retiredAt: null,
          options: [
            { __typename: 'AttributeOption', key: 'north', label: '北地区', retiredAt: null },
            { __typename: 'AttributeOption', key: 'south', label: '南地区', retiredAt: null },
          ],
        },
      ],
    },
  },
};

function render(definition: FormDefinition, permissions: string[], overrides: Parameters<typeof formDetail>[0] = {}) {
  return renderPage(<FormEditorPage />, {
    responses: [
      {
        request: { query: FormDocument, variables: { id: 'form-1' } },
        result: { data: { form: formDetail({ draftDefinition: definition, ...overrides }) } },
      },
      attributes,
    ],
    permissions,
    path: '/forms/form-1',
    route: '/forms/:id',
  });
}

const MANAGER = ['forms.read', 'forms.manage', 'forms.submissions.read', 'attributes.read'];

describe('FormEditorPage', { timeout: 60_000 }, () => {
  it('shows the pages and fields, the version state, the talk badge and the settings, accessibly', async () => {
    const { html, document } = await render(surveyDefinition, MANAGER);
    expect(html).toContain('市民満足度アンケート');
    expect(html).toContain('公開中の第2版から変更があります（未公開）');
    expect(html).toContain('変更を公開（第3版）');
    expect(html).toContain('下書きを保存');
    expect(html).toContain('住民の画面で確認');
    expect(html).toContain('定義に問題はありません');
    // お名前 is personal: the form can only be answered on our page (FORM-14).
    expect(html).toContain('トーク画面では回答不可');
    expect(html).toContain('ページ 1：基本情報');
    expect(html).toContain('ページ 2：ご意見');
    expect(html).toContain('aria-label="「お住まいの地区」を下へ"');
    expect(html).toContain('aria-label="単一選択を追加"');
    expect(html).toContain('このページを表示する条件');
    expect(html).toContain('/liff/forms/form-1');
    // The settings tab is rendered too (saving validates it from any tab), with the receipt example.
    expect(html).toMatch(/例：R\d\d-00042/);
    expect(html).toContain('kyodo@city.example.jp');
    expect(await axe.violations(document, 'form-builder')).toEqual([]);
  });

  it('puts the engine’s definition problems beside the field and blocks saving and publishing', async () => {
    const broken: FormDefinition = {
      schemaVersion: 1,
      pages: [
        {
          id: 'p_1',
          fields: [
            { id: 'f_1', type: 'text', label: '年齢', visibleWhen: { field: 'f_2', op: 'answered' } },
            { id: 'f_2', type: 'singleChoice', label: '地区', display: 'radio', options: [] },
          ],
        },
      ],
    };
    const { html, document } = await render(broken, MANAGER);
    expect(html).toContain('フォームの定義に 2 件の問題があります');
    expect(html).toContain('条件には、この項目より前にある項目だけを使えます（f_2）');
    expect(html).toContain('選択肢を1つ以上作ってください');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>(<span[^>]*>(?:(?!<\/button>).)*<\/span>)?<span>下書きを保存<\/span>/);
    expect(await axe.violations(document)).toEqual([]);
  });

  it('says a talk-only survey can be answered in the LINE talk, and offers no saving without forms.manage', async () => {
    const talkable: FormDefinition = {
      schemaVersion: 1,
      pages: [{ id: 'p_1', fields: [{ id: 'f_1', type: 'yesNo', label: 'イベントに参加しましたか' }] }],
    };
    const { html } = await render(talkable, ['forms.read'], {
      publishedVersion: null,
      versions: [],
      hasUnpublishedChanges: true,
      status: 'DRAFT',
    });
    expect(html).toContain('トーク画面でも回答可');
    expect(html).toContain('未公開（下書き）');
    expect(html).not.toContain('下書きを保存');
    expect(html).not.toContain('公開する（第1版）');
  });
});
