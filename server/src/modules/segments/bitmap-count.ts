import { birthDateBounds, type ResolvedCondition } from './condition.js';

/**
 * Counting with the per-key resident bitmaps (docs/adr/0012, migration Migration20261212090000):
 * every condition whose values the bitmaps hold becomes one bit expression per chunk of 8,192
 * residents, AND-ed with the friends (following) and summed with bit_count. Options, "has a value",
 * integer numbers, channels, date ranges and who opened a delivery's links (docs/adr/0016) are
 * held; tags, follow dates, languages, form answers and who answered a delivery's form are not, and
 * a tree with any of them is counted in SQL (compile.ts).
 *
 * Date ranges (ages on the send day, dates between) are whole years and whole months OR-ed from
 * their bitmaps, and the days of the partial months at either end read exactly from the dates
 * B-tree. A number range is the OR of its integer values' bitmaps; a count that meets a friend whose
 * value for that attribute has no bitmap of its own (not an integer, or beyond ±1000) says so, and
 * the caller counts in SQL instead.
 */
export interface BitmapCountQuery {
  sql: string;
  params: unknown[];
}

type KeyKind = 'OPTION' | 'CHANNEL' | 'HAS' | 'NUMBER' | 'NUMBER_OTHER' | 'MONTH' | 'YEAR' | 'CLICKED';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const NO_CHANNEL = '00000000-0000-0000-0000-000000000000';

interface KeySpec {
  operand: number;
  kind: KeyKind;
  attributeId: number;
  channelId: string;
  lo: number;
  hi: number;
}

interface EdgeSpec {
  operand: number;
  attributeId: number;
  from: string;
  to: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const partsOf = (day: string) => day.split('-').map(Number) as [number, number, number];
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthIndex = (y: number, m: number) => y * 12 + m - 1;

function nextDay(day: string): string {
  const [y, m, d] = partsOf(day);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return iso(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

/**
 * An inclusive date range as the bitmaps hold it: whole years, whole months, and the edge days that
 * the dates B-tree answers. `null` is open.
 */
export function dateRangeParts(
  from: string | null,
  to: string | null,
): { days: Array<[string, string]>; months: Array<[number, number]>; years: Array<[number, number]> } {
  const days: Array<[string, string]> = [];
  const months: Array<[number, number]> = [];
  const years: Array<[number, number]> = [];
  if (from !== null && to !== null && from > to) return { days, months, years };
  // [fy, fm] .. [ty, tm]: the whole months left once the partial ones are taken off either end.
  let first: [number, number] | null = null;
  let last: [number, number] | null = null;
  if (from !== null) {
    const [y, m, d] = partsOf(from);
    if (d === 1) first = [y, m];
    else {
      const end = iso(y, m, daysIn(y, m));
      if (to !== null && to <= end) return { days: [[from, to]], months, years };
      days.push([from, end]);
      first = m === 12 ? [y + 1, 1] : [y, m + 1];
    }
  }
  if (to !== null) {
    const [y, m, d] = partsOf(to);
    if (d === daysIn(y, m)) last = [y, m];
    else {
      days.push([iso(y, m, 1), to]);
      last = m === 1 ? [y - 1, 12] : [y, m - 1];
    }
  }
  const lo = first ? monthIndex(...first) : INT_MIN;
  const hi = last ? monthIndex(...last) : INT_MAX;
  if (lo > hi) return { days, months, years };
  // Whole years between: from the first January on or after `first` to the last December on or before `last`.
  const fy = first ? (first[1] === 1 ? first[0] : first[0] + 1) : INT_MIN;
  const ty = last ? (last[1] === 12 ? last[0] : last[0] - 1) : INT_MAX;
  if (fy > ty) {
    months.push([lo, hi]);
    return { days, months, years };
  }
  years.push([fy, ty]);
  if (first && first[1] !== 1) months.push([lo, monthIndex(fy, 1) - 1]);
  if (last && last[1] !== 12) months.push([monthIndex(ty + 1, 1), hi]);
  return { days, months, years };
}

/** Integers a number range holds, for the key values; null when none. */
function integerRange(min: number | null, max: number | null): [number, number] | null {
  const lo = min === null ? INT_MIN : Math.max(Math.ceil(min), INT_MIN);
  const hi = max === null ? INT_MAX : Math.min(Math.floor(max), INT_MAX);
  return lo > hi ? null : [lo, hi];
}

/**
 * The bitmap count of a resolved condition for `day` (Asia/Tokyo), friends only and, with
 * `channelId`, of that channel only; null when the tree has a condition the bitmaps do not hold.
 * The statement returns `n`, `unsure` (friends whose number has no bitmap of its own: count in SQL)
 * and `pending` (this transaction has bitmap changes not yet applied: count in SQL).
 */
export function compileBitmapCount(condition: ResolvedCondition, day: string, channelId: string | null): BitmapCountQuery | null {
  const keys: KeySpec[] = [];
  const edges: EdgeSpec[] = [];
  const guards: number[] = [];
  let operands = 1; // o0: the friends (key -1, fixed by the migration)
  const operand = () => operands++;
  const leaf = (o: number) => `coalesce(o${o}, z)`;
  const spec = (o: number, kind: KeyKind, attributeId: number, lo: number, hi: number, channel = NO_CHANNEL) =>
    keys.push({ operand: o, kind, attributeId, channelId: channel, lo, hi });

  const dates = (attributeId: number, from: string | null, to: string | null): string => {
    const o = operand();
    const parts = dateRangeParts(from, to);
    for (const [lo, hi] of parts.years) spec(o, 'YEAR', attributeId, lo, hi);
    for (const [lo, hi] of parts.months) spec(o, 'MONTH', attributeId, lo, hi);
    for (const [lo, hi] of parts.days) edges.push({ operand: o, attributeId, from: lo, to: hi });
    return leaf(o);
  };

  const expr = (c: ResolvedCondition): string | null => {
    switch (c.type) {
      case 'all':
      case 'any': {
        const parts = c.conditions.map(expr);
        if (parts.some((p) => p === null)) return null;
        return `(${parts.join(c.type === 'all' ? ' & ' : ' | ')})`;
      }
      case 'not': {
        const inner = expr(c.condition);
        return inner === null ? null : `(~${inner})`;
      }
      case 'options': {
        const o = operand();
        for (const id of c.optionIds) spec(o, 'OPTION', 0, id, id);
        return leaf(o);
      }
      case 'hasValue': {
        const o = operand();
        spec(o, 'HAS', c.attributeId, 0, 0);
        return leaf(o);
      }
      case 'number': {
        const o = operand();
        const range = integerRange(c.min, c.max);
        if (range) spec(o, 'NUMBER', c.attributeId, range[0], range[1]);
        const guard = operand();
        spec(guard, 'NUMBER_OTHER', c.attributeId, 0, 0);
        guards.push(guard);
        return leaf(o);
      }
      case 'age': {
        // Born after `after` (exclusive) and on or before `onOrBefore`, as compile.ts tests them.
        const { after, onOrBefore } = birthDateBounds(day, c.min, c.max);
        return dates(c.attributeId, after === null ? null : nextDay(after), onOrBefore);
      }
      case 'dates':
        return dates(c.attributeId, c.from, c.to);
      case 'channel': {
        const o = operand();
        spec(o, 'CHANNEL', 0, 0, 0, c.channelId);
        return leaf(o);
      }
      case 'engagement': {
        // Who opened a link of the delivery (Migration20261217100000: a CLICKED key per delivery).
        if (c.action !== 'clicked' && c.action !== 'notClicked') return null;
        const o = operand();
        spec(o, 'CLICKED', 0, 0, 0, c.deliveryId.toLowerCase());
        return c.action === 'clicked' ? leaf(o) : `(~${leaf(o)})`;
      }
      case 'tag':
      case 'followed':
      case 'language':
      case 'formAnswer':
        return null;
    }
  };

  const tree = expr(condition);
  if (tree === null) return null;
  let friends = 'o0';
  if (channelId) {
    const o = operand();
    spec(o, 'CHANNEL', 0, 0, 0, channelId.toLowerCase());
    friends = `o0 & ${leaf(o)}`;
  }
  const columns = Array.from({ length: operands }, (_, i) => `bit_or(bits) filter (where operand = ${i}) as o${i}`);
  const unsure = guards.length ? `coalesce(sum(bit_count(o0 & (${guards.map(leaf).join(' | ')}))), 0)::int` : '0';
  const list = (values: ReadonlyArray<string | number>) => `{${values.join(',')}}`;
  return {
    sql: `with spec(operand, kind, attribute_id, channel_id, lo, hi) as (
            select * from unnest(?::int[], ?::text[], ?::int[], ?::uuid[], ?::int[], ?::int[])),
          keys(operand, key) as (
            select operand, lo from spec where kind = 'OPTION'
            union all
            select s.operand, k.id from spec s join segment_bitmap_key k
              on k.kind = s.kind and k.attribute_id = s.attribute_id and k.channel_id = s.channel_id and k.value between s.lo and s.hi),
          edge(operand, attribute_id, lo, hi) as (select * from unnest(?::int[], ?::int[], ?::date[], ?::date[])),
          zero(z) as (select b'0'::bit(8192)::bit varying),
          part(operand, chunk, bits) as (
            -- each key's rows through the primary key, whatever the statistics say
            select k.operand, b.chunk, b.bits from keys k
              cross join lateral (select b.chunk, b.bits from segment_bitmap b where b.option_id = k.key offset 0) b
            union all
            select operand, n >> 13, bit_or(set_bit((select z from zero), n & 8191, 1))
              -- the residents of a few days: each number looked up by its index, never a scan of them all
              from (select e.operand, (select s.n from segment_resident s where s.resident_id = x.resident_id) as n
                      from edge e join resident_attribute_date x on x.attribute_id = e.attribute_id and x.value between e.lo and e.hi
                    offset 0) x
             where n is not null
             group by operand, n >> 13),
          chunks as (select chunk, ${columns.join(', ')} from part group by chunk)
          select coalesce(sum(bit_count(${friends} & ${tree})), 0)::int as n, ${unsure} as unsure,
                 case when txid_current_if_assigned() is null then false
                      else exists (select 1 from segment_bitmap_pending where xid = txid_current_if_assigned()) end as pending
            from chunks, zero where o0 is not null`,
    params: [
      list([0, ...keys.map((k) => k.operand)]),
      list(['FOLLOWING', ...keys.map((k) => k.kind)]),
      list([0, ...keys.map((k) => k.attributeId)]),
      list([NO_CHANNEL, ...keys.map((k) => k.channelId)]),
      list([0, ...keys.map((k) => k.lo)]),
      list([0, ...keys.map((k) => k.hi)]),
      list(edges.map((e) => e.operand)),
      list(edges.map((e) => e.attributeId)),
      list(edges.map((e) => e.from)),
      list(edges.map((e) => e.to)),
    ],
  };
}
