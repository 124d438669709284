import type { UploadedFile } from './answer-storage';

/** The server's `attachment` upload policy (server/src/modules/media/media-policy.ts); the server checks again, on the bytes. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif'] as const;
export const PDF_TYPE = 'application/pdf';

export type UploadResult =
  { kind: 'ok'; file: UploadedFile } | { kind: 'refused'; message: string | null; tooLarge: boolean } | { kind: 'failed' };

/** 「10MB」「512KB」, as the server words its limits. */
export function sizeLabel(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= mb) return `${Math.floor((bytes / mb) * 10) / 10}MB`;
  return `${Math.max(1, Math.floor(bytes / 1024))}KB`;
}

/**
 * `POST /media/uploads?policy=attachment` with the file's bytes as the body (never a form: the
 * server refuses those, so no other site can upload through a resident's browser).
 */
export async function uploadAttachment(file: File, fetchFn: typeof fetch = (...args) => window.fetch(...args)): Promise<UploadResult> {
  let response: Response;
  try {
    response = await fetchFn('/media/uploads?policy=attachment', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': file.type || 'application/octet-stream' },
      body: file,
    });
  } catch {
    return { kind: 'failed' };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (response.status === 201 && typeof body === 'object' && body !== null) {
    const b = body as { id?: unknown; contentType?: unknown; byteSize?: unknown; thumbnailUrl?: unknown; uploadToken?: unknown };
    if (typeof b.id === 'string') {
      return {
        kind: 'ok',
        file: {
          id: b.id,
          name: file.name,
          contentType: typeof b.contentType === 'string' ? b.contentType : file.type,
          byteSize: typeof b.byteSize === 'number' ? b.byteSize : file.size,
          thumbnailUrl: typeof b.thumbnailUrl === 'string' ? b.thumbnailUrl : null,
          ...(typeof b.uploadToken === 'string' ? { uploadToken: b.uploadToken } : {}),
        },
      };
    }
  }
  if (response.status >= 400 && response.status < 500) {
    return { kind: 'refused', message: errorMessage(body), tooLarge: response.status === 413 };
  }
  return { kind: 'failed' };
}

function errorMessage(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return null;
  const first: unknown = errors[0];
  if (typeof first !== 'object' || first === null) return null;
  const message = (first as { message?: unknown }).message;
  return typeof message === 'string' ? message : null;
}
