import type { ServiceContext } from '../../platform/context/context.js';
import { requirePermission } from '../../platform/auth/require.js';
import { scopedSql } from '../../platform/db/scoped-sql.js';
import { badInput, notFound } from '../../platform/errors/app-error.js';
import { answerFields } from './answers-view.js';
import type { FormField } from './engine/index.js';
import { Form, FormVersion } from './form.entity.js';
import { UUID } from './form.service.js';

const TEXT_LIMIT = 200;

export interface QuestionSummaryView {
  fieldId: string;
  label: string;
  type: string;
  answered: number;
  options: Array<{ optionId: string; label: string; count: number; percent: number }>;
  texts: string[];
  average: number | null;
}

/** A yes/no or consent answer's two options, as summaries show them (`answers->>id` is 'true' or 'false'). */
export function booleanOptions(type: 'yesNo' | 'consent'): Array<{ optionId: 'true' | 'false'; label: string }> {
  return type === 'yesNo'
    ? [
        { optionId: 'true', label: 'はい' },
        { optionId: 'false', label: 'いいえ' },
      ]
    : [
        { optionId: 'true', label: '同意する' },
        { optionId: 'false', label: '同意しない' },
      ];
}

/**
 * The form a summary reads (NOT_FOUND when it does not exist or is outside the actor's
 * departments, as formSummary and formTrend both answer) and the questions residents answer:
 * those of the chosen version, or of the latest one with fields only older versions had after it.
 */
export async function summarisedForm(
  ctx: ServiceContext,
  formId: string,
  versionId: string | null,
): Promise<{ form: Form; fields: FormField[] }> {
  requirePermission(ctx.actor, 'forms.submissions.read');
  const form = UUID.test(formId) ? await ctx.em.findOne(Form, { id: formId }) : null;
  if (!form) throw notFound('フォーム');
  const versions = await ctx.em.find(FormVersion, { form: form.id }, { orderBy: { number: 'desc' } });
  const chosen = versionId ? versions.filter((v) => v.id === versionId) : versions;
  if (versionId && !chosen.length) throw notFound('フォームの版');
  const fields: FormField[] = [];
  const seen = new Set<string>();
  for (const v of chosen) for (const f of answerFields(v.definition, 'resident')) if (!seen.has(f.id) && seen.add(f.id)) fields.push(f);
  return { form, fields };
}

/**
 * Only the answers one delivery run's form card brought (one round of a survey sent by delivery),
 * when asked: BAD_USER_INPUT on `deliveryRunId` for what is not an id. `sql(prefix)` is the clause.
 */
export function deliveryRunFilter(deliveryRunId: string | null): { sql: (prefix: string) => string; params: string[] } {
  if (deliveryRunId === null) return { sql: () => '', params: [] };
  if (!UUID.test(deliveryRunId)) throw badInput({ deliveryRunId: '配信の回の指定が正しくありません。' });
  return { sql: (prefix) => ` and ${prefix}delivery_run_id = ?::uuid`, params: [deliveryRunId.toLowerCase()] };
}

/**
 * FORM-11: counts and percentages per option, the average of numbers, the latest free texts and
 * submissions per day, computed in PostgreSQL over the non-personal JSONB answers (personal
 * answers are encrypted and never summarised). Questions come from the chosen version, or from
 * the latest one (fields only older versions had are added after it).
 */
export async function formSummary(ctx: ServiceContext, formId: string, versionId: string | null, deliveryRunId: string | null = null) {
  const { form, fields } = await summarisedForm(ctx, formId, versionId);
  const run = deliveryRunFilter(deliveryRunId);
  const scopeParams = [form.id, ...(versionId ? [versionId] : []), ...run.params];
  const where = `{{scope:department_id}} and form_id = ?${versionId ? ' and version_id = ?' : ''}${run.sql('')}`;
  const [{ total } = { total: 0 }] = await scopedSql<{ total: number }>(
    ctx,
    `select count(*)::int as total from form_submission where ${where}`,
    scopeParams,
  );
  const perDay = await scopedSql<{ day: string; count: number }>(
    ctx,
    `select to_char(submitted_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD') as day, count(*)::int as count
       from form_submission where ${where} group by 1 order by 1`,
    scopeParams,
  );

  const questions: QuestionSummaryView[] = [];
  for (const field of fields) {
    const base: QuestionSummaryView = {
      fieldId: field.id,
      label: field.label,
      type: field.type,
      answered: 0,
      options: [],
      texts: [],
      average: null,
    };
    if (field.personal) {
      questions.push(base);
      continue;
    }
    const [{ answered } = { answered: 0 }] = await scopedSql<{ answered: number }>(
      ctx,
      `select count(*)::int as answered from form_submission where ${where} and jsonb_exists(answers, ?)`,
      [...scopeParams, field.id],
    );
    base.answered = answered;
    const percent = (count: number) => (answered ? Math.round((count / answered) * 1000) / 10 : 0);
    switch (field.type) {
      case 'singleChoice':
      case 'multipleChoice': {
        const rows = await scopedSql<{ key: string; count: number }>(
          ctx,
          field.type === 'singleChoice'
            ? `select answers->>? as key, count(*)::int as count from form_submission where ${where} and jsonb_exists(answers, ?) group by 1`
            : `select e as key, count(*)::int as count from form_submission,
                 jsonb_array_elements_text(case when jsonb_typeof(answers->?) = 'array' then answers->? else '[]'::jsonb end) e
               where ${where} group by 1`,
          field.type === 'singleChoice' ? [field.id, ...scopeParams, field.id] : [field.id, field.id, ...scopeParams],
        );
        const counts = new Map(rows.map((r) => [r.key, r.count]));
        base.options = field.options.map((o) => ({
          optionId: o.id,
          label: o.label,
          count: counts.get(o.id) ?? 0,
          percent: percent(counts.get(o.id) ?? 0),
        }));
        for (const [key, count] of counts)
          if (!field.options.some((o) => o.id === key)) base.options.push({ optionId: key, label: key, count, percent: percent(count) });
        break;
      }
      case 'yesNo':
      case 'consent': {
        const rows = await scopedSql<{ key: string; count: number }>(
          ctx,
          `select answers->>? as key, count(*)::int as count from form_submission where ${where} and jsonb_exists(answers, ?) group by 1`,
          [field.id, ...scopeParams, field.id],
        );
        base.options = booleanOptions(field.type).map(({ optionId, label }) => {
          const count = rows.find((r) => r.key === optionId)?.count ?? 0;
          return { optionId, label, count, percent: percent(count) };
        });
        break;
      }
      case 'number': {
        const [row] = await scopedSql<{ average: string | null }>(
          ctx,
          `select avg((answers->>?)::numeric) as average from form_submission where ${where} and jsonb_typeof(answers->?) = 'number'`,
          [field.id, ...scopeParams, field.id],
        );
        base.average = row?.average === null || row?.average === undefined ? null : Math.round(Number(row.average) * 100) / 100;
        break;
      }
      case 'text': {
        const rows = await scopedSql<{ text: string }>(
          ctx,
          `select answers->>? as text from form_submission where ${where} and jsonb_typeof(answers->?) = 'string'
            order by submitted_at desc, id desc limit ${TEXT_LIMIT}`,
          [field.id, ...scopeParams, field.id],
        );
        base.texts = rows.map((r) => r.text);
        break;
      }
      case 'email':
      case 'phone':
      case 'postalCode':
      case 'date':
      case 'dateList':
      case 'time':
      case 'file':
      case 'heading':
      case 'paragraph':
        break;
    }
    questions.push(base);
  }
  return { formId: form.id, total, questions, perDay };
}
