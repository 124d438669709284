import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describe, expect, it, vi } from 'vitest';
import { linkDestination, plainRedirect } from './open-link';

const TOKEN = 'Zm9vYmFyYmF6cXV4cXV1';
const ORIGIN = 'https://line.city.example.jp';

function notFound() {
  return new CombinedGraphQLErrors({
    errors: [{ message: 'リンクが見つかりません。', extensions: { code: 'NOT_FOUND' } }],
  });
}

describe('where a tap on a link goes', () => {
  it('records a signed-in resident’s tap and goes to the URL the server stored for the token', async () => {
    const open = vi.fn().mockResolvedValue({ url: 'https://www.city.example.jp/kosodate?id=42' });
    const to = await linkDestination(TOKEN, { signedIn: true, open, origin: ORIGIN });
    expect(open).toHaveBeenCalledWith(TOKEN);
    expect(to).toEqual({ kind: 'go', url: 'https://www.city.example.jp/kosodate?id=42' });
  });

  it('without a session goes through the plain redirect, which counts the tap without knowing who', async () => {
    const open = vi.fn();
    const to = await linkDestination(TOKEN, { signedIn: false, open, origin: ORIGIN });
    expect(open).not.toHaveBeenCalled();
    expect(to).toEqual({ kind: 'go', url: `${ORIGIN}/r/${TOKEN}` });
  });

  it('falls back to the plain redirect when the server cannot be asked, so the resident still gets there', async () => {
    const open = vi.fn().mockRejectedValue(new TypeError('Failed to fetch'));
    expect(await linkDestination(TOKEN, { signedIn: true, open, origin: ORIGIN })).toEqual({
      kind: 'go',
      url: plainRedirect(TOKEN, ORIGIN),
    });
  });

  it('never follows an answer that is not an http(s) address', async () => {
    const open = vi.fn().mockResolvedValue({ url: 'javascript:alert(document.cookie)' });
    expect(await linkDestination(TOKEN, { signedIn: true, open, origin: ORIGIN })).toEqual({
      kind: 'go',
      url: plainRedirect(TOKEN, ORIGIN),
    });
  });

  it('says a token that names no link is invalid, and asks nobody about a malformed one', async () => {
    expect(await linkDestination(TOKEN, { signedIn: true, open: vi.fn().mockRejectedValue(notFound()), origin: ORIGIN })).toEqual({
      kind: 'invalid',
    });
    const open = vi.fn();
    for (const token of ['short', 'https:%2F%2Fevil.example', `${TOKEN}/extra`, 'a'.repeat(65)])
      expect(await linkDestination(token, { signedIn: true, open, origin: ORIGIN })).toEqual({ kind: 'invalid' });
    expect(open).not.toHaveBeenCalled();
  });
});
