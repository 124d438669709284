import type { ServiceContext } from '../../platform/context/context.js';
import { scopedSql } from '../../platform/db/scoped-sql.js';
import { badInput } from '../../platform/errors/app-error.js';
import type { FormField } from './engine/index.js';
import { booleanOptions, deliveryRunFilter, summarisedForm } from './form-summary.js';
import { FormTrendPeriod } from './forms.enums.js';

/** Periods one trend may span: ten years of months, thirty of quarters. */
export const MAX_TREND_PERIODS = 120;

export interface TrendPeriodView {
  /** `2026-04` for a month, `FY2026-Q1` for a fiscal quarter. */
  key: string;
  /** 2026年4月, 2026年度 第1四半期 */
  label: string;
  /** The first and last day, `YYYY-MM-DD` in Asia/Tokyo. */
  startsOn: string;
  endsOn: string;
  total: number;
}

export interface TrendPointView {
  periodKey: string;
  answered: number;
  average: number | null;
  options: Array<{ optionId: string; label: string; count: number; percent: number }>;
}

export interface TrendQuestionView {
  fieldId: string;
  label: string;
  type: string;
  /** One per period, in the periods' order. */
  points: TrendPointView[];
}

export interface FormTrendView {
  formId: string;
  period: FormTrendPeriod;
  periods: TrendPeriodView[];
  questions: TrendQuestionView[];
}

type TrendField = Extract<FormField, { type: 'number' | 'singleChoice' | 'multipleChoice' | 'yesNo' | 'consent' }>;

/** The questions a trend follows: numbers (their average) and choices (their distribution), never personal ones. */
function isTrendField(field: FormField): field is TrendField {
  if (field.personal) return false;
  switch (field.type) {
    case 'number':
    case 'singleChoice':
    case 'multipleChoice':
    case 'yesNo':
    case 'consent':
      return true;
    case 'text':
    case 'email':
    case 'phone':
    case 'postalCode':
    case 'date':
    case 'dateList':
    case 'time':
    case 'file':
    case 'heading':
    case 'paragraph':
      return false;
  }
}

/**
 * The first moment of the period an instant falls in, on the Tokyo wall clock. A fiscal quarter is
 * the calendar quarter three months earlier, moved back: April–June is 1–3月's quarter plus three months.
 */
function periodStart(period: FormTrendPeriod, at: string): string {
  switch (period) {
    case FormTrendPeriod.MONTH:
      return `date_trunc('month', ${at} at time zone 'Asia/Tokyo')`;
    case FormTrendPeriod.QUARTER:
      return `(date_trunc('quarter', (${at} at time zone 'Asia/Tokyo') - interval '3 months') + interval '3 months')`;
  }
}

const STEP: Record<FormTrendPeriod, string> = {
  [FormTrendPeriod.MONTH]: `interval '1 month'`,
  [FormTrendPeriod.QUARTER]: `interval '3 months'`,
};

/** A period's key and label from its first day. */
function describePeriod(period: FormTrendPeriod, startsOn: string): { key: string; label: string } {
  const [year, month] = startsOn.split('-').map(Number) as [number, number];
  if (period === FormTrendPeriod.MONTH) return { key: startsOn.slice(0, 7), label: `${year}年${month}月` };
  const fiscalYear = month >= 4 ? year : year - 1;
  const quarter = Math.floor(((month + 8) % 12) / 3) + 1;
  return { key: `FY${fiscalYear}-Q${quarter}`, label: `${fiscalYear}年度 第${quarter}四半期` };
}

/**
 * FORM-20: a form's answers per month or per fiscal quarter (Asia/Tokyo) — how many came in, and
 * for each non-personal number question the average, for each choice question the distribution —
 * so a survey asked periodically becomes a report of how opinion moves. Counted in PostgreSQL over
 * the JSONB answers of every version (questions as formSummary lists them), within the actor's
 * departments; `from` is inclusive, `to` exclusive, and the periods run without gaps from the one
 * holding `from` (or the first answer) to the one holding the end (or the last answer).
 */
export async function formTrend(
  ctx: ServiceContext,
  formId: string,
  period: FormTrendPeriod,
  from: Date | null,
  to: Date | null,
  deliveryRunId: string | null = null,
): Promise<FormTrendView> {
  const { form, fields } = await summarisedForm(ctx, formId, null);
  const run = deliveryRunFilter(deliveryRunId);
  if (from && to && from >= to) throw badInput({ to: '集計の終わりは始まりより後にしてください。' });

  const start = (at: string) => periodStart(period, at);
  // Each statement reads one form's submissions within the window and the actor's departments.
  const inWindow = (s: string) =>
    `{{scope:${s}department_id}} and ${s}form_id = ? and ${s}submitted_at >= coalesce(?::timestamptz, '-infinity')
       and ${s}submitted_at < coalesce(?::timestamptz, 'infinity')${run.sql(s)}`;
  const where = inWindow('');
  const whereParams = [form.id, from, to, ...run.params];

  const rows = await scopedSql<{ starts_on: string; ends_on: string; total: number }>(
    ctx,
    `with bounds as (
       select coalesce(?::timestamptz, min(submitted_at), ?::timestamptz - interval '1 microsecond') as lo,
              coalesce(?::timestamptz - interval '1 microsecond', max(submitted_at), ?::timestamptz) as hi
         from form_submission where ${where}
     ), series as (
       select p from bounds, generate_series(${start('bounds.lo')}, ${start('bounds.hi')}, ${STEP[period]}) p
       limit ${MAX_TREND_PERIODS + 1}
     )
     select to_char(series.p, 'YYYY-MM-DD') as starts_on,
            to_char(series.p + ${STEP[period]} - interval '1 day', 'YYYY-MM-DD') as ends_on,
            count(s.id)::int as total
       from series
       left join form_submission s on ${inWindow('s.')} and ${start('s.submitted_at')} = series.p
      group by series.p order by series.p`,
    [from, to, to, from, ...whereParams, ...whereParams],
  );
  if (rows.length > MAX_TREND_PERIODS)
    throw badInput({ from: `一度に集計できるのは${MAX_TREND_PERIODS}期間までです。期間を短くしてください。` });
  const periods: TrendPeriodView[] = rows.map((r) => ({
    ...describePeriod(period, r.starts_on),
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    total: r.total,
  }));

  const trendFields = fields.filter(isTrendField);
  const ids = (pick: (f: TrendField) => boolean) => JSON.stringify(trendFields.filter(pick).map((f) => f.id));
  const perPeriod = `to_char(${start('submitted_at')}, 'YYYY-MM-DD')`;
  const [answered, averages, singles, multiples] = trendFields.length
    ? await Promise.all([
        scopedSql<{ starts_on: string; field_id: string; answered: number }>(
          ctx,
          `select ${perPeriod} as starts_on, f.field_id, count(*)::int as answered
             from form_submission, jsonb_array_elements_text(?::jsonb) f(field_id)
            where ${where} and jsonb_exists(answers, f.field_id) group by 1, 2`,
          [ids(() => true), ...whereParams],
        ),
        scopedSql<{ starts_on: string; field_id: string; average: string }>(
          ctx,
          `select ${perPeriod} as starts_on, f.field_id, round(avg((answers->>f.field_id)::numeric), 2) as average
             from form_submission, jsonb_array_elements_text(?::jsonb) f(field_id)
            where ${where} and jsonb_typeof(answers->f.field_id) = 'number' group by 1, 2`,
          [ids((f) => f.type === 'number'), ...whereParams],
        ),
        scopedSql<{ starts_on: string; field_id: string; key: string; count: number }>(
          ctx,
          `select ${perPeriod} as starts_on, f.field_id, answers->>f.field_id as key, count(*)::int as count
             from form_submission, jsonb_array_elements_text(?::jsonb) f(field_id)
            where ${where} and jsonb_exists(answers, f.field_id) group by 1, 2, 3`,
          [ids((f) => f.type === 'singleChoice' || f.type === 'yesNo' || f.type === 'consent'), ...whereParams],
        ),
        scopedSql<{ starts_on: string; field_id: string; key: string; count: number }>(
          ctx,
          `select ${perPeriod} as starts_on, f.field_id, e as key, count(*)::int as count
             from form_submission, jsonb_array_elements_text(?::jsonb) f(field_id),
                  jsonb_array_elements_text(case when jsonb_typeof(answers->f.field_id) = 'array' then answers->f.field_id else '[]'::jsonb end) e
            where ${where} group by 1, 2, 3`,
          [ids((f) => f.type === 'multipleChoice'), ...whereParams],
        ),
      ])
    : [[], [], [], []];

  const cell = (fieldId: string, startsOn: string) => `${fieldId}\u0000${startsOn}`;
  const answeredBy = new Map(answered.map((r) => [cell(r.field_id, r.starts_on), r.answered]));
  const averageBy = new Map(averages.map((r) => [cell(r.field_id, r.starts_on), Number(r.average)]));
  const countsBy = new Map<string, Map<string, number>>();
  const seenKeys = new Map<string, Set<string>>();
  for (const r of [...singles, ...multiples]) {
    const at = cell(r.field_id, r.starts_on);
    countsBy.set(at, (countsBy.get(at) ?? new Map<string, number>()).set(r.key, r.count));
    seenKeys.set(r.field_id, (seenKeys.get(r.field_id) ?? new Set<string>()).add(r.key));
  }

  const questions = trendFields.map((field): TrendQuestionView => {
    const known =
      field.type === 'number'
        ? []
        : field.type === 'yesNo' || field.type === 'consent'
          ? booleanOptions(field.type)
          : field.options.map((o) => ({ optionId: o.id, label: o.label }));
    // Answers to options a later version removed are still counted, under their ids.
    const unknown = [...(seenKeys.get(field.id) ?? [])]
      .filter((key) => !known.some((o) => o.optionId === key))
      .sort()
      .map((key) => ({ optionId: key, label: key }));
    return {
      fieldId: field.id,
      label: field.label,
      type: field.type,
      points: periods.map((p) => {
        const at = cell(field.id, p.startsOn);
        const count = answeredBy.get(at) ?? 0;
        const counts = countsBy.get(at);
        return {
          periodKey: p.key,
          answered: count,
          average: field.type === 'number' ? (averageBy.get(at) ?? null) : null,
          options: [...known, ...unknown].map((o) => {
            const n = counts?.get(o.optionId) ?? 0;
            return { ...o, count: n, percent: count ? Math.round((n / count) * 1000) / 10 : 0 };
          }),
        };
      }),
    };
  });
  return { formId: form.id, period, periods, questions };
}
