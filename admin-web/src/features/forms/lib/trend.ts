import type { FormTrendQuery } from '../../../gql/graphql';

type Trend = FormTrendQuery['formTrend'];
export type TrendBucket = Trend['periods'][number];
export type TrendQuestion = Trend['questions'][number];
type TrendOption = TrendQuestion['points'][number]['options'][number];

export interface AverageRow {
  key: string;
  label: string;
  answered: number;
  /** null for a period without answers: the line leaves a gap there rather than falling to 0. */
  average: number | null;
}

/** A number question's rows: one per period, in order (the server sends one point per period). */
export function averageRows(question: TrendQuestion, periods: readonly TrendBucket[]): AverageRow[] {
  return periods.map((p, i) => ({
    key: p.key,
    label: p.label,
    answered: question.points[i]?.answered ?? 0,
    average: question.points[i]?.average ?? null,
  }));
}

export interface ShareRow {
  key: string;
  label: string;
  answered: number;
  options: readonly TrendOption[];
}

/** A choice question's rows: one per period, each with every option's count and share. */
export function shareRows(question: TrendQuestion, periods: readonly TrendBucket[]): ShareRow[] {
  return periods.map((p, i) => ({
    key: p.key,
    label: p.label,
    answered: question.points[i]?.answered ?? 0,
    options: question.points[i]?.options ?? [],
  }));
}

/** The stacked bars' data: per period, `o0`, `o1`, … the share (percent) of each option, in the options' order. */
export function stackedShares(rows: readonly ShareRow[]): Array<Record<string, string | number>> {
  return rows.map((r) => ({ name: r.label, ...Object.fromEntries(r.options.map((o, j) => [`o${j}`, o.percent])) }));
}
