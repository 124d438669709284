/** The resident-facing messages, in one place so the browser and the server say the same thing. */
export const messages = {
  required: '入力してください',
  requiredChoice: '選択してください',
  requiredFile: 'ファイルを添付してください',
  notAgreed: '同意が必要です',
  type: '回答の形式が正しくありません',
  unknownField: 'この項目はフォームにありません',
  notAnswerable: 'この項目には回答できません',
  invalidCharacter: '使用できない文字が含まれています',
  newline: '改行は入力できません',
  zenkaku: '全角で入力してください',
  hankaku: '半角で入力してください',
  alphanumeric: '半角英数字で入力してください',
  katakana: 'カタカナで入力してください',
  hiragana: 'ひらがなで入力してください',
  tooLong: (n: number) => `${n}文字以内で入力してください`,
  tooShort: (n: number) => `${n}文字以上で入力してください`,
  email: '正しいメールアドレスを入力してください',
  phone: '正しい電話番号を入力してください（例: 03-1234-5678）',
  postalCode: '郵便番号は7桁で入力してください',
  number: '数値で入力してください',
  integer: '整数で入力してください',
  range: (min: number | undefined, max: number | undefined): string =>
    min !== undefined && max !== undefined
      ? `${min}以上${max}以下の数値を入力してください`
      : min !== undefined
        ? `${min}以上の数値を入力してください`
        : `${max}以下の数値を入力してください`,
  date: '正しい日付を入力してください',
  dateRange: (min: string | undefined, max: string | undefined): string =>
    min !== undefined && max !== undefined
      ? `${min}から${max}までの日付を入力してください`
      : min !== undefined
        ? `${min}以降の日付を入力してください`
        : `${max}以前の日付を入力してください`,
  time: '正しい時刻を入力してください',
  timeRange: (min: string | undefined, max: string | undefined): string =>
    min !== undefined && max !== undefined
      ? `${min}から${max}までの時刻を入力してください`
      : min !== undefined
        ? `${min}以降の時刻を入力してください`
        : `${max}以前の時刻を入力してください`,
  tooManyDates: (n: number) => `${n}件以内で入力してください`,
  option: '選択肢から選んでください',
  tooFewOptions: (n: number) => `${n}個以上選んでください`,
  tooManyOptions: (n: number) => `${n}個まで選んでください`,
  file: 'ファイルを添付し直してください',
  tooManyFiles: (n: number) => `ファイルは${n}件まで添付できます`,
} as const;
