import type { EntityManager } from '@mikro-orm/postgresql';
import { departmentScope } from '../../platform/context/actor.js';
import type { ServiceContext } from '../../platform/context/context.js';
import { badInput, preconditionFailed } from '../../platform/errors/app-error.js';
import { withinJsonLimits } from '../../platform/graphql/json-object.js';
import { LineChannel } from '../channels/index.js';
import { Department } from '../identity/index.js';
import { usesResidentVariables, validateMessages } from '../messages/index.js';
import type { DeliveryVariant } from './delivery.entity.js';

/**
 * What step plans and imported deliveries share with DeliveryService when they are created: the
 * owning department, the channel, and language variants checked by the same rules.
 */

/** Languages a delivery may carry a variant for (beyond the specs): residents' LIFF languages plus やさしい日本語. */
export const VARIANT_LANGUAGES: Readonly<Record<string, string>> = {
  ja: '日本語',
  'ja-easy': 'やさしい日本語',
  en: 'English',
  zh: '中文',
  ko: '한국어',
  vi: 'Tiếng Việt',
  pt: 'Português',
  tl: 'Tagalog',
  ne: 'नेपाली',
};

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The department that will own the new record: the actor's own by default, never one outside their scope. */
export async function owningDepartment(ctx: ServiceContext, departmentId: string | null, field = 'departmentId'): Promise<Department> {
  const actor = ctx.actor;
  const own = actor.kind === 'staff' ? actor.departmentId : actor.kind === 'apiKey' ? actor.departmentId : null;
  const id = departmentId ?? own;
  if (!id) throw badInput({ [field]: '配信を持つ部署を選んでください。' });
  const scope = departmentScope(actor);
  if (!UUID.test(id) || (scope !== 'all' && !scope.includes(id))) throw badInput({ [field]: '所属していない部署は選べません。' });
  const department = await ctx.em.findOne(Department, { id });
  if (!department) throw badInput({ [field]: '部署が見つかりません。' });
  return department;
}

/** The channel named, or the first active one. */
export async function deliveryChannel(em: EntityManager, channelId: string | null, field = 'channelId'): Promise<LineChannel> {
  const channel = channelId && UUID.test(channelId) ? await em.findOne(LineChannel, { id: channelId }) : null;
  if (channelId && !channel) throw badInput({ [field]: 'LINEチャネルが見つかりません。' });
  if (channel) return channel;
  const channels = await em.find(LineChannel, { isActive: true }, { orderBy: { purpose: 'asc', createdAt: 'asc' } });
  const first = channels[0];
  if (!first) throw preconditionFailed('LINEチャネルが登録されていません。先にチャネルを登録してください。', 'NO_CHANNEL');
  return first;
}

/**
 * Language variants checked as DeliveryService checks a delivery's: a known language at most once,
 * `ja` always, messages within LINE's limits (validateMessages), and no resident variables (one
 * multicast carries the same words to up to 500 friends). Problems go into `fields` under `path`.
 */
export function checkVariants(
  raw: unknown,
  path: string,
  fields: Record<string, string>,
  kind: 'セグメント配信' | 'ステップ配信' = 'ステップ配信',
): DeliveryVariant[] | null {
  if (!withinJsonLimits(raw) || !Array.isArray(raw)) {
    fields[path] = '配信内容の形式が正しくありません。';
    return null;
  }
  const before = Object.keys(fields).length;
  const variants: DeliveryVariant[] = [];
  const seen = new Set<string>();
  raw.forEach((item: unknown, i) => {
    const v = (typeof item === 'object' && item !== null ? item : {}) as { language?: unknown; messages?: unknown };
    const language = typeof v.language === 'string' ? v.language : '';
    if (!Object.hasOwn(VARIANT_LANGUAGES, language)) {
      fields[`${path}.${i}.language`] = '対応していない言語です。';
      return;
    }
    const label = VARIANT_LANGUAGES[language]!;
    if (seen.has(language)) {
      fields[`${path}.${i}.language`] = `${label}の内容が重複しています。`;
      return;
    }
    seen.add(language);
    const checked = validateMessages(v.messages);
    if (!checked.ok) {
      for (const p of checked.problems) fields[`${path}.${i}.${p.path}`] ??= `${label}: ${p.message}`;
      return;
    }
    if (usesResidentVariables(checked.messages)) {
      fields[`${path}.${i}.messages`] =
        `${label}: ${kind}では差し込み項目（表示名など）は使えません。同じ内容を最大500人にまとめて送るためです。`;
      return;
    }
    variants.push({ language, messages: checked.messages });
  });
  if (!seen.has('ja')) fields[path] ??= '日本語の内容は必ず入力してください（ほかの言語の住民にも、その言語がなければ日本語が届きます）。';
  if (Object.keys(fields).length > before) return null;
  return variants.sort((a, b) => (a.language === 'ja' ? -1 : b.language === 'ja' ? 1 : a.language.localeCompare(b.language)));
}
