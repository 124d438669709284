import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream';
import type { Request, Response } from 'express';
import { parse as parseCookies } from 'cookie';
import type { GraphQLContext } from '../../platform/context/context.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { HttpRoute } from '../../platform/modules/feature-module.js';
import { DEFAULT_UPLOAD_POLICY, isMediaContentType, MEDIA_TYPES, sizeLabel } from './media-policy.js';
import type { MediaVariant } from './media-store.js';
import type { MediaService, OpenedMedia } from './media.service.js';

/** An anonymous uploader's token: in this cookie (so `<img src>` previews work) or the X-Upload-Token header. */
export const UPLOAD_TOKEN_COOKIE = 'machi_upload';
const UPLOAD_TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** What an HTML form can send across sites without a preflight: never an upload body here. */
const FORM_TYPES = new Set(['text/plain', 'multipart/form-data', 'application/x-www-form-urlencoded']);

function errorBody(message: string, extensions: Record<string, unknown>) {
  return { errors: [{ message, extensions }] };
}

/**
 * Reads the body up to `limit` bytes; null as soon as it is longer (the rest is left unread and
 * the connection closed after the answer). A client that goes away mid-upload is its own mistake
 * (400 in the log), not the server's.
 */
function readBody(req: Request, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (value: Buffer | null | Error) => {
      if (settled) return;
      settled = true;
      if (value instanceof Error) reject(value);
      else resolve(value);
    };
    const aborted = () => settle(Object.assign(new Error('the upload ended before its body did'), { status: 400 }));
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        req.pause();
        settle(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle(Buffer.concat(chunks, size)));
    req.on('error', aborted);
    req.on('close', () => {
      if (!req.complete) aborted();
    });
  });
}

function presentedToken(req: Request): string | undefined {
  const header = req.header('x-upload-token');
  const cookie = parseCookies(req.header('cookie') ?? '')[UPLOAD_TOKEN_COOKIE];
  return [header, cookie].find((t): t is string => typeof t === 'string' && UPLOAD_TOKEN.test(t));
}

/**
 * `POST /media/uploads?policy=<name>`: the body is the file's bytes (Content-Type: its type or
 * application/octet-stream; never a form). Answers 201 with the new object, which is the
 * uploader's until a feature attaches it. Refusals: 401/403 (who may use the policy), 429 (rate
 * limit), 413 (over the policy's size, checked here on the bytes as they arrive), 415 (a form or
 * a compressed body), 400 (the type detected from the bytes, a broken image).
 */
async function upload(media: MediaService, ctx: GraphQLContext, req: Request, res: Response): Promise<void> {
  let bodyRead = false;
  try {
    const encoding = (req.header('content-encoding') ?? 'identity').trim().toLowerCase();
    const type = (req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (encoding !== 'identity' || !type || FORM_TYPES.has(type)) {
      res.setHeader('Connection', 'close');
      res.status(415).json(
        errorBody(
          'ファイルの内容をそのまま本文として送ってください（Content-Type はファイルの種類または application/octet-stream、圧縮なし）。',
          {
            code: 'BAD_USER_INPUT',
            reason: 'UNSUPPORTED_MEDIA_TYPE',
          },
        ),
      );
      return;
    }
    const policyName = typeof req.query['policy'] === 'string' ? req.query['policy'] : DEFAULT_UPLOAD_POLICY;
    const policy = await media.admitUpload(ctx, policyName);
    const tooLarge = () => {
      const message = `ファイルが大きすぎます（上限 ${sizeLabel(policy.maxBytes)}）`;
      res.setHeader('Connection', 'close');
      res.status(413).json(errorBody(message, { code: 'BAD_USER_INPUT', reason: 'FILE_TOO_LARGE', fields: { file: message } }));
    };
    const declared = Number(req.header('content-length'));
    if (Number.isFinite(declared) && declared > policy.maxBytes) return tooLarge();
    const body = await readBody(req, policy.maxBytes);
    if (!body) return tooLarge();
    bodyRead = true;

    const uploadToken = ctx.actor.kind === 'anonymous' ? (presentedToken(req) ?? randomBytes(32).toString('base64url')) : undefined;
    const object = await media.ingest(ctx, body, policy, {
      policyName,
      uploadToken,
      ...(policy.uploaders.staffPermission ? { staffPermission: policy.uploaders.staffPermission } : {}),
    });
    if (uploadToken) ctx.cookies.set(UPLOAD_TOKEN_COOKIE, uploadToken, { maxAgeSeconds: 86_400, path: '/media' });
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json({
      id: object.id,
      contentType: object.contentType,
      byteSize: object.byteSize,
      width: object.width ?? null,
      height: object.height ?? null,
      url: media.urlOf(object),
      thumbnailUrl: media.thumbnailUrlOf(object),
      // An imagemap's baseUrl (LINE appends the width), for images whose policy serves the widths.
      imagemapBaseUrl: media.imagemapBaseUrlOf(object),
      // Anonymous uploaders name it again when a feature attaches the upload (a public form's answer).
      ...(uploadToken ? { uploadToken } : {}),
    });
  } catch (err) {
    // A refusal before the body was read: do not keep a connection with megabytes still coming.
    if (!bodyRead && !res.headersSent) res.setHeader('Connection', 'close');
    throw err;
  }
}

/** Streams a stored file with the headers every media answer carries. */
function send(req: Request, res: Response, opened: OpenedMedia, visibility: 'public' | 'private', logger: Logger): void {
  const { media, variant } = opened;
  const etag = `"${media.sha256}${variant === 'original' ? '' : `-${variant}`}"`;
  const known = isMediaContentType(media.contentType) ? MEDIA_TYPES[media.contentType] : null;
  res.setHeader('Content-Type', media.contentType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // Nothing served here runs: a PDF opened in the browser gets no script and no origin.
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('ETag', etag);
  if (!known?.image) res.setHeader('Content-Disposition', `attachment; filename="${media.id}.${known?.extension ?? 'bin'}"`);
  if (visibility === 'public') {
    // Stored bytes never change under an id: cache forever, anywhere (LINE, the CDN, other sites' pages).
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    if (
      req
        .header('if-none-match')
        ?.split(',')
        .some((tag) => tag.trim().replace(/^W\//, '') === etag)
    ) {
      opened.body.destroy();
      res.status(304).end();
      return;
    }
  } else {
    res.setHeader('Cache-Control', 'private, no-store');
  }
  res.setHeader('Content-Length', String(opened.byteSize));
  if (req.method === 'HEAD') {
    opened.body.destroy();
    res.end();
    return;
  }
  pipeline(opened.body, res, (err) => {
    if (err && (err as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE')
      logger.warn({ err, mediaId: media.id }, 'media stream failed');
  });
}

export function mediaRoutes(media: MediaService, logger: Logger): HttpRoute[] {
  const privateRoute = (variant: MediaVariant) => async (ctx: GraphQLContext, req: Request, res: Response) => {
    send(req, res, await media.open(ctx, String(req.params['id']), variant, presentedToken(req)), 'private', logger);
  };
  const publicRoute = (open: (req: Request) => Promise<OpenedMedia>) => (req: Request, res: Response, next: (err?: unknown) => void) => {
    open(req).then(
      (opened) => send(req, res, opened, 'public', logger),
      (err: unknown) => {
        if (err instanceof AppError) res.status(404).json(errorBody(err.message, err.extensions));
        else next(err);
      },
    );
  };
  return [
    { kind: 'actor', method: 'post', path: '/media/uploads', handle: (ctx, req, res) => upload(media, ctx, req, res) },
    {
      kind: 'express',
      method: 'get',
      path: '/media/public/:id',
      handler: publicRoute((req) => media.openPublic(String(req.params['id']), 'original')),
    },
    {
      kind: 'express',
      method: 'get',
      path: '/media/public/:id/thumbnail',
      handler: publicRoute((req) => media.openPublic(String(req.params['id']), 'thumbnail')),
    },
    // LINE asks for `<baseUrl>/<width>` of an imagemap, baseUrl being `/media/public/:id/imagemap`.
    {
      kind: 'express',
      method: 'get',
      path: '/media/public/:id/imagemap/:width',
      handler: publicRoute((req) => media.openImagemap(String(req.params['id']), Number(req.params['width']))),
    },
    { kind: 'actor', method: 'get', path: '/media/:id', handle: privateRoute('original') },
    { kind: 'actor', method: 'get', path: '/media/:id/thumbnail', handle: privateRoute('thumbnail') },
  ];
}
