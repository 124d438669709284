/**
 * Images for LINE messages, uploaded to the media module's `line-image` policy
 * (server/src/modules/media/media-policy.ts): public, so LINE can fetch them, at https URLs only.
 * The limits are checked here first for comfort, with the server's words; the server checks
 * again, on the bytes, and its refusal is shown as it says it.
 */
export const LINE_IMAGE = {
  policy: 'line-image',
  maxBytes: 10 * 1024 * 1024,
  /** 「10MB」, as the server words it. */
  maxLabel: '10MB',
  types: ['image/jpeg', 'image/png'] as const,
  /** 「JPEG・PNG」 */
  typesLabel: 'JPEG・PNG',
  /** What the file picker offers. */
  accept: 'image/jpeg,image/png,.jpg,.jpeg,.png',
};

/** An uploaded image's public URLs and its size, as `POST /media/uploads` answers. */
export interface UploadedLineImage {
  id: string;
  url: string;
  /** 240 pixels on its longer edge: what LINE shows before the image is opened. */
  thumbnailUrl: string;
  /** An imagemap's baseUrl (the server serves `<baseUrl>/<240|300|460|700|1040>`). */
  imagemapBaseUrl: string | null;
  width: number;
  height: number;
}

/** Why a file is refused before it is sent. */
export type LineImageProblem = 'tooLarge' | 'wrongType' | 'empty';

/**
 * What is wrong with a file for a LINE image, by its size and the type the browser gives it
 * (from its name); null when it may be sent.
 */
export function checkLineImage(file: { size: number; type: string; name: string }): LineImageProblem | null {
  const byType = file.type ? (LINE_IMAGE.types as readonly string[]).includes(file.type) : /\.(jpe?g|png)$/i.test(file.name);
  if (!byType) return 'wrongType';
  if (file.size === 0) return 'empty';
  if (file.size > LINE_IMAGE.maxBytes) return 'tooLarge';
  return null;
}

export type UploadOutcome =
  | { kind: 'ok'; image: UploadedLineImage }
  /** The server refused the file (type, size, an http PUBLIC_URL, permission), in its own words when it gave them. */
  | { kind: 'refused'; message: string | null }
  /** The network or the server failed. */
  | { kind: 'failed' };

/** Sends a body and answers the status and parsed JSON (null when it was not JSON); reports progress in percent. */
export type UploadTransport = (
  url: string,
  body: Blob,
  contentType: string,
  onProgress: (percent: number) => void,
) => Promise<{ status: number; body: unknown }>;

/** XMLHttpRequest, for the upload's progress (fetch reports none). */
export const xhrTransport: UploadTransport = (url, body, contentType, onProgress) =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', contentType);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(xhr.responseText) as unknown;
      } catch {
        parsed = null;
      }
      resolve({ status: xhr.status, body: parsed });
    };
    xhr.onerror = () => reject(new Error('upload failed'));
    xhr.onabort = () => reject(new Error('upload aborted'));
    xhr.send(body);
  });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function uploaded(body: unknown): UploadedLineImage | null {
  if (!isRecord(body)) return null;
  const { id, url, thumbnailUrl, imagemapBaseUrl, width, height } = body;
  if (typeof id !== 'string' || typeof url !== 'string' || typeof thumbnailUrl !== 'string') return null;
  if (typeof width !== 'number' || typeof height !== 'number') return null;
  return { id, url, thumbnailUrl, imagemapBaseUrl: typeof imagemapBaseUrl === 'string' ? imagemapBaseUrl : null, width, height };
}

/** The first error's message of the server's answer (`{ errors: [{ message }] }`). */
function serverMessage(body: unknown): string | null {
  if (!isRecord(body) || !Array.isArray(body['errors'])) return null;
  const first: unknown = body['errors'][0];
  return isRecord(first) && typeof first['message'] === 'string' ? first['message'] : null;
}

/**
 * `POST /media/uploads?policy=line-image` with the file's bytes as the body (never a form: the
 * server refuses those). Checks the file first and sends nothing when it is refused here.
 */
export async function uploadLineImage(
  file: File,
  onProgress: (percent: number) => void,
  transport: UploadTransport = xhrTransport,
): Promise<UploadOutcome | { kind: 'invalid'; problem: LineImageProblem }> {
  const problem = checkLineImage(file);
  if (problem) return { kind: 'invalid', problem };
  let answer: { status: number; body: unknown };
  try {
    answer = await transport(`/media/uploads?policy=${LINE_IMAGE.policy}`, file, file.type || 'application/octet-stream', onProgress);
  } catch {
    return { kind: 'failed' };
  }
  if (answer.status === 201) {
    const image = uploaded(answer.body);
    return image ? { kind: 'ok', image } : { kind: 'failed' };
  }
  if (answer.status >= 400 && answer.status < 500) return { kind: 'refused', message: serverMessage(answer.body) };
  return { kind: 'failed' };
}

/** LINE's imagemaps are 1040 wide; the height keeps the image's proportions. */
export function imagemapBaseSize(image: { width: number; height: number }): { width: number; height: number } {
  return { width: 1040, height: Math.max(1, Math.round((1040 * image.height) / image.width)) };
}
