import { pino, type Logger as PinoLogger } from 'pino';
import type { AppConfig } from '../../config/config.js';

export type Logger = PinoLogger;

/**
 * Paths pino blanks out wherever they appear. Personal data and secrets must never reach a log
 * line; this list is the safety net behind the habit of not logging them in the first place.
 */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.initialPassword',
  'secret',
  '*.secret',
  'token',
  '*.token',
  '*.idToken',
  '*.challengeToken',
  '*.code',
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'email',
  '*.email',
  'variables',
  '*.variables',
];

export function createLogger(config: Pick<AppConfig, 'LOG_LEVEL' | 'NODE_ENV'>, name = 'server'): Logger {
  return pino({
    name,
    level: config.LOG_LEVEL,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
