/** Japanese texts of the departments (`t('departments.…')`), the source: `en.ts` is typed against them. */
export const ja = {
  nav: {
    label: '部署',
    description: '課・係などの部署を管理します。',
  },
  title: '部署',
  description: '課・係などの部署を管理します。部署ごとにデータの閲覧範囲が分かれます。',
  add: '部署を追加',
  empty: '部署はまだ登録されていません。「部署を追加」から登録してください。',
  columns: {
    code: '部署コード',
    name: '部署名',
    staffCount: '職員数',
    updatedAt: '更新日時',
  },
  fields: {
    code: '部署コード',
    codeHint: '庁内の組織コードなど、重複しない値を入力してください。',
    name: '部署名',
  },
  createTitle: '部署を追加',
  editTitle: '部署を編集：{{name}}',
  editOf: '{{name}}を編集',
  deleteOf: '{{name}}を削除',
  deleteConfirm: '部署「{{name}}」を削除しますか？',
  deleteHint: '職員・APIキー・ロールが所属する部署は削除できません。',
  scopeNote:
    '職員数は、ご自身の部署の分だけ表示されます（他の部署は「—」）。部署の追加・削除と他の部署の変更は、システム管理者が行います。',
  lockedAllDepartmentsOnly: '部署の追加・削除は、システム管理者だけが行えます。',
  lockedOtherDepartment: '他の部署の設定は変更できません。',
};

export type DepartmentsTranslation = typeof ja;
