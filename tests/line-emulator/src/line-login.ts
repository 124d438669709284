import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, errors, type JWK, type CryptoKey } from 'jose';
import type { EmulatorStore, Friend } from './store.js';

// LINE Login ID tokens: ES256 JWTs with iss https://access.line.me, aud = the LINE Login channel
// id, sub = the user id. LIFF apps send them to the product's server, which verifies them either
// with POST /oauth2/v2.1/verify or locally against the JWKS at /oauth2/v2.1/certs.

export const LINE_LOGIN_ISSUER = 'https://access.line.me';

export interface IdTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
  iat: number;
  auth_time: number;
  nonce?: string;
  amr: string[];
  name: string;
  picture?: string;
}

/** The verify endpoint's failures, worded as LINE's error_description values. */
export class IdTokenRejected extends Error {}

export class LineLogin {
  private privateKey: CryptoKey | undefined;
  private publicJwk: JWK | undefined;
  private kid = '';

  constructor(private readonly store: EmulatorStore) {}

  /** Loads the signing key from the state, or creates one. */
  async init(): Promise<void> {
    let stored = this.store.state.loginSigningKey;
    if (!stored) {
      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
      stored = {
        kid: randomUUID(),
        privateJwk: { ...(await exportJWK(privateKey)) },
        publicJwk: { ...(await exportJWK(publicKey)) },
      };
      this.store.state.loginSigningKey = stored;
      this.store.changed({ channelId: '*' });
    }
    this.kid = stored.kid;
    this.publicJwk = { ...stored.publicJwk, kid: stored.kid, alg: 'ES256', use: 'sig' };
    this.privateKey = (await importJWK(stored.privateJwk as JWK, 'ES256')) as CryptoKey;
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.publicJwk ? [this.publicJwk] : [] };
  }

  async mint(loginChannelId: string, friend: Friend, options: { nonce?: string; lifetimeSeconds: number }): Promise<string> {
    if (!this.privateKey) throw new Error('LineLogin.init() was not awaited');
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      auth_time: now,
      amr: ['linesso'],
      name: friend.displayName,
      ...(friend.pictureUrl ? { picture: friend.pictureUrl } : {}),
      ...(options.nonce ? { nonce: options.nonce } : {}),
    })
      .setProtectedHeader({ alg: 'ES256', kid: this.kid, typ: 'JWT' })
      .setIssuer(LINE_LOGIN_ISSUER)
      .setSubject(friend.userId)
      .setAudience(loginChannelId)
      .setIssuedAt(now)
      .setExpirationTime(now + options.lifetimeSeconds)
      .sign(this.privateKey);
  }

  /** POST /oauth2/v2.1/verify semantics: signature, issuer, audience, expiry, then nonce and user. */
  async verify(idToken: string, clientId: string, expected: { nonce?: string; userId?: string }): Promise<IdTokenClaims> {
    if (!this.publicJwk) throw new Error('LineLogin.init() was not awaited');
    const key = await importJWK(this.publicJwk, 'ES256');
    let payload: IdTokenClaims;
    try {
      ({ payload } = (await jwtVerify(idToken, key, { algorithms: ['ES256'] })) as unknown as { payload: IdTokenClaims });
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new IdTokenRejected('IdToken expired.');
      throw new IdTokenRejected('Invalid IdToken.');
    }
    if (payload.iss !== LINE_LOGIN_ISSUER) throw new IdTokenRejected('Invalid IdToken Issuer.');
    if (payload.aud !== clientId) throw new IdTokenRejected('Invalid IdToken Audience.');
    if (expected.nonce !== undefined && payload.nonce !== expected.nonce) throw new IdTokenRejected('Invalid IdToken Nonce.');
    if (expected.userId !== undefined && payload.sub !== expected.userId) throw new IdTokenRejected('Invalid IdToken Subject Identifier.');
    return payload;
  }
}
