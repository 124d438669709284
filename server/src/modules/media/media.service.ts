import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { LockMode } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { fileTypeFromBuffer } from 'file-type';
import { requirePermission } from '../../platform/auth/require.js';
import type { PermissionKey } from '../../platform/auth/permissions.js';
import type { ServiceContext, TxContext } from '../../platform/context/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { forbidden, notFound, rateLimited, unauthenticated } from '../../platform/errors/app-error.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { RateLimiter } from '../../platform/ratelimit/rate-limiter.js';
import type { AuditService } from '../audit/index.js';
import type { GeoPosition } from './exif.js';
import { imagemapImage, normaliseImage } from './media-image.js';
import { MediaObject, MediaVisibility } from './media-object.entity.js';
import {
  BUILT_IN_UPLOAD_POLICIES,
  checkPolicy,
  IMAGEMAP_WIDTHS,
  isImagemapWidth,
  isMediaContentType,
  type ImagemapWidth,
  MEDIA_TYPES,
  sizeLabel,
  typeLabels,
  type MediaContentType,
  type MediaPolicy,
  type UploadPolicy,
} from './media-policy.js';
import { mediaKey, type MediaStore, type MediaVariant } from './media-store.js';
import { fileRefused, MediaRefusal } from './media.errors.js';
import { isUploader, MediaAccessPolicy, uploaderOf, type MediaOwnerPolicy } from './media.policy.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const POLICY_NAME = /^[a-z][a-z0-9]*([.-][a-z][a-zA-Z0-9]*)*$/;

/** Uploads a resident (per resident) or an anonymous client (per address) may start per window. */
export const UPLOAD_RATE_LIMIT = { uploads: 30, windowSeconds: 600 } as const;
/** How long an upload may stay unattached before the purge removes it. */
export const UNATTACHED_LIFETIME_MS = 24 * 3_600_000;
const PURGE_BATCH = 200;

export interface IngestOptions {
  /** Recorded with the object: the registered policy's name, or what the calling feature calls its use. */
  readonly policyName?: string;
  /** An anonymous uploader's token (the upload route issues it). */
  readonly uploadToken?: string;
  /** The permission staff and API keys need; default media.upload. */
  readonly staffPermission?: PermissionKey;
}

/** A stored file opened for reading: its row, its bytes and what to answer with. */
export interface OpenedMedia {
  readonly media: MediaObject;
  readonly variant: MediaVariant;
  readonly body: Readable;
  readonly byteSize: number;
  readonly contentType: string;
}

/**
 * Uploads, their checks and normalisation, ownership and access (DESIGN §3 media). Other modules
 * use it for their files: they register who may read their records' media (`registerOwner`),
 * offer upload policies (`registerUploadPolicy`), and attach an upload to a record inside their
 * own transaction (`attach`).
 */
export class MediaService {
  private readonly access = new MediaAccessPolicy();
  private readonly policies = new Map<string, UploadPolicy>(Object.entries(BUILT_IN_UPLOAD_POLICIES));
  /** Imagemap widths being made, by store key, so concurrent requests share one resize. */
  private readonly resizing = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly orm: MikroORM,
    private readonly store: MediaStore,
    private readonly audit: AuditService,
    private readonly rateLimiter: RateLimiter,
    private readonly logger: Logger,
    private readonly publicUrl: string,
  ) {}

  /** A feature says who may read the media attached to its records of `ownerType` (`<feature>.<thing>`). */
  registerOwner(ownerType: string, policy: MediaOwnerPolicy): void {
    this.access.registerOwner(ownerType, policy);
  }

  /** A feature offers an upload policy on `POST /media/uploads?policy=<name>` (`reports.photo`). */
  registerUploadPolicy(name: string, policy: UploadPolicy): void {
    if (!POLICY_NAME.test(name)) throw new Error(`upload policy name ${name} is not like reports.photo`);
    if (this.policies.has(name)) throw new Error(`upload policy ${name} is registered twice`);
    checkPolicy(name, policy);
    this.policies.set(name, policy);
  }

  uploadPolicy(name: string): UploadPolicy | undefined {
    return this.policies.get(name);
  }

  /**
   * Before the upload route reads a body: the policy exists, this actor may upload with it, and
   * residents and anonymous clients are within their rate limit. Staff and API keys go through
   * the one gate with the policy's permission (API keys have their own request limit).
   */
  async admitUpload(ctx: ServiceContext, policyName: string): Promise<UploadPolicy> {
    const policy = this.policies.get(policyName);
    if (!policy) throw fileRefused(MediaRefusal.UNKNOWN_UPLOAD_POLICY, 'アップロードの種類（policy）が正しくありません。');
    const actor = ctx.actor;
    switch (actor.kind) {
      case 'staff':
      case 'apiKey':
        requirePermission(actor, policy.uploaders.staffPermission ?? 'media.upload');
        break;
      case 'system':
        break;
      case 'resident':
        if (!policy.uploaders.residents) throw forbidden('このファイルはアップロードできません。', MediaRefusal.UPLOAD_NOT_ALLOWED);
        await this.withinRateLimit(`media-upload:resident:${actor.residentId}`);
        break;
      case 'anonymous':
        if (!policy.uploaders.anonymous) throw unauthenticated();
        await this.withinRateLimit(`media-upload:ip:${ctx.meta.ip ?? 'unknown'}`);
        break;
    }
    if (policy.fetchedByLine && !this.publicUrl.startsWith('https://')) {
      throw fileRefused(
        MediaRefusal.PUBLIC_URL_NOT_HTTPS,
        'LINEは https の画像しか取得できないため、この環境ではLINEに送る画像をアップロードできません（公開URL PUBLIC_URL が http です）。https で始まる画像のURLを入力してください。',
      );
    }
    return policy;
  }

  private async withinRateLimit(key: string): Promise<void> {
    const hit = await this.rateLimiter.hit(key, UPLOAD_RATE_LIMIT.uploads, UPLOAD_RATE_LIMIT.windowSeconds);
    if (!hit.allowed) throw rateLimited(hit.retryAfterSeconds);
  }

  /**
   * Checks a file against a policy on its bytes (size, then the type file-type detects; the name
   * and the client's Content-Type are never consulted) and refuses it before anything is stored.
   * Images are normalised (upright, within the edge, re-encoded without EXIF, thumbnail), with
   * their shooting time and position read first when the policy asks. The bytes are stored, then
   * the row is written in one transaction (audited for staff and API keys); if that fails the
   * stored bytes are removed again. The object is unattached until a feature attaches it.
   */
  async ingest(ctx: ServiceContext, bytes: Buffer, policy: MediaPolicy, options: IngestOptions = {}): Promise<MediaObject> {
    const actor = ctx.actor;
    if (actor.kind === 'staff' || actor.kind === 'apiKey') requirePermission(actor, options.staffPermission ?? 'media.upload');
    if (actor.kind === 'anonymous' && !options.uploadToken) throw unauthenticated();
    if (bytes.length === 0) throw fileRefused(MediaRefusal.FILE_EMPTY, 'ファイルが空です。');
    if (bytes.length > policy.maxBytes) {
      throw fileRefused(MediaRefusal.FILE_TOO_LARGE, `ファイルが大きすぎます（上限 ${sizeLabel(policy.maxBytes)}）`);
    }
    const type = await detectType(bytes);
    if (!type || !policy.allowedTypes.includes(type)) {
      throw fileRefused(MediaRefusal.FILE_TYPE_NOT_ALLOWED, `ファイルの種類が対応していません（${typeLabels(policy.allowedTypes)} のみ）`);
    }

    const id = randomUUID();
    let stored: { body: Buffer; contentType: string; width: number | null; height: number | null; thumbnail: Buffer | null };
    let facts: { takenAt: Date | null; location: GeoPosition | null } = { takenAt: null, location: null };
    if (MEDIA_TYPES[type].image) {
      if (!policy.image) throw new Error(`media policy ${options.policyName ?? ''} allows images but has no image options`);
      const image = await normaliseImage(bytes, type, policy.image);
      stored = { body: image.body, contentType: image.contentType, width: image.width, height: image.height, thumbnail: image.thumbnail };
      facts = image.facts;
    } else {
      stored = { body: bytes, contentType: type, width: null, height: null, thumbnail: null };
    }

    const storageKey = mediaKey(id, 'original');
    const thumbnailKey = stored.thumbnail ? mediaKey(id, 'thumbnail') : null;
    const written: string[] = [];
    try {
      await this.store.put(storageKey, stored.body, { contentType: stored.contentType, byteSize: stored.body.length });
      written.push(storageKey);
      if (thumbnailKey && stored.thumbnail) {
        await this.store.put(thumbnailKey, stored.thumbnail, { contentType: stored.contentType, byteSize: stored.thumbnail.length });
        written.push(thumbnailKey);
      }
      return await inTransaction(
        ctx,
        async (tx) => {
          const media = tx.em.create(MediaObject, {
            id,
            visibility: policy.visibility === 'PUBLIC' ? MediaVisibility.PUBLIC : MediaVisibility.PRIVATE,
            policy: (options.policyName ?? 'custom').slice(0, 60),
            contentType: stored.contentType,
            byteSize: stored.body.length,
            sha256: createHash('sha256').update(stored.body).digest('hex'),
            width: stored.width,
            height: stored.height,
            storageKey,
            thumbnailKey,
            ...uploaderOf(tx.actor, options.uploadToken),
            takenAt: facts.takenAt,
            location: facts.location ? JSON.stringify(facts.location) : null,
          });
          tx.em.persist(media);
          await tx.em.flush();
          if (actor.kind === 'staff' || actor.kind === 'apiKey') {
            await this.audit.record(tx, {
              action: 'media.upload',
              targetType: 'MediaObject',
              targetId: id,
              summary: { policy: media.policy, contentType: media.contentType, byteSize: media.byteSize, visibility: media.visibility },
            });
          }
          return media;
        },
        this.logger,
      );
    } catch (err) {
      await this.deleteKeys(written);
      throw err;
    }
  }

  /**
   * Attaches an unattached upload to a record, inside the caller's transaction; only its uploader
   * may (anonymous ones with their upload token). Attaching it again to the same record changes
   * nothing. Anything else (no such upload, someone else's, attached elsewhere) is NOT_FOUND,
   * all alike.
   */
  async attach(
    tx: TxContext,
    mediaId: string,
    ownerType: string,
    ownerId: string,
    options: { uploadToken?: string } = {},
  ): Promise<MediaObject> {
    if (!this.access.isOwnerType(ownerType)) throw new Error(`media owner type ${ownerType} is not registered`);
    if (!UUID.test(ownerId)) throw new Error('a media owner id is a UUID');
    if (!UUID.test(mediaId)) throw notFound('ファイル');
    const media = await tx.em.findOne(MediaObject, { id: mediaId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!media) throw notFound('ファイル');
    if (media.ownerType === ownerType && media.ownerId === ownerId) return media;
    if (media.ownerType || !isUploader(tx.actor, media, options.uploadToken)) throw notFound('ファイル');
    media.ownerType = ownerType;
    media.ownerId = ownerId;
    media.attachedAt = new Date();
    await tx.em.flush();
    return media;
  }

  /** The media of each record, for a feature listing its records' files (one query for them all). */
  async listForOwners(ctx: ServiceContext, ownerType: string, ownerIds: readonly string[]): Promise<Map<string, MediaObject[]>> {
    const ids = [...new Set(ownerIds.filter((id) => UUID.test(id)))];
    const byOwner = new Map<string, MediaObject[]>(ids.map((id) => [id, []]));
    if (!ids.length) return byOwner;
    const found = await ctx.em.find(MediaObject, { ownerType, ownerId: { $in: ids } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    for (const media of found) byOwner.get(media.ownerId!)?.push(media);
    return byOwner;
  }

  /** Deletes a record's media with it (in the caller's transaction); the bytes go once it commits. */
  async removeForOwner(tx: TxContext, ownerType: string, ownerId: string): Promise<number> {
    if (!UUID.test(ownerId)) return 0;
    const found = await tx.em.find(MediaObject, { ownerType, ownerId });
    const keys = found.flatMap((m) => this.storedKeys(m));
    tx.em.remove(found);
    await tx.em.flush();
    tx.afterCommit(() => this.deleteKeys(keys));
    return found.length;
  }

  /** One object's metadata, for the API: media.read and access to the owning record (or being its uploader). */
  async get(ctx: ServiceContext, id: string): Promise<MediaObject> {
    requirePermission(ctx.actor, 'media.read');
    const media = UUID.test(id) ? await ctx.em.findOne(MediaObject, { id }) : null;
    if (!media || !(await this.access.canRead(ctx, media, undefined))) throw notFound('ファイル');
    return media;
  }

  /** A private object's bytes for `GET /media/:id`: NOT_FOUND unless the actor may read it. */
  async open(ctx: ServiceContext, id: string, variant: MediaVariant, uploadToken: string | undefined): Promise<OpenedMedia> {
    const media = UUID.test(id) ? await ctx.em.findOne(MediaObject, { id, visibility: MediaVisibility.PRIVATE }) : null;
    if (!media || !(await this.access.canRead(ctx, media, uploadToken))) throw notFound('ファイル');
    return this.openBytes(media, variant);
  }

  /** A public object's bytes for `GET /media/public/:id`: anyone's, no actor needed (LINE fetches these). */
  async openPublic(id: string, variant: MediaVariant): Promise<OpenedMedia> {
    const media = UUID.test(id) ? await this.orm.em.fork().findOne(MediaObject, { id, visibility: MediaVisibility.PUBLIC }) : null;
    if (!media) throw notFound('ファイル');
    return this.openBytes(media, variant);
  }

  /**
   * A public image of a policy with imagemap widths, at one of them, for `GET
   * /media/public/:id/imagemap/:width` (LINE appends the width to an imagemap's baseUrl). Made
   * from the stored image when first asked for, then kept beside it; requests arriving while it
   * is being made wait for the same resize.
   */
  async openImagemap(id: string, width: number): Promise<OpenedMedia> {
    const media =
      UUID.test(id) && isImagemapWidth(width)
        ? await this.orm.em.fork().findOne(MediaObject, { id, visibility: MediaVisibility.PUBLIC })
        : null;
    if (!media || !isImagemapWidth(width) || !this.policies.get(media.policy)?.imagemap || !media.width) throw notFound('ファイル');
    const variant = `imagemap-${width}` as const;
    const key = mediaKey(media.id, variant);
    const cached = await this.store.getStream(key);
    if (cached) return { media, variant, body: cached.body, byteSize: cached.byteSize, contentType: media.contentType };
    let making = this.resizing.get(key);
    if (!making) {
      making = this.makeImagemap(media, key, width).finally(() => this.resizing.delete(key));
      this.resizing.set(key, making);
    }
    const body = await making;
    return { media, variant, body: Readable.from([body]), byteSize: body.length, contentType: media.contentType };
  }

  private async makeImagemap(media: MediaObject, key: string, width: ImagemapWidth): Promise<Buffer> {
    const stored = await this.store.getBuffer(media.storageKey);
    if (!stored) {
      this.logger.warn({ mediaId: media.id }, 'media row without stored bytes');
      throw notFound('ファイル');
    }
    const body = await imagemapImage(stored, media.contentType, width);
    await this.store.put(key, body, { contentType: media.contentType, byteSize: body.length });
    return body;
  }

  /** Every key the store may hold for an object: its original, thumbnail and the imagemap widths made so far. */
  private storedKeys(media: MediaObject): string[] {
    return [
      media.storageKey,
      ...(media.thumbnailKey ? [media.thumbnailKey] : []),
      ...(this.policies.get(media.policy)?.imagemap ? IMAGEMAP_WIDTHS.map((w) => mediaKey(media.id, `imagemap-${w}`)) : []),
    ];
  }

  private async openBytes(media: MediaObject, variant: MediaVariant): Promise<OpenedMedia> {
    // Imagemap widths are made on demand (openImagemap), never opened here.
    const key = variant === 'original' ? media.storageKey : variant === 'thumbnail' ? media.thumbnailKey : null;
    if (!key) throw notFound('ファイル');
    const opened = await this.store.getStream(key);
    if (!opened) {
      this.logger.warn({ mediaId: media.id, variant }, 'media row without stored bytes');
      throw notFound('ファイル');
    }
    return { media, variant, body: opened.body, byteSize: opened.byteSize, contentType: media.contentType };
  }

  /** The shooting position read from EXIF, when the upload's policy asked for it (personal data). */
  locationOf(media: MediaObject): GeoPosition | null {
    if (!media.location) return null;
    const parsed = JSON.parse(media.location) as GeoPosition;
    return typeof parsed.latitude === 'number' && typeof parsed.longitude === 'number' ? parsed : null;
  }

  /** Where the object is read: the stable public URL, or the private one that checks access. */
  urlOf(media: MediaObject): string {
    return `${this.publicUrl}/media/${media.visibility === MediaVisibility.PUBLIC ? 'public/' : ''}${media.id}`;
  }

  thumbnailUrlOf(media: MediaObject): string | null {
    return media.thumbnailKey ? `${this.urlOf(media)}/thumbnail` : null;
  }

  /** An imagemap's `baseUrl` for a public image whose policy serves the widths; null for others. */
  imagemapBaseUrlOf(media: MediaObject): string | null {
    return media.visibility === MediaVisibility.PUBLIC && media.width && this.policies.get(media.policy)?.imagemap
      ? `${this.urlOf(media)}/imagemap`
      : null;
  }

  /**
   * Deletes uploads that nobody attached within 24 hours, rows and bytes (the job
   * `media.purgeUnattached`). Rows go first, in batches under `skip locked` (an attach racing a
   * purge waits for the row, then finds it gone); the bytes after each batch commits. Returns the
   * number of objects removed.
   */
  async purgeUnattached(now: Date = new Date()): Promise<{ deleted: number }> {
    const cutoff = new Date(now.getTime() - UNATTACHED_LIFETIME_MS);
    const ctx: ServiceContext = {
      em: this.orm.em.fork(),
      actor: { kind: 'system', name: 'media-purge' },
      meta: { requestId: `media-purge-${randomUUID()}`, ip: null, userAgent: null, trace: { auditWrites: 0 } },
    };
    const kept = [...this.policies].filter(([, policy]) => policy.keepUnattached).map(([name]) => name);
    let deleted = 0;
    for (;;) {
      const batch = await inTransaction(
        ctx,
        async (tx) => {
          const old = await tx.em.find(
            MediaObject,
            { ownerType: null, createdAt: { $lt: cutoff }, ...(kept.length ? { policy: { $nin: kept } } : {}) },
            { orderBy: { createdAt: 'asc' }, limit: PURGE_BATCH, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
          );
          if (!old.length) return [];
          tx.em.remove(old);
          await tx.em.flush();
          await this.audit.record(tx, {
            action: 'media.purgeUnattached',
            summary: { deleted: old.length, createdBefore: cutoff.toISOString() },
            departmentId: null,
          });
          return old;
        },
        this.logger,
      );
      await this.deleteKeys(batch.flatMap((m) => this.storedKeys(m)));
      deleted += batch.length;
      if (batch.length < PURGE_BATCH) break;
    }
    return { deleted };
  }

  private async deleteKeys(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      try {
        await this.store.delete(key);
      } catch (err) {
        this.logger.warn({ err, key }, 'could not delete stored media bytes');
      }
    }
  }
}

/** The type the bytes are, as file-type detects it; null for anything media does not know. */
export async function detectType(bytes: Buffer): Promise<MediaContentType | null> {
  const detected = await fileTypeFromBuffer(bytes);
  return detected && isMediaContentType(detected.mime) ? detected.mime : null;
}
