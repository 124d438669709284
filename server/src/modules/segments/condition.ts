import type { DefinitionSnapshot } from '../attributes/index.js';
import { AttributeKind } from '../attributes/index.js';

/**
 * A segment's condition (SEG-01, SEG-04): a tree of all / any / not over leaves. Stored as JSON in
 * this shape and accepted in the same shape through GraphQL:
 *
 *   { "type": "all", "conditions": [
 *     { "type": "attribute", "key": "interests", "op": "in", "values": ["kosodate"] },
 *     { "type": "attribute", "key": "children_birth_dates", "op": "age", "min": 3, "max": 5 },
 *     { "type": "not", "condition": { "type": "tag", "tag": "転出予定" } } ] }
 *
 * Attribute operators: `in` (choices and areas; an area matches its sub-areas too; yes/no and
 * consent by their option keys `yes`, `no`, `given`), `hasValue` (any kind), `between` (numbers,
 * min and max inclusive), `age` (dates and lists of dates: the age in whole years on the send day,
 * Asia/Tokyo; for a list, any of its dates), `dateBetween` (dates and lists of dates, inclusive).
 * Other leaves: `tag`, `followed` (follow date between), `channel`, `language`, `formAnswer` (the
 * resident answered a form, optionally a field with one of the values), `engagement` (the resident
 * opened one of a delivery's links through the LIFF app, `clicked`, or did not, `notClicked`:
 * docs/adr/0016; LINE tells no one who opened a message, so there is no "opened"; or answered the
 * form the delivery carried through its card, `answered`, or did not, `notAnswered`).
 */
export type SegmentCondition =
  | { type: 'all'; conditions: SegmentCondition[] }
  | { type: 'any'; conditions: SegmentCondition[] }
  | { type: 'not'; condition: SegmentCondition }
  | { type: 'attribute'; key: string; op: 'in'; values: string[] }
  | { type: 'attribute'; key: string; op: 'hasValue' }
  | { type: 'attribute'; key: string; op: 'between'; min: number | null; max: number | null }
  | { type: 'attribute'; key: string; op: 'age'; min: number | null; max: number | null }
  | { type: 'attribute'; key: string; op: 'dateBetween'; from: string | null; to: string | null }
  | { type: 'tag'; tag: string }
  | { type: 'followed'; from: string | null; to: string | null }
  | { type: 'channel'; channelId: string }
  | { type: 'language'; language: string }
  | { type: 'formAnswer'; formId: string; fieldId: string | null; values: string[] | null }
  | { type: 'engagement'; deliveryId: string; action: EngagementAction };

/**
 * Clicked: opened one of the delivery's links through the LIFF app (the resident known); notClicked:
 * did not. Answered: answered the form the delivery carried through its card (the link named one of
 * its runs, signed); notAnswered: did not.
 */
export type EngagementAction = 'clicked' | 'notClicked' | 'answered' | 'notAnswered';

const ENGAGEMENT_ACTIONS: ReadonlySet<unknown> = new Set<EngagementAction>(['clicked', 'notClicked', 'answered', 'notAnswered']);

/** The same tree with attributes resolved to their stored ids (what the compiler and evaluator read). */
export type ResolvedCondition =
  | { type: 'all'; conditions: ResolvedCondition[] }
  | { type: 'any'; conditions: ResolvedCondition[] }
  | { type: 'not'; condition: ResolvedCondition }
  | { type: 'options'; attributeId: number; optionIds: number[] }
  | { type: 'hasValue'; attributeId: number }
  | { type: 'number'; attributeId: number; min: number | null; max: number | null }
  | { type: 'age'; attributeId: number; min: number | null; max: number | null }
  | { type: 'dates'; attributeId: number; from: string | null; to: string | null }
  | { type: 'tag'; tag: string }
  | { type: 'followed'; from: string | null; to: string | null }
  | { type: 'channel'; channelId: string }
  | { type: 'language'; language: string }
  | { type: 'formAnswer'; formId: string; fieldId: string | null; values: string[] | null }
  | { type: 'engagement'; deliveryId: string; action: EngagementAction };

/**
 * A delivery an engagement condition may name, as the staff member sees it: `recording` when its
 * links were sent through the LIFF app, so that who opened them is known (docs/adr/0016).
 */
export interface EngagementDelivery {
  title: string;
  recording: boolean;
  /** It carries a form (FORM-08), so who answered it through the delivery is known. */
  carriesForm: boolean;
}

export const CONDITION_LIMITS = { depth: 8, nodes: 200, values: 500, text: 100 } as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIELD_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;
const CHOICE_KINDS = new Set([
  AttributeKind.SINGLE_CHOICE,
  AttributeKind.MULTIPLE_CHOICE,
  AttributeKind.AREA,
  AttributeKind.YES_NO,
  AttributeKind.CONSENT,
]);
const DATE_KINDS = new Set([AttributeKind.DATE, AttributeKind.DATE_LIST]);

function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export type ConditionCheck = { ok: true; condition: SegmentCondition; resolved: ResolvedCondition } | { ok: false; problems: Problem[] };
/** A problem at a path into the tree ("conditions.2.values"), in Japanese for staff. */
export interface Problem {
  path: string;
  message: string;
}

/**
 * Checks a condition from staff (unknown JSON) against the attribute definitions they may use and
 * resolves it. Every problem is reported with its path; nothing is partly accepted. Retired
 * attributes and options are refused in new conditions; personal and free-text attributes are
 * never targeting conditions (docs/adr/0012).
 */
export function checkCondition(
  raw: unknown,
  definitions: readonly DefinitionSnapshot[],
  options: {
    saved?: boolean;
    /**
     * The deliveries the staff member may name in engagement conditions, by lower-case id (see
     * `engagementDeliveryIds`). Without it the deliveries are not checked: a saved segment keeps
     * naming a delivery that has gone (it then matches no clicks), and tests evaluate trees as given.
     */
    deliveries?: ReadonlyMap<string, EngagementDelivery>;
  } = {},
): ConditionCheck {
  // A saved segment keeps working after an attribute or option it names is retired (values are kept).
  const allowRetired = options.saved === true;
  const problems: Problem[] = [];
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  let nodes = 0;
  const problem = (path: string, message: string) => {
    problems.push({ path, message });
    return null;
  };

  const range = (path: string, node: Record<string, unknown>, a: string, b: string, check: (v: unknown) => boolean, what: string) => {
    const lo = node[a] ?? null;
    const hi = node[b] ?? null;
    if (lo !== null && !check(lo)) return problem(`${path}.${a}`, `${what}の下限が正しくありません。`);
    if (hi !== null && !check(hi)) return problem(`${path}.${b}`, `${what}の上限が正しくありません。`);
    if (lo === null && hi === null) return problem(path, `${what}の下限か上限のどちらかを指定してください。`);
    if (lo !== null && hi !== null && (lo as number | string) > (hi as number | string))
      return problem(path, `${what}の下限が上限より大きくなっています。`);
    return [lo, hi] as const;
  };

  const walk = (value: unknown, path: string, depth: number): [SegmentCondition, ResolvedCondition] | null => {
    if (++nodes > CONDITION_LIMITS.nodes) return problem(path, `条件が多すぎます（${CONDITION_LIMITS.nodes}個まで）。`);
    if (depth > CONDITION_LIMITS.depth) return problem(path, `条件の入れ子が深すぎます（${CONDITION_LIMITS.depth}段まで）。`);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return problem(path, '条件の形式が正しくありません。');
    const node = value as Record<string, unknown>;
    const at = (key: string) => (path ? `${path}.${key}` : key);
    switch (node['type']) {
      case 'all':
      case 'any': {
        const list = node['conditions'];
        if (!Array.isArray(list) || list.length === 0)
          return problem(
            at('conditions'),
            node['type'] === 'all'
              ? '「すべて満たす」に条件を1つ以上入れてください。'
              : '「いずれかを満たす」に条件を1つ以上入れてください。',
          );
        const children = list.map((c, i) => walk(c, at(`conditions.${i}`), depth + 1));
        if (children.some((c) => c === null)) return null;
        const pairs = children as Array<[SegmentCondition, ResolvedCondition]>;
        const type: 'all' | 'any' = node['type'];
        return type === 'all'
          ? [
              { type, conditions: pairs.map((p) => p[0]) },
              { type, conditions: pairs.map((p) => p[1]) },
            ]
          : [
              { type, conditions: pairs.map((p) => p[0]) },
              { type, conditions: pairs.map((p) => p[1]) },
            ];
      }
      case 'not': {
        const child = walk(node['condition'], at('condition'), depth + 1);
        return child
          ? [
              { type: 'not', condition: child[0] },
              { type: 'not', condition: child[1] },
            ]
          : null;
      }
      case 'attribute':
        return attribute(node, path, at);
      case 'tag': {
        const tag = typeof node['tag'] === 'string' ? node['tag'].trim() : '';
        if (!tag || tag.length > CONDITION_LIMITS.text) return problem(at('tag'), 'タグを入力してください（100文字以内）。');
        return [
          { type: 'tag', tag },
          { type: 'tag', tag },
        ];
      }
      case 'followed': {
        const r = range(path, node, 'from', 'to', isCalendarDate, '友だち追加日');
        if (!r) return null;
        const c = { type: 'followed' as const, from: r[0] as string | null, to: r[1] as string | null };
        return [c, c];
      }
      case 'channel': {
        const id = node['channelId'];
        if (typeof id !== 'string' || !UUID.test(id)) return problem(at('channelId'), 'LINE公式アカウントを選んでください。');
        return [
          { type: 'channel', channelId: id },
          { type: 'channel', channelId: id.toLowerCase() },
        ];
      }
      case 'language': {
        const language = node['language'];
        if (typeof language !== 'string' || !LANGUAGE.test(language))
          return problem(at('language'), '言語の指定が正しくありません（例: ja, en）。');
        return [
          { type: 'language', language },
          { type: 'language', language },
        ];
      }
      case 'formAnswer': {
        const formId = node['formId'];
        if (typeof formId !== 'string' || !UUID.test(formId)) return problem(at('formId'), 'フォームを選んでください。');
        const fieldId = node['fieldId'] ?? null;
        if (fieldId !== null && (typeof fieldId !== 'string' || !FIELD_ID.test(fieldId)))
          return problem(at('fieldId'), '質問の指定が正しくありません。');
        const values = node['values'] ?? null;
        if (values !== null) {
          if (fieldId === null) return problem(at('values'), '回答の値で絞るときは、質問も選んでください。');
          if (
            !Array.isArray(values) ||
            values.length === 0 ||
            values.length > CONDITION_LIMITS.values ||
            values.some((v) => typeof v !== 'string' || !v || v.length > CONDITION_LIMITS.text)
          )
            return problem(at('values'), '回答の選択肢を1つ以上選んでください。');
        }
        const c = {
          type: 'formAnswer' as const,
          formId: formId.toLowerCase(),
          fieldId: fieldId,
          values: values as string[] | null,
        };
        return [c, c];
      }
      case 'engagement': {
        const id = node['deliveryId'];
        if (typeof id !== 'string' || !UUID.test(id)) return problem(at('deliveryId'), '配信を選んでください。');
        const action = node['action'];
        if (action === 'opened')
          return problem(
            at('action'),
            'LINEは誰がメッセージを開封したかを提供しないため、「開封」は条件に使えません。リンクを開いたかどうか（反応あり・反応なし）を選んでください。',
          );
        if (!ENGAGEMENT_ACTIONS.has(action))
          return problem(at('action'), '反応の種類（反応あり・反応なし・回答あり・回答なし）を選んでください。');
        const chosen = action as EngagementAction;
        const answering = chosen === 'answered' || chosen === 'notAnswered';
        const deliveryId = id.toLowerCase();
        if (options.deliveries) {
          const delivery = options.deliveries.get(deliveryId);
          if (!delivery) return problem(at('deliveryId'), '配信が見つかりません。');
          if (answering && !delivery.carriesForm)
            return problem(
              at('deliveryId'),
              `配信「${delivery.title}」はフォームを載せていないため、「回答あり・回答なし」の条件に使えません（フォームを載せた配信だけが使えます）。`,
            );
          if (!answering && !delivery.recording)
            return problem(
              at('deliveryId'),
              `配信「${delivery.title}」は反応を記録していないため、条件に使えません（「反応を記録する」を選んで送った配信だけが使えます）。`,
            );
        }
        const c = { type: 'engagement' as const, deliveryId, action: chosen };
        return [c, c];
      }
      default:
        return problem(at('type'), '条件の種類が正しくありません。');
    }
  };

  const attribute = (
    node: Record<string, unknown>,
    path: string,
    at: (k: string) => string,
  ): [SegmentCondition, ResolvedCondition] | null => {
    const key = node['key'];
    const def = typeof key === 'string' ? byKey.get(key) : undefined;
    if (!def) return problem(at('key'), '属性が見つかりません。');
    if (def.retired && !allowRetired) return problem(at('key'), `属性「${def.label}」は廃止されているため、新しい条件には使えません。`);
    if (def.personal || def.kind === AttributeKind.TEXT)
      return problem(at('key'), `属性「${def.label}」は個人情報または自由記述のため、配信の条件には使えません。`);
    const op = node['op'];
    switch (op) {
      case 'hasValue':
        return [
          { type: 'attribute', key: def.key, op },
          { type: 'hasValue', attributeId: def.id },
        ];
      case 'in': {
        if (!CHOICE_KINDS.has(def.kind)) return problem(at('op'), `属性「${def.label}」は選択肢で絞れません。`);
        const values = node['values'];
        if (!Array.isArray(values) || values.length === 0 || values.length > CONDITION_LIMITS.values)
          return problem(at('values'), `属性「${def.label}」の選択肢を1つ以上選んでください。`);
        const ids: number[] = [];
        for (const [i, v] of values.entries()) {
          const option = def.options.find((o) => o.key === v);
          if (!option) return problem(at(`values.${i}`), `属性「${def.label}」に選択肢「${String(v)}」はありません。`);
          if (option.retired && !allowRetired) return problem(at(`values.${i}`), `選択肢「${option.label}」は廃止されています。`);
          ids.push(option.id);
        }
        const keys = [...new Set(values as string[])];
        return [
          { type: 'attribute', key: def.key, op, values: keys },
          { type: 'options', attributeId: def.id, optionIds: [...new Set(ids)].sort((a, b) => a - b) },
        ];
      }
      case 'between': {
        if (def.kind !== AttributeKind.NUMBER) return problem(at('op'), `属性「${def.label}」は数値ではありません。`);
        const r = range(path, node, 'min', 'max', (v) => typeof v === 'number' && Number.isFinite(v), `「${def.label}」`);
        if (!r) return null;
        const [min, max] = r as readonly [number | null, number | null];
        return [
          { type: 'attribute', key: def.key, op, min, max },
          { type: 'number', attributeId: def.id, min, max },
        ];
      }
      case 'age': {
        if (!DATE_KINDS.has(def.kind)) return problem(at('op'), `属性「${def.label}」は日付ではないため、年齢で絞れません。`);
        const r = range(path, node, 'min', 'max', (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 150, '年齢');
        if (!r) return null;
        const [min, max] = r as readonly [number | null, number | null];
        return [
          { type: 'attribute', key: def.key, op, min, max },
          { type: 'age', attributeId: def.id, min, max },
        ];
      }
      case 'dateBetween': {
        if (!DATE_KINDS.has(def.kind)) return problem(at('op'), `属性「${def.label}」は日付ではありません。`);
        const r = range(path, node, 'from', 'to', isCalendarDate, `「${def.label}」の日付`);
        if (!r) return null;
        const [from, to] = r as readonly [string | null, string | null];
        return [
          { type: 'attribute', key: def.key, op, from, to },
          { type: 'dates', attributeId: def.id, from, to },
        ];
      }
      default:
        return problem(at('op'), '属性の条件の種類が正しくありません。');
    }
  };

  const pair = walk(raw, '', 0);
  if (!pair || problems.length)
    return { ok: false, problems: problems.length ? problems : [{ path: '', message: '条件の形式が正しくありません。' }] };
  return { ok: true, condition: pair[0], resolved: pair[1] };
}

/**
 * The delivery ids engagement leaves of an unchecked condition name (lower case, once each), to
 * look up before `checkCondition`; whatever else is wrong in the tree is left to it.
 */
export function engagementDeliveryIds(raw: unknown): string[] {
  const ids = new Set<string>();
  let seen = 0;
  const walk = (value: unknown, depth: number) => {
    if (++seen > CONDITION_LIMITS.nodes || depth > CONDITION_LIMITS.depth) return;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const node = value as Record<string, unknown>;
    if (node['type'] === 'engagement' && typeof node['deliveryId'] === 'string' && UUID.test(node['deliveryId']))
      ids.add(node['deliveryId'].toLowerCase());
    if (Array.isArray(node['conditions'])) for (const c of node['conditions'] as unknown[]) walk(c, depth + 1);
    if (node['type'] === 'not') walk(node['condition'], depth + 1);
  };
  walk(raw, 0);
  return [...ids];
}

/** The attribute keys a condition names (to re-resolve it when definitions change). */
export function attributeKeysOf(condition: SegmentCondition): string[] {
  const keys = new Set<string>();
  const walk = (c: SegmentCondition) => {
    if (c.type === 'all' || c.type === 'any') c.conditions.forEach(walk);
    else if (c.type === 'not') walk(c.condition);
    else if (c.type === 'attribute') keys.add(c.key);
  };
  walk(condition);
  return [...keys];
}

/**
 * The earliest and latest birth dates of someone aged between min and max whole years on `day`
 * ('YYYY-MM-DD'): aged ≥ min means born on or before day − min years; aged ≤ max means born after
 * day − (max + 1) years. Years are subtracted as PostgreSQL does (29 February becomes 28 February),
 * so someone born on 29 February is a year older from 1 March in common years.
 */
export function birthDateBounds(day: string, min: number | null, max: number | null): { after: string | null; onOrBefore: string | null } {
  return { after: max === null ? null : minusYears(day, max + 1), onOrBefore: min === null ? null : minusYears(day, min) };
}

export function minusYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const year = y - years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Today in Asia/Tokyo as 'YYYY-MM-DD'. */
export function tokyoDay(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
