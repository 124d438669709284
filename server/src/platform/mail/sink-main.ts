/**
 * `npm start`'s local mail sink when no SMTP_URL is configured: MAIL_SINK_PORT (default 2525) on
 * loopback, each message kept as an .eml file in MAIL_SINK_DIR. Administrators read what was sent
 * on the console's 送信メール page (the outbox); the files are the exact bytes.
 */
import { startSmtpSink } from './sink.js';

const port = Number(process.env['MAIL_SINK_PORT'] ?? 2525);
const dir = process.env['MAIL_SINK_DIR'] ?? '.data/mail-sink';
const sink = await startSmtpSink({ port, dir });
console.log(`[mail sink] listening on ${sink.url}; messages are kept in ${dir}, nothing is delivered`);
const stop = () => void sink.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
