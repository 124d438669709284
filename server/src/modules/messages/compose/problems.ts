import type { z } from 'zod';

/**
 * The Japanese sentences of message validation. A problem reads 「<subject><predicate>。」: the
 * subject names the field by its path (「3通目のテキスト」), the predicate carries its own particle
 * (「は5000文字以内で入力してください」, 「を入力してください」), so one sentence builder serves
 * every check.
 */
export interface MessageProblem {
  /** `messages.2.text`: the dot-joined path from the messages array. */
  readonly path: string;
  readonly message: string;
}

const quoted = (values: readonly unknown[]) => values.map((value) => `「${String(value)}」`).join('');

export const say = {
  required: 'を入力してください',
  requiredChoice: 'を指定してください',
  blank: 'を入力してください',
  notString: 'は文字列で入力してください',
  notNumber: 'は数値で指定してください',
  notInteger: 'は整数で指定してください',
  notBoolean: 'はtrueかfalseで指定してください',
  notArray: 'は配列で指定してください',
  badShape: 'の形式が正しくありません',
  unknownField: 'はここでは指定できません',
  invalid: 'が正しくありません',
  tooLong: (max: number) => `は${max}文字以内で入力してください`,
  tooManyItems: (max: number) => `は${max}個以内にしてください`,
  tooFewItems: (min: number) => `を${min}個以上指定してください`,
  tooManyMessages: (max: number) => `は${max}通以内にしてください`,
  tooFewMessages: (min: number) => `を${min}通以上作成してください`,
  atLeast: (min: number) => `は${min}以上にしてください`,
  atMost: (max: number) => `は${max}以下にしてください`,
  oneOf: (values: readonly unknown[]) =>
    values.length === 1 ? `は${quoted(values)}を指定してください` : `は${quoted(values)}のいずれかを指定してください`,
  https: 'はhttps://で始まるURLを入力してください',
  actionUri: 'はhttp://、https://、line://、tel: のいずれかで始まるURIを入力してください',
  digits: 'は半角数字で入力してください',
  printableAscii: 'は半角英数字と記号で入力してください',
  emojiNotOnDollar: 'が「$」を指していません',
  emojiSameIndex: 'が他のLINE絵文字と同じ位置を指しています',
  outsideImage: (width: number, height: number) => `が画像の範囲（幅${width}×高さ${height}）からはみ出しています`,
  tooLarge: (limitBytes: number, bytes: number) =>
    `は${limitBytes / 1000}KB以内にしてください（現在${(Math.ceil(bytes / 100) / 10).toFixed(1)}KB）`,
  unknownVariable: (name: string) => `に使えない差し込み項目 {${name}} があります。文字として「{」を表示するには「{{」と入力してください`,
  overflowAfterSubstitution: (max: number, notes: string) => `は差し込み後に${max}文字を超えるおそれがあります（${notes}）`,
  color: 'は#RRGGBB（または#RRGGBBAA）の形式で指定してください',
  flexValue: (value: string) => `の値「${value}」は使えません`,
  angle: 'は90degのように角度で指定してください',
  aspectRatio: 'は「幅:高さ」の形式で、1〜100000の整数を指定してください（高さは幅の3倍まで）',
  dateFormat: (format: string) => `は${format}の形式で指定してください`,
  bubbleEmpty: 'にはヘッダー・ヒーロー・ボディ・フッターのいずれかが必要です',
  iconOutsideBaseline: 'はレイアウトがbaselineのボックスにしか置けません',
  notInBaseline: 'はレイアウトがbaselineのボックスには置けません（置けるのはアイコン・テキスト・フィラーです）',
  textOrSpans: 'を入力してください（テキストかスパンのどちらかが必要です）',
} as const;

type Segment = PropertyKey;

/** Field names by `<context>.<key>`, where context is the object's `type` or, without one, the key that holds it. */
const LABELS: Record<string, string> = {
  type: '種類',
  quickReply: 'クイックリプライ',
  'quickReply.items': 'ボタン',
  'action.imageUrl': 'アイコン画像のURL',
  action: 'アクション',
  altText: '代替テキスト',
  // text
  'text.text': 'テキスト',
  emojis: 'LINE絵文字',
  'emojis.index': '位置',
  'emojis.productId': '商品ID',
  'emojis.emojiId': '絵文字ID',
  // sticker
  packageId: 'スタンプのパッケージID',
  stickerId: 'スタンプID',
  // image and video
  'image.originalContentUrl': '画像のURL',
  'video.originalContentUrl': '動画のURL',
  previewImageUrl: 'プレビュー画像のURL',
  trackingId: 'トラッキングID',
  // imagemap
  baseUrl: '画像のURL',
  baseSize: '基本サイズ',
  'imagemap.actions': 'アクション',
  area: '領域',
  'area.x': 'X座標',
  'area.y': 'Y座標',
  linkUri: 'リンク先URL',
  // card
  'card.title': 'タイトル',
  'card.text': '本文',
  'card.imageUrl': '画像のURL',
  buttonLabel: 'ボタンの文言',
  'card.url': 'リンク先URL',
  // actions
  label: 'ラベル',
  uri: 'リンク先URL',
  altUri: '代替URL',
  'altUri.desktop': 'PC版',
  'message.text': '送信するテキスト',
  data: 'ポストバックデータ',
  displayText: '表示するテキスト',
  inputOption: '入力方法',
  fillInText: '入力欄の文字',
  clipboardText: 'コピーするテキスト',
  mode: 'モード',
  initial: '初期値',
  min: '最小値',
  max: '最大値',
  // flex
  'flex.contents': 'Flexの内容',
  'carousel.contents': 'バブル',
  'box.contents': '要素',
  'text.contents': 'スパン',
  header: 'ヘッダー',
  hero: 'ヒーロー',
  body: 'ボディ',
  footer: 'フッター',
  styles: 'スタイル',
  layout: 'レイアウト',
  'image.url': '画像のURL',
  'icon.url': 'アイコン画像のURL',
  'video.url': '動画のURL',
  previewUrl: 'プレビュー画像のURL',
  altContent: '代替コンテンツ',
  'span.text': 'テキスト',
  color: '色',
  backgroundColor: '背景色',
  borderColor: '枠線の色',
  borderWidth: '枠線の太さ',
  separatorColor: '区切り線の色',
  size: 'サイズ',
  weight: '太さ',
  style: 'スタイル',
  align: '横位置',
  gravity: '縦位置',
  margin: '前の余白',
  spacing: '要素の間隔',
  flex: '比率',
  wrap: '折り返し',
  maxLines: '最大行数',
  aspectRatio: '縦横比',
  aspectMode: '表示方法',
  cornerRadius: '角の丸み',
  width: '幅',
  height: '高さ',
  background: '背景',
  direction: '文字の方向',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function labelOf(context: string | undefined, key: string): string {
  return (context !== undefined ? LABELS[`${context}.${key}`] : undefined) ?? LABELS[key] ?? `項目「${key}」`;
}

/**
 * 「3通目のテキスト」, 「1通目のFlexの内容の2番目のバブルのボディの1番目の要素のアクションのリンク先URL」:
 * the path read through the input itself, so `contents` of a carousel says バブル and of a box 要素.
 */
export function subjectOf(path: readonly Segment[], input: unknown): string {
  const [first, ...rest] = path;
  if (typeof first !== 'number') return 'メッセージ';
  const parts: string[] = [];
  let node: unknown = Array.isArray(input) ? input[first] : undefined;
  let context: string | undefined = isRecord(node) && typeof node.type === 'string' ? node.type : undefined;
  for (let i = 0; i < rest.length; i++) {
    const segment = rest[i];
    if (typeof segment !== 'string') continue;
    const label = labelOf(context, segment);
    const child: unknown = isRecord(node) ? node[segment] : undefined;
    const index = rest[i + 1];
    if (typeof index === 'number') {
      parts.push(`${index + 1}番目の${label}`);
      node = Array.isArray(child) ? child[index] : undefined;
      i++;
    } else {
      parts.push(label);
      node = child;
    }
    context = isRecord(node) && typeof node.type === 'string' ? node.type : segment;
  }
  return `${first + 1}通目の${parts.length > 0 ? parts.join('の') : 'メッセージ'}`;
}

export function problemAt(path: readonly Segment[], predicate: string, input: unknown): MessageProblem {
  return { path: ['messages', ...path.map(String)].join('.'), message: `${subjectOf(path, input)}${predicate}。` };
}

/** The predicate for an issue whose schema set none: type errors, unknown keys, sizes and enums. */
export function predicateFor(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return issue.expected === 'string' ? say.required : say.requiredChoice;
      switch (issue.expected) {
        case 'string':
          return say.notString;
        case 'number':
          return say.notNumber;
        case 'int':
          return say.notInteger;
        case 'boolean':
          return say.notBoolean;
        case 'array':
          return say.notArray;
        default:
          return say.badShape;
      }
    case 'unrecognized_keys':
      return say.unknownField;
    case 'invalid_value':
      return issue.input === undefined ? say.requiredChoice : say.oneOf(issue.values);
    case 'too_big':
      if (issue.origin === 'array') return say.tooManyItems(Number(issue.maximum));
      if (issue.origin === 'string') return say.tooLong(Number(issue.maximum));
      return say.atMost(Number(issue.maximum));
    case 'too_small':
      if (issue.origin === 'array') return say.tooFewItems(Number(issue.minimum));
      if (issue.origin === 'string') return say.blank;
      return say.atLeast(Number(issue.minimum));
    case 'invalid_union':
      return 'options' in issue && Array.isArray(issue.options) ? say.oneOf(issue.options) : say.invalid;
    default:
      return say.invalid;
  }
}

/** Problems for zod's issues: an unknown-keys issue becomes one problem per key, at that key's path. */
export function problemsFromIssues(issues: readonly z.core.$ZodIssue[], input: unknown): MessageProblem[] {
  const problems: MessageProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys')
      for (const key of issue.keys) problems.push(problemAt([...issue.path, key], say.unknownField, input));
    else problems.push(problemAt(issue.path, issue.message, input));
  }
  return problems;
}
