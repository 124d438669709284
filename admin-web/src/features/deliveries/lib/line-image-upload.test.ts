import { describe, expect, it } from 'vitest';
import { LINE_IMAGE, checkLineImage, imagemapBaseSize, uploadLineImage } from './line-image-upload';
import type { UploadTransport } from './line-image-upload';
import { IMAGEMAP_SKELETON, imagemapWithImage } from './messages';

const MB = 1024 * 1024;
const file = (name: string, type: string, size: number) => new File([new Uint8Array(size)], name, { type });

const ANSWER = {
  id: 'media-1',
  contentType: 'image/png',
  byteSize: 2048,
  width: 1600,
  height: 800,
  url: 'https://line.city.example.jp/media/public/media-1',
  thumbnailUrl: 'https://line.city.example.jp/media/public/media-1/thumbnail',
  imagemapBaseUrl: 'https://line.city.example.jp/media/public/media-1/imagemap',
};

/** A transport that records what it was asked to send and answers as told. */
function recording(answer: { status: number; body: unknown } | Error) {
  const sent: Array<{ url: string; body: Blob; contentType: string }> = [];
  const transport: UploadTransport = async (url, body, contentType, onProgress) => {
    sent.push({ url, body, contentType });
    onProgress(50);
    onProgress(100);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { sent, transport };
}

describe('checkLineImage', () => {
  it('takes JPEG and PNG up to the line-image policy’s 10MB, by type or, without one, by name', () => {
    expect(LINE_IMAGE.maxBytes).toBe(10 * MB);
    expect(checkLineImage(file('a.png', 'image/png', 10 * MB))).toBeNull();
    expect(checkLineImage(file('a.jpg', 'image/jpeg', 1))).toBeNull();
    expect(checkLineImage(file('a.JPEG', '', 1))).toBeNull();
    expect(checkLineImage(file('a.png', 'image/png', 10 * MB + 1))).toBe('tooLarge');
    expect(checkLineImage(file('a.gif', 'image/gif', 10))).toBe('wrongType');
    expect(checkLineImage(file('a.webp', 'image/webp', 10))).toBe('wrongType');
    expect(checkLineImage(file('a.pdf', '', 10))).toBe('wrongType');
    expect(checkLineImage(file('a.png', 'image/png', 0))).toBe('empty');
  });
});

describe('uploadLineImage', () => {
  it('sends the bytes themselves to the line-image policy and answers the public URLs', async () => {
    const { sent, transport } = recording({ status: 201, body: ANSWER });
    const progress: number[] = [];
    const png = file('map.png', 'image/png', 2048);
    const outcome = await uploadLineImage(png, (p) => progress.push(p), transport);
    expect(outcome).toEqual({
      kind: 'ok',
      image: {
        id: 'media-1',
        url: ANSWER.url,
        thumbnailUrl: ANSWER.thumbnailUrl,
        imagemapBaseUrl: ANSWER.imagemapBaseUrl,
        width: 1600,
        height: 800,
      },
    });
    expect(sent).toEqual([{ url: '/media/uploads?policy=line-image', body: png, contentType: 'image/png' }]);
    expect(progress).toEqual([50, 100]);
  });

  it('sends nothing for a file refused here', async () => {
    const { sent, transport } = recording({ status: 201, body: ANSWER });
    expect(await uploadLineImage(file('big.jpg', 'image/jpeg', 10 * MB + 1), () => undefined, transport)).toEqual({
      kind: 'invalid',
      problem: 'tooLarge',
    });
    expect(await uploadLineImage(file('anim.gif', 'image/gif', 10), () => undefined, transport)).toEqual({
      kind: 'invalid',
      problem: 'wrongType',
    });
    expect(sent).toEqual([]);
  });

  it('passes on the server’s refusal in its words, and tells a failure from a refusal', async () => {
    const message = 'LINEは https の画像しか取得できないため、この環境ではLINEに送る画像をアップロードできません。';
    const refused = recording({ status: 400, body: { errors: [{ message, extensions: { reason: 'PUBLIC_URL_NOT_HTTPS' } }] } });
    expect(await uploadLineImage(file('a.png', 'image/png', 10), () => undefined, refused.transport)).toEqual({ kind: 'refused', message });
    const wordless = recording({ status: 403, body: null });
    expect(await uploadLineImage(file('a.png', 'image/png', 10), () => undefined, wordless.transport)).toEqual({
      kind: 'refused',
      message: null,
    });
    for (const answer of [{ status: 500, body: null }, { status: 201, body: { id: 'x' } }, new Error('offline')]) {
      expect(await uploadLineImage(file('a.png', 'image/png', 10), () => undefined, recording(answer).transport)).toEqual({
        kind: 'failed',
      });
    }
  });
});

describe('imagemapWithImage', () => {
  it('puts the uploaded image’s baseUrl and its size at 1040 wide into the JSON, keeping the rest', () => {
    expect(imagemapBaseSize({ width: 2000, height: 1000 })).toEqual({ width: 1040, height: 520 });
    expect(imagemapBaseSize({ width: 300, height: 301 })).toEqual({ width: 1040, height: 1043 });
    const json = JSON.stringify(IMAGEMAP_SKELETON, null, 2);
    const next = imagemapWithImage(json, { imagemapBaseUrl: ANSWER.imagemapBaseUrl, width: 1600, height: 800 });
    expect(JSON.parse(next!)).toEqual({
      ...IMAGEMAP_SKELETON,
      baseUrl: ANSWER.imagemapBaseUrl,
      baseSize: { width: 1040, height: 520 },
    });
    expect(Object.keys(JSON.parse(next!) as object)).toEqual(Object.keys(IMAGEMAP_SKELETON));
  });

  it('leaves JSON that is not an object alone', () => {
    const image = { imagemapBaseUrl: ANSWER.imagemapBaseUrl, width: 10, height: 10 };
    expect(imagemapWithImage('{ "baseUrl": ', image)).toBeNull();
    expect(imagemapWithImage('[]', image)).toBeNull();
  });
});
