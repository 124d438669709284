import type { PermissionKey } from '../../platform/auth/permissions.js';

/**
 * What an upload may be, per use (a form's file field, a report's photo, a rich menu image): the
 * limits `MediaService.ingest` checks on the bytes, and how images are normalised.
 */

/** The types media knows how to check and store, as detected from the bytes (file-type). */
export const MEDIA_TYPES = {
  'image/jpeg': { label: 'JPEG', extension: 'jpg', image: true },
  'image/png': { label: 'PNG', extension: 'png', image: true },
  'image/webp': { label: 'WebP', extension: 'webp', image: true },
  'image/avif': { label: 'AVIF', extension: 'avif', image: true },
  'application/pdf': { label: 'PDF', extension: 'pdf', image: false },
} as const satisfies Record<string, { label: string; extension: string; image: boolean }>;

export type MediaContentType = keyof typeof MEDIA_TYPES;

export function isMediaContentType(mime: string): mime is MediaContentType {
  return Object.hasOwn(MEDIA_TYPES, mime);
}

export interface ImageOptions {
  /** The stored image fits within this many pixels on its longer edge (smaller ones stay as they are). */
  readonly maxEdge: number;
  /** A thumbnail fitting within this edge is stored beside it; 0 for none. */
  readonly thumbnailEdge: number;
  /** Read the shooting time and GPS position from EXIF before it is removed (reports' photos). */
  readonly readLocationAndTime?: boolean;
  /** Refuse images with more pixels than this before decoding them (decompression bombs). Default 40 MP. */
  readonly maxInputPixels?: number;
}

/** The limits of one use, as `MediaService.ingest` applies them. */
export interface MediaPolicy {
  readonly maxBytes: number;
  readonly allowedTypes: readonly MediaContentType[];
  /** PUBLIC: served at a stable URL to anyone (LINE fetches message images); PRIVATE: only to those the owner allows. */
  readonly visibility: 'PUBLIC' | 'PRIVATE';
  /** How images are normalised; required when an image type is allowed. */
  readonly image?: ImageOptions;
}

/** A policy the upload route offers (`POST /media/uploads?policy=<name>`), with who may use it there. */
export interface UploadPolicy extends MediaPolicy {
  readonly uploaders: {
    /** Staff and API keys need this permission (media.upload, the default, or a feature's own). */
    readonly staffPermission?: PermissionKey;
    /** Signed-in residents (LIFF or web session) may upload. */
    readonly residents: boolean;
    /** Anyone, identified by an upload token (public forms without sign-in); rate-limited per address. */
    readonly anonymous: boolean;
  };
  /**
   * LINE fetches these itself from their public URL, which it takes only over https: under an
   * http PUBLIC_URL (a development setup) uploads are refused rather than stored at a URL LINE
   * would never fetch.
   */
  readonly fetchedByLine?: boolean;
  /**
   * Kept when no feature attaches them (the purge leaves them): messages name them by URL, in
   * deliveries, their copies and step plans alike, so no one record owns them.
   */
  readonly keepUnattached?: boolean;
  /** Also served in LINE's imagemap widths, `<url>/imagemap/<240|300|460|700|1040>` (resized once, then kept). */
  readonly imagemap?: boolean;
}

/** The widths LINE asks an imagemap's `baseUrl` for (`<baseUrl>/<width>`), as its devices need them. */
export const IMAGEMAP_WIDTHS = [240, 300, 460, 700, 1040] as const;
export type ImagemapWidth = (typeof IMAGEMAP_WIDTHS)[number];

export function isImagemapWidth(width: number): width is ImagemapWidth {
  return (IMAGEMAP_WIDTHS as readonly number[]).includes(width);
}

export const DEFAULT_MAX_INPUT_PIXELS = 40_000_000;

const MB = 1024 * 1024;

/**
 * The policies every deployment has. Features register their own beside them
 * (`media.registerUploadPolicy('reports.photo', {...})`).
 */
export const BUILT_IN_UPLOAD_POLICIES = {
  /** A file a resident or staff member attaches to a record (form answers, consultations): private. */
  attachment: {
    maxBytes: 10 * MB,
    allowedTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'application/pdf'],
    visibility: 'PRIVATE',
    image: { maxEdge: 2048, thumbnailEdge: 320 },
    uploaders: { residents: true, anonymous: true },
  },
  /**
   * An image staff send in LINE messages (image, a video's preview, an imagemap): public, so LINE
   * can fetch it, over https only. LINE takes JPEG and PNG up to 10 MB; the thumbnail is the
   * preview image (LINE: up to 1 MB, 240 px suggested). Only deliveries compose LINE messages, so
   * uploading needs the permission to compose them.
   */
  'line-image': {
    maxBytes: 10 * MB,
    allowedTypes: ['image/jpeg', 'image/png'],
    visibility: 'PUBLIC',
    image: { maxEdge: 2048, thumbnailEdge: 240 },
    uploaders: { staffPermission: 'deliveries.manage', residents: false, anonymous: false },
    fetchedByLine: true,
    keepUnattached: true,
    imagemap: true,
  },
} as const satisfies Record<string, UploadPolicy>;

export const DEFAULT_UPLOAD_POLICY = 'attachment';

/** 「JPEG・PNG・PDF」: the allowed types as people name them. */
export function typeLabels(types: readonly MediaContentType[]): string {
  return [...new Set(types.map((t) => MEDIA_TYPES[t].label))].join('・');
}

/** 「10MB」「512KB」 */
export function sizeLabel(bytes: number): string {
  if (bytes >= MB) return `${Math.floor((bytes / MB) * 10) / 10}MB`;
  return `${Math.max(1, Math.floor(bytes / 1024))}KB`;
}

/** A policy that cannot work is a programming error, found when it is registered. */
export function checkPolicy(name: string, policy: MediaPolicy): void {
  if (!Number.isInteger(policy.maxBytes) || policy.maxBytes < 1)
    throw new Error(`media policy ${name}: maxBytes must be a positive integer`);
  if (policy.allowedTypes.length === 0) throw new Error(`media policy ${name}: allowedTypes is empty`);
  for (const type of policy.allowedTypes) {
    if (!isMediaContentType(type)) throw new Error(`media policy ${name}: unknown type ${String(type)}`);
  }
  const image = policy.image;
  if (policy.allowedTypes.some((t) => MEDIA_TYPES[t].image)) {
    if (!image) throw new Error(`media policy ${name}: allows images but has no image options`);
    if (!Number.isInteger(image.maxEdge) || image.maxEdge < 16) throw new Error(`media policy ${name}: image.maxEdge must be at least 16`);
    if (!Number.isInteger(image.thumbnailEdge) || image.thumbnailEdge < 0 || image.thumbnailEdge > image.maxEdge) {
      throw new Error(`media policy ${name}: image.thumbnailEdge must be between 0 and maxEdge`);
    }
  }
}
