import { badInput } from '../../platform/errors/app-error.js';
import { PublicCommentStatus, type PublicCommentProcedure } from './public-comment.entity.js';

/** Limits of what staff write, checked on the server with Japanese messages. */
export const PUBLIC_COMMENT_LIMITS = {
  title: 200,
  summary: 1000,
  body: 20_000,
  documentTitle: 200,
  groupTitle: 200,
  groupSummary: 5000,
  groupResponse: 10_000,
  introduction: 5000,
  /** Opinions assigned in one go from the list. */
  assignBatch: 500,
} as const;

/** How long after its close a procedure stays on the residents' list (results come months later). */
export const RECENTLY_CLOSED_DAYS = 365;

const length = (text: string) => [...text].length;

/** Trimmed text within its limit; required ones must not be empty. */
export function checkText(field: string, value: string, options: { label: string; max: number; required?: boolean }): string {
  const text = value.replace(/\r\n?/g, '\n').trim();
  if (options.required && !text) throw badInput({ [field]: `${options.label}を入力してください。` });
  if (length(text) > options.max) throw badInput({ [field]: `${options.label}は${options.max}文字以内にしてください。` });
  return text;
}

export function checkPeriod(opensAt: Date, closesAt: Date): void {
  if (Number.isNaN(opensAt.getTime())) throw badInput({ opensAt: '募集開始日時が正しくありません。' });
  if (Number.isNaN(closesAt.getTime())) throw badInput({ closesAt: '募集終了日時が正しくありません。' });
  if (closesAt.getTime() <= opensAt.getTime()) throw badInput({ closesAt: '募集終了日時は開始日時より後にしてください。' });
}

/** Where a procedure stands now (see PublicCommentStatus). */
export function statusOf(
  procedure: Pick<PublicCommentProcedure, 'publishedAt' | 'resultPublishedAt' | 'opensAt' | 'closesAt'>,
  now = new Date(),
) {
  if (!procedure.publishedAt) return PublicCommentStatus.DRAFT;
  if (procedure.resultPublishedAt) return PublicCommentStatus.RESULT_PUBLISHED;
  if (now < procedure.opensAt) return PublicCommentStatus.SCHEDULED;
  if (now < procedure.closesAt) return PublicCommentStatus.OPEN;
  return PublicCommentStatus.CLOSED;
}

const JST = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** 「2026年12月25日 17:00」 in Japan's time, for messages and exports. */
export function japanTime(date: Date): string {
  return JST.format(date);
}
