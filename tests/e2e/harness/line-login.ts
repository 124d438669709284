import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_EMULATOR_CHANNEL, type TestEmulator } from './emulator.js';

/**
 * LIFF sign-in against the LINE emulator's LINE Login. The server verifies a resident's ID token
 * with the keys at LINE_JWKS_URL and accepts only tokens for LINE_LOGIN_CHANNEL_ID, both read once
 * at start. startE2E starts the emulator on a free port of its own, so its address is not known
 * when the server's environment is written; this relay listens first, goes into that environment,
 * and once pointed at the emulator answers with the emulator's keys:
 *
 *   const relay = await startJwksRelay();
 *   e2e = await startE2E({ withEmulator: true, env: lineLoginServerEnv(relay) });
 *   relay.pointAt(e2e.line.emulator);
 *   const token = await mintIdToken(e2e.line.emulator, channelId, userId);   // → ?mockIdToken=
 */
export interface JwksRelay {
  /** e.g. http://127.0.0.1:41234/oauth2/v2.1/certs */
  url: string;
  /** From now on, answers with this emulator's keys (503 before). */
  pointAt(emulator: TestEmulator): void;
  close(): Promise<void>;
}

export async function startJwksRelay(): Promise<JwksRelay> {
  let target: string | null = null;
  const server = http.createServer((req, res) => {
    if (!target) {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"not pointed at an emulator yet"}');
      return;
    }
    fetch(`${target}/oauth2/v2.1/certs`)
      .then(async (answer) => {
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
      })
      .catch((error: unknown) => {
        res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ message: String(error) }));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closed = false;
  return {
    url: `http://127.0.0.1:${port}/oauth2/v2.1/certs`,
    pointAt(emulator) {
      target = emulator.url;
    },
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The LINE Login channel the emulator gives a channel it creates without one: the channel id plus one. */
export const DEFAULT_EMULATOR_LOGIN_CHANNEL_ID = String(Number(DEFAULT_EMULATOR_CHANNEL.channelId) + 1);

/** The server environment that accepts the emulator's ID tokens for the default channel's LINE Login channel. */
export function lineLoginServerEnv(relay: JwksRelay, loginChannelId: string = DEFAULT_EMULATOR_LOGIN_CHANNEL_ID): Record<string, string> {
  return { LINE_JWKS_URL: relay.url, LINE_LOGIN_CHANNEL_ID: loginChannelId };
}

/** An ID token the emulator signs for one of the channel's friends, as LIFF would hand it to the app. */
export async function mintIdToken(emulator: TestEmulator, channelId: string, userId: string): Promise<string> {
  const { idToken } = await emulator.control<{ idToken: string }>(
    'POST',
    `/channels/${encodeURIComponent(channelId)}/friends/${encodeURIComponent(userId)}/id-token`,
    {},
  );
  return idToken;
}
