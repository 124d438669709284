/**
 * A client for the LINE emulator's control API (`/_emulator/...`). Pass a getter when the emulator
 * is started in beforeAll: `const control = emulatorControl(() => emulator);`. The request body is
 * sent as JSON; a failing status throws with the response text; 204 gives undefined, any other
 * response its parsed JSON.
 */
export function emulatorControl(
  emulator: { url: string } | (() => { url: string }),
): <T = any>(method: string, path: string, body?: unknown) => Promise<T> {
  return async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    const { url } = typeof emulator === 'function' ? emulator() : emulator;
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
}
