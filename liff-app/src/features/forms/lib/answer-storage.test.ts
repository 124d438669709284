import { describe, expect, it } from 'vitest';
import {
  initialAnswers,
  readStoredAnswers,
  sanitizeAnswers,
  storageKey,
  writeStoredAnswers,
  clearStoredAnswers,
  type KeyValueStorage,
} from './answer-storage';

function memoryStorage(): KeyValueStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => {
      values.set(key, value);
    },
    removeItem: (key) => {
      values.delete(key);
    },
  };
}

describe('answer storage', () => {
  it('keeps answers per form and version, and forgets them when cleared', () => {
    const storage = memoryStorage();
    const key = storageKey('form-1', 'v2');
    writeStoredAnswers(storage, key, { answers: { f_name: '山田' }, pageId: 'p_2', files: {}, savedAt: '2026-04-01T00:00:00.000Z' });
    expect(readStoredAnswers(storage, key)).toMatchObject({ answers: { f_name: '山田' }, pageId: 'p_2' });
    expect(readStoredAnswers(storage, storageKey('form-1', 'v3'))).toBeNull();
    clearStoredAnswers(storage, key);
    expect(readStoredAnswers(storage, key)).toBeNull();
  });

  it('drops malformed stored values instead of sending them', () => {
    expect(sanitizeAnswers({ a: 'x', b: 3, c: true, d: ['2020-01-01'], e: { nested: 1 }, f: [1], g: Number.NaN, h: null })).toEqual({
      a: 'x',
      b: 3,
      c: true,
      d: ['2020-01-01'],
      h: null,
    });
    expect(sanitizeAnswers('nope')).toEqual({});
    const storage = memoryStorage();
    storage.setItem('k', '{not json');
    expect(readStoredAnswers(storage, 'k')).toBeNull();
  });

  it('survives storage that throws', () => {
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(readStoredAnswers(broken, 'k')).toBeNull();
    expect(() => writeStoredAnswers(broken, 'k', { answers: {}, pageId: null, files: {}, savedAt: '' })).not.toThrow();
    expect(() => clearStoredAnswers(broken, 'k')).not.toThrow();
  });

  it('starts from the prefill overlaid by the newer of the device copy and the server draft', () => {
    const prefill = { f_name: '登録済', f_phone: '090-0000-0000' };
    const local = { answers: { f_name: '端末' }, pageId: 'p_3', files: {}, savedAt: '2026-04-02T00:00:00.000Z' };
    const draft = { answers: { f_name: '下書き' }, pageId: 'p_2', savedAt: '2026-04-01T00:00:00.000Z' };
    expect(initialAnswers({ prefill, local, draft })).toMatchObject({
      answers: { f_name: '端末', f_phone: '090-0000-0000' },
      pageId: 'p_3',
      restored: true,
    });
    expect(initialAnswers({ prefill, local: { ...local, savedAt: '2026-03-01T00:00:00.000Z' }, draft })).toMatchObject({
      answers: { f_name: '下書き' },
      pageId: 'p_2',
    });
    expect(initialAnswers({ prefill, local: null, draft: null })).toEqual({ answers: prefill, pageId: null, files: {}, restored: false });
  });
});
