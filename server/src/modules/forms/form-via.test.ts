import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FormVia } from './form-via.js';

const via = new FormVia(randomBytes(32));
const formId = randomUUID();
const source = { deliveryId: randomUUID(), runId: randomUUID() };

describe('FormVia', () => {
  it('gives back the delivery and run a reference was made for, on its form', () => {
    const token = via.create(formId, source);
    expect(token).toMatch(/^[0-9a-f]{96}$/);
    expect(via.verify(formId, token)).toEqual(source);
    expect(via.verify(formId.toUpperCase(), token)).toEqual(source);
  });

  it('knows nothing of a reference altered anywhere, moved to another form, made with another key, or malformed', () => {
    const token = via.create(formId, source);
    for (let i = 0; i < token.length; i += 7) {
      const altered = `${token.slice(0, i)}${token[i] === 'a' ? 'b' : 'a'}${token.slice(i + 1)}`;
      expect(via.verify(formId, altered), `position ${i}`).toBeNull();
    }
    expect(via.verify(randomUUID(), token)).toBeNull();
    expect(new FormVia(randomBytes(32)).verify(formId, token)).toBeNull();
    for (const bad of ['', 'x', `${token}0`, token.toUpperCase(), null, undefined]) expect(via.verify(formId, bad)).toBeNull();
    expect(via.verify('not-a-form', token)).toBeNull();
  });
});
