import type { AnswerValue } from '@machi/form-engine';

export type AnswerMap = Record<string, AnswerValue>;

/** What the file field needs to show an upload again after a reload: the answer holds only ids. */
export interface UploadedFile {
  id: string;
  name: string;
  contentType: string;
  byteSize: number;
  thumbnailUrl: string | null;
  /** A browser resident's upload token (no session): submitForm names it so the server attaches these uploads. */
  uploadToken?: string;
}

export interface StoredAnswers {
  answers: AnswerMap;
  pageId: string | null;
  files: Record<string, UploadedFile>;
  savedAt: string;
}

/** The storage the page uses; tests pass a Map-backed one. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Per form and version: a new version may have other fields, and old answers must not be sent
 * against it. sessionStorage, not localStorage: answers are often personal data (NFR-25), and on a
 * shared or borrowed device they should not outlive the tab; signed-in residents resume later from
 * their server-side draft instead.
 */
export function storageKey(formId: string, versionId: string): string {
  return `machi.form.${formId}.${versionId}`;
}

export function browserSessionStorage(): KeyValueStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    // Storage disabled (private mode in some browsers): the form still works, without restore.
    return null;
  }
}

function isAnswerValue(value: unknown): value is AnswerValue {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    (Array.isArray(value) && value.every((v) => typeof v === 'string'))
  );
}

/** Keeps only well-formed answers: stored JSON may be from an older build or edited by hand. */
export function sanitizeAnswers(raw: unknown): AnswerMap {
  const answers: AnswerMap = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return answers;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (isAnswerValue(value)) answers[key] = value;
  }
  return answers;
}

export function readStoredAnswers(storage: KeyValueStorage | null, key: string): StoredAnswers | null {
  if (!storage) return null;
  try {
    const text = storage.getItem(key);
    if (!text) return null;
    const parsed = JSON.parse(text) as Partial<StoredAnswers>;
    return {
      answers: sanitizeAnswers(parsed.answers),
      pageId: typeof parsed.pageId === 'string' ? parsed.pageId : null,
      files: typeof parsed.files === 'object' && parsed.files !== null ? parsed.files : {},
      savedAt: typeof parsed.savedAt === 'string' ? parsed.savedAt : new Date(0).toISOString(),
    };
  } catch {
    return null;
  }
}

export function writeStoredAnswers(storage: KeyValueStorage | null, key: string, value: StoredAnswers): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or disabled storage: losing the restore is better than breaking the form.
  }
}

export function clearStoredAnswers(storage: KeyValueStorage | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // As above.
  }
}

/**
 * The answers a resident starts with: the server's prefill (bound attributes, the previous answer
 * under OVERWRITE) overlaid by whichever of the device copy and the server draft was saved last.
 */
export function initialAnswers(input: {
  prefill: AnswerMap;
  local: StoredAnswers | null;
  draft: { answers: AnswerMap; pageId: string | null; savedAt: string } | null;
}): { answers: AnswerMap; pageId: string | null; files: Record<string, UploadedFile>; restored: boolean } {
  const { prefill, local, draft } = input;
  const newest = local && draft ? (Date.parse(local.savedAt) >= Date.parse(draft.savedAt) ? local : draft) : (local ?? draft);
  if (!newest) return { answers: { ...prefill }, pageId: null, files: {}, restored: false };
  return {
    answers: { ...prefill, ...newest.answers },
    pageId: newest.pageId,
    files: local?.files ?? {},
    restored: Object.keys(newest.answers).length > 0,
  };
}
