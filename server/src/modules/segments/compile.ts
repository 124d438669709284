import { birthDateBounds, type ResolvedCondition } from './condition.js';

/**
 * A compiled condition: a boolean SQL expression over `r` (resident) and `d` (its
 * resident_attribute_doc, which every resident has: an insert trigger creates it), and its parameters.
 */
export interface CompiledCondition {
  sql: string;
  params: unknown[];
}

/**
 * Compiles a resolved condition to one SQL expression that is never NULL (so `not` is exact).
 * Subtrees made only of option tests become one intarray `query_int` (`d.options @@ '12 & (13 | 14)
 * & !15'`), answered by the GIN index in one bitmap scan (docs/adr/0012). Ages are birth-date
 * ranges for `day` (the send day, Asia/Tokyo) on the dates side table's B-tree.
 */
export function compileCondition(condition: ResolvedCondition, day: string): CompiledCondition {
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return '?';
  };

  const optionQuery = (c: ResolvedCondition): string | null => {
    switch (c.type) {
      case 'options':
        return c.optionIds.length === 1 ? String(c.optionIds[0]) : `(${c.optionIds.join(' | ')})`;
      case 'all':
      case 'any': {
        const parts = c.conditions.map(optionQuery);
        if (parts.some((p) => p === null)) return null;
        return parts.length === 1 ? parts[0]! : `(${parts.join(c.type === 'all' ? ' & ' : ' | ')})`;
      }
      case 'not': {
        const inner = optionQuery(c.condition);
        return inner === null ? null : `!${inner}`;
      }
      default:
        return null;
    }
  };

  const expr = (c: ResolvedCondition): string => {
    const options = c.type === 'options' || c.type === 'all' || c.type === 'any' || c.type === 'not' ? optionQuery(c) : null;
    if (options !== null) return `(d.options @@ ${bind(options)}::query_int)`;
    switch (c.type) {
      case 'all':
        return `(${c.conditions.map(expr).join(' and ')})`;
      case 'any':
        return `(${c.conditions.map(expr).join(' or ')})`;
      case 'not':
        return `(not ${expr(c.condition)})`;
      case 'options':
        throw new Error('unreachable: option tests compile to query_int');
      case 'hasValue':
        return `(d.attribute_ids @> array[${bind(c.attributeId)}::int])`;
      case 'number': {
        // Each use binds its own parameter: placeholders are positional.
        const value = () => `(d.numbers ->> ${bind(String(c.attributeId))})::float8`;
        const bounds = [
          ...(c.min !== null ? [`${value()} >= ${bind(c.min)}::float8`] : []),
          ...(c.max !== null ? [`${value()} <= ${bind(c.max)}::float8`] : []),
        ];
        return `coalesce(${bounds.join(' and ')}, false)`;
      }
      case 'age': {
        const { after, onOrBefore } = birthDateBounds(day, c.min, c.max);
        return datesExists(c.attributeId, after, '>', onOrBefore, '<=');
      }
      case 'dates':
        return datesExists(c.attributeId, c.from, '>=', c.to, '<=');
      case 'tag':
        return `(${bind(c.tag)}::text = any(r.tags))`;
      case 'followed': {
        const day_ = `(r.followed_at at time zone 'Asia/Tokyo')::date`;
        const bounds = [
          ...(c.from !== null ? [`${day_} >= ${bind(c.from)}::date`] : []),
          ...(c.to !== null ? [`${day_} <= ${bind(c.to)}::date`] : []),
        ];
        return `coalesce(${bounds.join(' and ')}, false)`;
      }
      case 'channel':
        return `coalesce(r.channel_id = ${bind(c.channelId)}::uuid, false)`;
      case 'language':
        return `(r.language = ${bind(c.language)})`;
      case 'formAnswer': {
        const base = `s.resident_id = r.id and s.form_id = ${bind(c.formId)}::uuid`;
        if (c.fieldId === null) return `exists (select 1 from form_submission s where ${base})`;
        if (c.values === null)
          return `exists (select 1 from form_submission s where ${base} and coalesce(s.answers -> ${bind(c.fieldId)}::text <> 'null'::jsonb, false))`;
        // Single choices are stored as a string, multiple choices as a list: both containments, on the GIN index.
        const each = c.values.flatMap((v) => [
          `s.answers @> ${bind(JSON.stringify({ [c.fieldId!]: v }))}::jsonb`,
          `s.answers @> ${bind(JSON.stringify({ [c.fieldId!]: [v] }))}::jsonb`,
        ]);
        return `exists (select 1 from form_submission s where ${base} and (${each.join(' or ')}))`;
      }
      case 'engagement': {
        if (c.action === 'answered' || c.action === 'notAnswered') {
          // Who answered the form through one of the delivery's runs (the forms module records the run a card's link named).
          const answered = `exists (select 1 from form_submission s where s.delivery_id = ${bind(c.deliveryId)}::uuid and s.resident_id = r.id)`;
          return c.action === 'answered' ? answered : `(not ${answered})`;
        }
        // Who opened one of the delivery's links through the LIFF app (the links module's table, on its primary key).
        const clicked = `exists (select 1 from tracked_link_resident_click k where k.owner_type = 'delivery' and k.owner_id = ${bind(c.deliveryId)}::uuid and k.resident_id = r.id)`;
        return c.action === 'clicked' ? clicked : `(not ${clicked})`;
      }
    }
  };

  const datesExists = (attributeId: number, lo: string | null, loOp: string, hi: string | null, hiOp: string): string => {
    const bounds = [
      `x.attribute_id = ${bind(attributeId)}::int`,
      ...(lo !== null ? [`x.value ${loOp} ${bind(lo)}::date`] : []),
      ...(hi !== null ? [`x.value ${hiOp} ${bind(hi)}::date`] : []),
    ];
    return `exists (select 1 from resident_attribute_date x where x.resident_id = r.id and ${bounds.join(' and ')})`;
  };

  return { sql: expr(condition), params };
}
