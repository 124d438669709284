import type { DefinitionSnapshot } from '../attributes/index.js';
import { birthDateBounds, type ResolvedCondition } from './condition.js';

/**
 * What one resident is, for evaluating a condition in memory: values by attribute id in the
 * attribute service's shape (option keys, 'YYYY-MM-DD' dates, numbers, booleans), tags, follow
 * state, channel, language, their form answers and the deliveries whose links they opened through
 * the LIFF app. Used where one resident's membership is needed
 * (a rich menu re-linked after a change) and as the reference the SQL compiler is tested against.
 */
export interface ResidentFacts {
  values: ReadonlyMap<number, string | readonly string[] | number | boolean>;
  tags: readonly string[];
  channelId: string | null;
  language: string;
  followedOn: string | null;
  /** `deliveryId` (lower case): the delivery whose form card brought the answer, when one did. */
  submissions: ReadonlyArray<{ formId: string; answers: Readonly<Record<string, unknown>>; deliveryId?: string | null }>;
  /** Deliveries (lower-case ids) one of whose links they opened through the LIFF app (docs/adr/0016). */
  clicked: ReadonlySet<string>;
}

/** Evaluates a resolved condition for one resident on `day` (Asia/Tokyo 'YYYY-MM-DD'). */
export function matches(
  condition: ResolvedCondition,
  facts: ResidentFacts,
  definitions: ReadonlyMap<number, DefinitionSnapshot>,
  day: string,
): boolean {
  const eval_ = (c: ResolvedCondition): boolean => {
    switch (c.type) {
      case 'all':
        return c.conditions.every(eval_);
      case 'any':
        return c.conditions.some(eval_);
      case 'not':
        return !eval_(c.condition);
      case 'hasValue':
        return facts.values.has(c.attributeId);
      case 'options': {
        const def = definitions.get(c.attributeId);
        const value = facts.values.get(c.attributeId);
        if (!def || value === undefined) return false;
        const chosen = optionKeysOf(value);
        const wanted = new Set(c.optionIds);
        // An area matches when it or any area above it is wanted.
        const byKey = new Map(def.options.map((o) => [o.key, o]));
        const byId = new Map(def.options.map((o) => [o.id, o]));
        return chosen.some((key) => {
          for (let o = byKey.get(key), depth = 0; o && depth < 50; o = o.parentId ? byId.get(o.parentId) : undefined, depth++)
            if (wanted.has(o.id)) return true;
          return false;
        });
      }
      case 'number': {
        const value = facts.values.get(c.attributeId);
        return typeof value === 'number' && (c.min === null || value >= c.min) && (c.max === null || value <= c.max);
      }
      case 'age': {
        const { after, onOrBefore } = birthDateBounds(day, c.min, c.max);
        return datesOf(facts.values.get(c.attributeId)).some(
          (d) => (after === null || d > after) && (onOrBefore === null || d <= onOrBefore),
        );
      }
      case 'dates':
        return datesOf(facts.values.get(c.attributeId)).some((d) => (c.from === null || d >= c.from) && (c.to === null || d <= c.to));
      case 'tag':
        return facts.tags.includes(c.tag);
      case 'followed':
        return facts.followedOn !== null && (c.from === null || facts.followedOn >= c.from) && (c.to === null || facts.followedOn <= c.to);
      case 'channel':
        return facts.channelId === c.channelId;
      case 'language':
        return facts.language === c.language;
      case 'formAnswer':
        return facts.submissions.some((s) => {
          if (s.formId !== c.formId) return false;
          if (c.fieldId === null) return true;
          const answer = s.answers[c.fieldId];
          if (answer === undefined || answer === null) return false;
          if (c.values === null) return true;
          const given = Array.isArray(answer) ? answer : [answer];
          return given.some((v) => c.values!.includes(v as string));
        });
      case 'engagement':
        switch (c.action) {
          case 'clicked':
          case 'notClicked':
            return facts.clicked.has(c.deliveryId) === (c.action === 'clicked');
          case 'answered':
          case 'notAnswered':
            return facts.submissions.some((s) => s.deliveryId === c.deliveryId) === (c.action === 'answered');
        }
    }
  };
  return eval_(condition);
}

function optionKeysOf(value: string | readonly string[] | number | boolean): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return [...(value as readonly string[])];
  // Yes/no and consent: their fixed option keys.
  if (typeof value === 'boolean') return [value ? 'yes' : 'no', ...(value ? ['given'] : [])];
  return [];
}

function datesOf(value: string | readonly string[] | number | boolean | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return [...(value as readonly string[])];
  return [];
}
