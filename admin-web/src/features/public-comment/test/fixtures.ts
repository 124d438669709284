import type { PublicCommentProcedureQuery } from '../../../gql/graphql';

type Detail = PublicCommentProcedureQuery['publicCommentProcedure'] & { __typename: 'PublicCommentProcedure' };

export const procedure = (overrides: Partial<Detail> = {}): Detail => ({
  __typename: 'PublicCommentProcedure',
  id: 'pc-1',
  title: '第2次こども計画（案）',
  summary: 'こどもと子育て家庭を支える5年間の計画案です。',
  body: '計画案の全文は資料をご覧ください。',
  status: 'CLOSED',
  opensAt: '2026-11-01T00:00:00.000Z',
  closesAt: '2026-11-30T08:00:00.000Z',
  publishedAt: '2026-10-25T00:00:00.000Z',
  resultPublishedAt: null,
  resultIntroduction: null,
  departmentId: 'dep-1',
  departmentName: 'こども政策課',
  formId: 'form-9',
  formPath: '/liff/forms/form-9',
  opinionCount: 3,
  opinionsCsvPath: '/api/public-comments/pc-1/opinions.csv',
  updatedAt: '2026-11-30T08:00:00.000Z',
  documents: [
    {
      __typename: 'PublicCommentDocument',
      id: 'd1',
      title: '計画案（本文）',
      url: 'https://city.example.jp/media/public/d1',
      thumbnailUrl: null,
      contentType: 'application/pdf',
      byteSize: 1_300_000,
      position: 1,
    },
  ] as unknown as Detail['documents'],
  groups: [
    {
      __typename: 'PublicCommentGroup',
      id: 'g1',
      title: '保育・子育て支援について',
      summary: '保育所の定員を増やしてほしい。',
      response: '待機児童の解消に向け、定員の拡大を進めます。',
      position: 1,
      opinionCount: 1,
    },
    { __typename: 'PublicCommentGroup', id: 'g2', title: '公園・居場所について', summary: '', response: '', position: 2, opinionCount: 0 },
  ] as unknown as Detail['groups'],
  ...overrides,
});
