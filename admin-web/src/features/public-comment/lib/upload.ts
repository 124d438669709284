/** A document's bytes to the media module (`POST /media/uploads?policy=public-comment.document`). */
export async function uploadDocument(file: File): Promise<{ id: string }> {
  const res = await fetch('/media/uploads?policy=public-comment.document', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': file.type || 'application/octet-stream' },
    body: file,
  });
  const body = (await res.json().catch(() => null)) as { id?: string; errors?: Array<{ message?: string }> } | null;
  if (!res.ok || !body?.id) throw new Error(body?.errors?.[0]?.message ?? `HTTP ${res.status}`);
  return { id: body.id };
}
