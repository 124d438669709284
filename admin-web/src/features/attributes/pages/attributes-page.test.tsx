import { ApolloClient, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { prerenderStatic } from '@apollo/client/react/ssr';
import { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createInstance } from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { ViewerProvider } from '../../../app/auth/viewer-context';
import { cacheTypePolicies } from '../../../app/cache-policies';
import { consoleTranslation } from '../../../app/i18n-resources';
import { AttributeDefinitionsDocument, ResidentAttributesDocument } from '../../../gql/graphql';
import type { AttributeDefinitionFieldsFragment, ResidentAttributeSheetFieldsFragment } from '../../../gql/graphql';
import { staffViewer } from '../../../shared/test-support/viewer';
import { ResidentAttributesPanel } from '../components/resident-attributes-panel';
import { seriousViolations } from '../test/axe';
import { AttributesPage } from './attributes-page';

const option = (id: string, key: string, label: string, extra: Partial<AttributeDefinitionFieldsFragment['options'][number]> = {}) => ({
  __typename: 'AttributeOption' as const,
  id,
  key,
  label,
  parentKey: null,
  position: Number(id),
  retiredAt: null,
  ...extra,
});

const def = (
  overrides: Partial<AttributeDefinitionFieldsFragment>,
): AttributeDefinitionFieldsFragment & { __typename: 'AttributeDefinition' } => ({
  __typename: 'AttributeDefinition',
  id: '1',
  key: 'age_band',
  label: '年代',
  kind: 'SINGLE_CHOICE',
  helpText: null,
  position: 1,
  retiredAt: null,
  personal: false,
  residentEditable: true,
  departmentId: null,
  departmentName: null,
  numberMin: null,
  numberMax: null,
  numberInteger: false,
  optionCount: 2,
  options: [option('1', 'o01', '20代'), option('2', 'o02', '30代')],
  ...overrides,
});

const DEFINITIONS = [
  def({}),
  def({
    id: '2',
    key: 'interests',
    label: '関心のある分野',
    kind: 'MULTIPLE_CHOICE',
    position: 2,
    optionCount: 1,
    options: [option('3', 'o01', '子育て')],
  }),
  def({ id: '3', key: 'children_birth_dates', label: '子どもの生年月日', kind: 'DATE_LIST', position: 3, optionCount: 0, options: [] }),
  def({
    id: '4',
    key: 'staff_note',
    label: '職員メモ',
    kind: 'TEXT',
    position: 4,
    personal: true,
    residentEditable: false,
    optionCount: 0,
    options: [],
  }),
  def({
    id: '5',
    key: 'old_item',
    label: '旧項目',
    kind: 'YES_NO',
    position: 5,
    retiredAt: '2026-12-01T00:00:00.000Z',
    optionCount: 2,
    departmentName: 'こども未来課',
  }),
];

async function render(node: ReactNode, responses: MockLink.MockedResponse[], permissions: string[]): Promise<string> {
  const i18n = createInstance();
  await i18n.init({
    resources: { ja: { translation: consoleTranslation('ja') } },
    lng: 'ja',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  const client = new ApolloClient({
    link: new MockLink(responses),
    cache: new InMemoryCache({ typePolicies: cacheTypePolicies }),
    ssrMode: true,
  });
  const { result } = await prerenderStatic({
    tree: (
      <I18nextProvider i18n={i18n}>
        <AntApp>
          <ApolloProvider client={client}>
            <ViewerProvider viewer={staffViewer(permissions, 'こども未来課')}>{node}</ViewerProvider>
          </ApolloProvider>
        </AntApp>
      </I18nextProvider>
    ),
    renderFunction: renderToStaticMarkup,
  });
  return result;
}

const listMock: MockLink.MockedResponse = {
  request: { query: AttributeDefinitionsDocument, variables: { includeRetired: true } },
  result: { data: { attributeDefinitions: DEFINITIONS } },
};

// The server's answer carries typenames, which the fragment type leaves out.
const sheet = {
  __typename: 'ResidentAttributeSheet',
  residentId: 'r-1',
  entries: [
    {
      __typename: 'ResidentAttributeEntry',
      definition: DEFINITIONS[0]!,
      value: {
        __typename: 'AttributeValue',
        attributeKey: 'age_band',
        optionKeys: ['o02'],
        dates: null,
        number: null,
        text: null,
        flag: null,
      },
      masked: false,
      updatedAt: '2026-12-03T01:00:00.000Z',
      updatedBy: '住民本人',
    },
    {
      __typename: 'ResidentAttributeEntry',
      definition: DEFINITIONS[2]!,
      value: {
        __typename: 'AttributeValue',
        attributeKey: 'children_birth_dates',
        optionKeys: null,
        dates: ['2021-04-02', '2023-08-15'],
        number: null,
        text: null,
        flag: null,
      },
      masked: false,
      updatedAt: null,
      updatedBy: null,
    },
    { __typename: 'ResidentAttributeEntry', definition: DEFINITIONS[3]!, value: null, masked: true, updatedAt: null, updatedBy: null },
    { __typename: 'ResidentAttributeEntry', definition: DEFINITIONS[1]!, value: null, masked: false, updatedAt: null, updatedBy: null },
  ],
  history: [
    {
      __typename: 'AttributeChange',
      id: 'h1',
      attributeKey: 'age_band',
      attributeLabel: '年代',
      changedAt: '2026-12-03T01:00:00.000Z',
      actorKind: 'RESIDENT',
      actorLabel: '住民本人',
      before: '20代',
      after: '30代',
    },
    {
      __typename: 'AttributeChange',
      id: 'h2',
      attributeKey: 'age_band',
      attributeLabel: '年代',
      changedAt: '2026-12-02T01:00:00.000Z',
      actorKind: 'STAFF',
      actorLabel: 'yamada',
      before: '（未設定）',
      after: '20代',
    },
  ],
} as unknown as ResidentAttributeSheetFieldsFragment;

describe('AttributesPage', () => {
  it('lists attributes with kind, option count and status, and offers editing to managers, with no serious axe violations', async () => {
    const html = await render(<AttributesPage />, [listMock], ['attributes.read', 'attributes.manage']);
    expect(html).toContain('属性を追加');
    expect(html).toContain('<code>age_band</code>');
    expect(html).toContain('単一選択');
    expect(html).toContain('日付（複数）');
    expect(html).toContain('個人情報');
    expect(html).toContain('職員のみ');
    expect(html).toContain('全庁共通');
    expect(html).toContain('aria-label="「年代」を下へ"');
    expect(html).toContain('aria-label="「関心のある分野」を廃止"');
    // Retired ones are hidden until asked for.
    expect(html).not.toContain('旧項目');
    expect(await seriousViolations(html)).toEqual([]);
  }, 30_000);

  it('is read-only without attributes.manage', async () => {
    const html = await render(<AttributesPage />, [listMock], ['attributes.read']);
    expect(html).toContain('年代');
    expect(html).not.toContain('属性を追加');
    expect(html).not.toContain('を廃止');
  });
});

describe('ResidentAttributesPanel', () => {
  it('shows values as labels, masks personal ones, lists the history, with no serious axe violations', async () => {
    const html = await render(
      <ResidentAttributesPanel residentId="r-1" canWrite />,
      [
        {
          request: { query: ResidentAttributesDocument, variables: { residentId: 'r-1' } },
          result: { data: { residentAttributes: sheet } },
        },
      ],
      ['attributes.read', 'attributes.write'],
    );
    expect(html).toContain('30代');
    expect(html).toContain('2021-04-02、2023-08-15');
    expect(html).toContain('（個人情報のため非表示）');
    expect(html).toContain('未設定');
    expect(html).toContain('変更履歴');
    expect(html).toContain('住民本人');
    expect(html).toContain('yamada');
    expect(html).toContain('属性を変更');
    expect(await seriousViolations(html)).toEqual([]);
  }, 30_000);

  it('offers no editing without attributes.write', async () => {
    const html = await render(
      <ResidentAttributesPanel residentId="r-1" canWrite={false} />,
      [
        {
          request: { query: ResidentAttributesDocument, variables: { residentId: 'r-1' } },
          result: { data: { residentAttributes: sheet } },
        },
      ],
      ['attributes.read'],
    );
    expect(html).toContain('30代');
    expect(html).not.toContain('属性を変更');
  });
});
