import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Every setting the server and the job runner read from the environment, validated once at start.
 * A bad value stops the process with one line per problem, naming the variable and what it needs.
 */

const base64Key = () =>
  z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, {
      message: `must be 32 bytes encoded as base64 (generate one with: openssl rand -base64 32)`,
    })
    .transform((v) => Buffer.from(v, 'base64'));

const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const intFromEnv = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });

const encryptionKeys = z
  .string()
  .min(1)
  .transform((raw, ctx) => {
    const keys = new Map<string, Buffer>();
    for (const part of raw
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const idx = part.indexOf(':');
      const id = idx > 0 ? part.slice(0, idx) : '';
      const key = Buffer.from(part.slice(idx + 1), 'base64');
      if (!/^[A-Za-z0-9_-]{1,16}$/.test(id) || key.length !== 32) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be a comma-separated list of <keyId>:<32-byte base64 key>, key ids of 1-16 letters, digits, _ or -',
        });
        return z.NEVER;
      }
      keys.set(id, key);
    }
    if (keys.size === 0) {
      ctx.addIssue({ code: 'custom', message: 'must name at least one key' });
      return z.NEVER;
    }
    return keys;
  });

const postgresUrl = z.string().refine((v) => /^postgres(ql)?:\/\//.test(v), { message: 'must be a postgres:// or postgresql:// URL' });

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().default('0.0.0.0'),
    PORT: intFromEnv(0, 65535).default(4000).describe('0 picks a free port'),
    PUBLIC_URL: z.url({ message: 'must be an absolute URL such as https://line.city.example.jp' }).default('http://localhost:4000'),
    TRUST_PROXY: z
      .string()
      .default('false')
      .describe('express "trust proxy": false, true, a hop count or a comma-separated list of addresses/CIDRs'),
    TLS_CERT_FILE: z.string().optional(),
    TLS_KEY_FILE: z.string().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    DATABASE_URL: postgresUrl,
    DATABASE_POOL_MAX: intFromEnv(1, 200).default(10),
    DELIVERY_SENDS_PER_LANE: intFromEnv(1, 8)
      .default(1)
      .describe(
        "multicast batches each of a delivery run's 4 sender lanes has in flight; each holds a database connection while LINE answers",
      ),
    MONGODB_URL: z
      .string()
      .refine((v) => /^mongodb(\+srv)?:\/\//.test(v), { message: 'must be a mongodb:// or mongodb+srv:// URL' })
      .optional(),
    PUBSUB_BACKEND: z.enum(['memory', 'postgres'], { message: 'must be memory or postgres' }).default('postgres'),
    WEBHOOK_PROCESSING: z
      .enum(['jobs', 'server'], { message: 'must be jobs or server' })
      .default('jobs')
      .describe('which processes consume stored LINE webhook events: the job workers, or the server itself (one-process setups)'),

    ENCRYPTION_KEYS: encryptionKeys,
    ENCRYPTION_ACTIVE_KEY_ID: z.string().min(1),
    HASH_KEY: base64Key(),

    SESSION_IDLE_MINUTES: intFromEnv(5, 24 * 60).default(30),
    SESSION_ABSOLUTE_HOURS: intFromEnv(1, 24 * 7).default(12),
    LOGIN_MAX_FAILURES: intFromEnv(3, 20).default(5),
    LOGIN_LOCK_MINUTES: intFromEnv(1, 24 * 60).default(15),
    LOGIN_RATE_LIMIT_PER_MINUTE: intFromEnv(1, 10_000).default(30),
    API_KEY_DEFAULT_RATE_LIMIT_PER_MINUTE: intFromEnv(1, 100_000).default(120),
    AUDIT_RETENTION_MONTHS: intFromEnv(6, 120).default(24),

    GRAPHQL_MAX_DEPTH: intFromEnv(3, 50).default(12),
    GRAPHQL_MAX_COMPLEXITY: intFromEnv(50, 100_000).default(3000),
    GRAPHQL_INTROSPECTION: boolFromEnv.optional(),

    // Media storage (modules/media): a local folder by default, any S3-compatible store with MEDIA_STORE=s3.
    MEDIA_STORE: z.enum(['local', 's3'], { message: 'must be local or s3' }).default('local'),
    MEDIA_DIR: z.string().default('.data/media').describe('the local store: a folder, relative to the working directory unless absolute'),
    MEDIA_S3_ENDPOINT: z
      .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL such as https://s3.example.jp' })
      .optional()
      .describe('unset: AWS S3 itself'),
    MEDIA_S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be a bucket name: 3-63 lower-case letters, digits, dots or hyphens' })
      .optional(),
    MEDIA_S3_REGION: z
      .string()
      .regex(/^[a-z0-9-]{2,40}$/, { message: 'must be a region such as ap-northeast-1' })
      .optional(),
    MEDIA_S3_ACCESS_KEY_ID: z.string().optional(),
    MEDIA_S3_SECRET_ACCESS_KEY: z.string().optional(),
    MEDIA_S3_FORCE_PATH_STYLE: boolFromEnv.default(false).describe('host/bucket/key addressing, which most S3-compatible stores want'),

    LINE_LOGIN_CHANNEL_ID: z.string().regex(/^\d+$/, { message: 'must be the numeric LINE Login channel ID' }).optional(),
    LINE_ID_TOKEN_ISSUER: z.string().default('https://access.line.me'),
    LINE_JWKS_URL: z.url().default('https://api.line.me/oauth2/v2.1/certs'),
    LIFF_ID: z.string().optional(),
    LINE_API_BASE_URL: z.url().default('https://api.line.me').describe('LINE Messaging API; the emulator in development and tests'),
    LINE_DATA_API_BASE_URL: z.url().default('https://api-data.line.me'),

    // Outbound mail (platform/mail): unset SMTP_URL holds mail in the outbox (`npm start` sets a local sink).
    SMTP_URL: z
      .string()
      .refine((v) => /^smtps?:\/\/[^\s/]+(:\d+)?\/?(\?.*)?$/.test(v), {
        message: 'must be smtp://[user:password@]host[:port] or smtps://…',
      })
      .optional(),
    MAIL_FROM: z
      .string()
      .refine((v) => !/[\r\n]/.test(v) && /^(.*<)?[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>?$/.test(v), {
        message: 'must be an address such as "〇〇市 <no-reply@city.example.jp>"',
      })
      .default('no-reply@localhost.localdomain'),
    MAIL_MAX_ATTEMPTS: intFromEnv(1, 20).default(6),
    MAIL_RETENTION_DAYS: intFromEnv(7, 3650).default(90),

    ADMIN_WEB_DIST: z.string().optional(),
    LIFF_APP_DIST: z.string().optional(),
    METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  })
  .superRefine((c, ctx) => {
    if (!c.ENCRYPTION_KEYS.has(c.ENCRYPTION_ACTIVE_KEY_ID)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ENCRYPTION_ACTIVE_KEY_ID'],
        message: `must be one of the key ids in ENCRYPTION_KEYS (${[...c.ENCRYPTION_KEYS.keys()].join(', ')})`,
      });
    }
    if (Boolean(c.TLS_CERT_FILE) !== Boolean(c.TLS_KEY_FILE)) {
      ctx.addIssue({
        code: 'custom',
        path: [c.TLS_CERT_FILE ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE'],
        message: 'TLS_CERT_FILE and TLS_KEY_FILE must be set together',
      });
    }
    for (const name of ['TLS_CERT_FILE', 'TLS_KEY_FILE'] as const) {
      const file = c[name];
      if (file) {
        try {
          readFileSync(file);
        } catch {
          ctx.addIssue({ code: 'custom', path: [name], message: `cannot read file ${file}` });
        }
      }
    }
    if (c.NODE_ENV === 'production' && c.PUBLIC_URL.startsWith('http://') && !c.TLS_CERT_FILE) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: 'must be https:// in production (terminate TLS here with TLS_CERT_FILE/TLS_KEY_FILE or at a proxy)',
      });
    }
    // More sends in flight must leave a job runner's pool room beside its lanes (4 × DELIVERY_SENDS_PER_LANE
    // connections) for two preparers (a cursor and a writer each) and the LINE calls' own records,
    // or sending would wait on itself.
    if (c.DELIVERY_SENDS_PER_LANE > 1 && 4 * c.DELIVERY_SENDS_PER_LANE + 5 > c.DATABASE_POOL_MAX) {
      ctx.addIssue({
        code: 'custom',
        path: ['DELIVERY_SENDS_PER_LANE'],
        message: `needs DATABASE_POOL_MAX of at least 4 × DELIVERY_SENDS_PER_LANE + 5 (${4 * c.DELIVERY_SENDS_PER_LANE + 5}); it is ${c.DATABASE_POOL_MAX}`,
      });
    }
    if (c.MEDIA_STORE === 's3' && !c.MEDIA_S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['MEDIA_S3_BUCKET'], message: 'must be set when MEDIA_STORE is s3' });
    }
    if (c.MEDIA_STORE === 's3' && !c.MEDIA_S3_REGION && !c.MEDIA_S3_ENDPOINT) {
      ctx.addIssue({
        code: 'custom',
        path: ['MEDIA_S3_REGION'],
        message: 'must be set when MEDIA_STORE is s3 on AWS (no MEDIA_S3_ENDPOINT)',
      });
    }
    if (Boolean(c.MEDIA_S3_ACCESS_KEY_ID) !== Boolean(c.MEDIA_S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: [c.MEDIA_S3_ACCESS_KEY_ID ? 'MEDIA_S3_SECRET_ACCESS_KEY' : 'MEDIA_S3_ACCESS_KEY_ID'],
        message:
          'MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY must be set together (or neither, for the SDK’s default credentials)',
      });
    }
  });

export type AppConfig = z.output<typeof schema> & {
  /** true when browsers reach us over HTTPS (directly or through a TLS proxy). */
  readonly secureCookies: boolean;
  readonly jobStore: 'mongodb' | 'postgres';
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError listing every bad or missing variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const missing = issue.code === 'invalid_type' && input[name] === undefined;
      return missing ? `${name} is required` : `${name} ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const c = parsed.data;
  return {
    ...c,
    secureCookies: c.PUBLIC_URL.startsWith('https://') || Boolean(c.TLS_CERT_FILE),
    jobStore: c.MONGODB_URL ? 'mongodb' : 'postgres',
  };
}
