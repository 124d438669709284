import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../test-support.js';

describe('LINE Login ID tokens', () => {
  let t: TestEmulator;
  beforeEach(async () => {
    t = await startTestEmulator({ friends: 1 });
  });
  afterEach(async () => {
    await t.emulator.close();
  });

  const mint = async (body: unknown = {}) =>
    (await (await t.control(`/_emulator/channels/${t.channel.channelId}/friends/${t.friendIds[0]}/id-token`, body)).json()) as {
      idToken: string;
      loginChannelId: string;
    };

  const verify = (form: Record<string, string>) =>
    fetch(`${t.emulator.url}/oauth2/v2.1/verify`, { method: 'POST', body: new URLSearchParams(form) });

  it('mints an ES256 token that verifies with jose against the JWKS', async () => {
    const { idToken, loginChannelId } = await mint({ nonce: 'n-1' });
    const jwks = createRemoteJWKSet(new URL(`${t.emulator.url}/oauth2/v2.1/certs`));
    const { payload, protectedHeader } = await jwtVerify(idToken, jwks, { issuer: 'https://access.line.me', audience: loginChannelId });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toMatchObject({ sub: t.friendIds[0], nonce: 'n-1', amr: ['linesso'] });
  });

  it('verifies through POST /oauth2/v2.1/verify and rejects with LINE body', async () => {
    const { idToken, loginChannelId } = await mint({ nonce: 'abc' });
    const ok = await verify({ id_token: idToken, client_id: loginChannelId, nonce: 'abc' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ iss: 'https://access.line.me', aud: loginChannelId, sub: t.friendIds[0] });

    const wrongAudience = await verify({ id_token: idToken, client_id: '999' });
    expect(wrongAudience.status).toBe(400);
    expect(await wrongAudience.json()).toEqual({ error: 'invalid_request', error_description: 'Invalid IdToken Audience.' });
    expect(await (await verify({ id_token: idToken, client_id: loginChannelId, nonce: 'other' })).json()).toEqual({
      error: 'invalid_request',
      error_description: 'Invalid IdToken Nonce.',
    });
    expect(await (await verify({ id_token: `${idToken}x`, client_id: loginChannelId })).json()).toEqual({
      error: 'invalid_request',
      error_description: 'Invalid IdToken.',
    });
  });
});
