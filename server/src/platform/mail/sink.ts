import fs from 'node:fs';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SunkMail {
  /** Addresses from the SMTP envelope (who it was really sent to, Bcc included). */
  readonly envelopeTo: string[];
  readonly envelopeFrom: string;
  readonly raw: Buffer;
  readonly parsed: ParsedMail;
  /** Where it was written, when the sink keeps files. */
  readonly file?: string;
}

export interface SmtpSink {
  readonly url: string;
  readonly port: number;
  readonly received: SunkMail[];
  /** Resolves with the first received mail (already received or arriving) that matches. */
  waitFor(match: (mail: SunkMail) => boolean, timeoutMs?: number): Promise<SunkMail>;
  /** Refuse the next messages with this SMTP reply (e.g. 451 or 550), for tests of failures. */
  refuseWith(code: number | null): void;
  close(): Promise<void>;
}

const MAX_BYTES = 10 * 1024 * 1024;

/**
 * A local SMTP server that accepts every message and keeps it instead of delivering it: what
 * `npm start` uses when no SMTP_URL is configured (each message written as an .eml file) and what
 * the tests send to. It listens on loopback only and never relays anything.
 */
export async function startSmtpSink(options: { port?: number; host?: string; dir?: string } = {}): Promise<SmtpSink> {
  const received: SunkMail[] = [];
  const waiters: Array<{ match: (m: SunkMail) => boolean; resolve: (m: SunkMail) => void }> = [];
  let refusal: number | null = null;
  let counter = 0;
  if (options.dir) fs.mkdirSync(options.dir, { recursive: true });

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_BYTES,
    logger: false,
    banner: 'machi-line local mail sink (nothing is delivered)',
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusal !== null) {
          const err = Object.assign(new Error(refusal >= 500 ? 'refused by the test sink' : 'try again later'), { responseCode: refusal });
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then(
          (parsed) => {
            let file: string | undefined;
            if (options.dir) {
              counter += 1;
              file = path.join(options.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${counter}.eml`);
              fs.writeFileSync(file, raw, { mode: 0o600 });
            }
            const mail: SunkMail = {
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              raw,
              parsed,
              ...(file ? { file } : {}),
            };
            received.push(mail);
            for (const w of waiters.splice(0)) {
              if (w.match(mail)) w.resolve(mail);
              else waiters.push(w);
            }
            callback();
          },
          (err: unknown) => callback(err as Error),
        );
      });
    },
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  server.on('error', () => undefined); // a client's broken connection must not stop the sink
  const address = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://${host}:${address}`,
    port: address,
    received,
    waitFor(match, timeoutMs = 10_000) {
      const found = received.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching mail reached the sink in time')), timeoutMs);
        waiters.push({
          match,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    refuseWith(code) {
      refusal = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
