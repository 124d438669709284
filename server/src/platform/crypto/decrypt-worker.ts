import { Worker } from 'node:worker_threads';

/**
 * A worker thread with its own copy of the keyring, for Keyring.decryptMany: a delivery opens 500
 * LINE user ids per multicast request, and doing that on the event loop made it a third of the job
 * runner's work there (each value needs its own AES-GCM context). The worker runs keyring.ts
 * itself (through tsx when the process runs from source), so the field format has one
 * implementation. It keeps the process alive only while it has work.
 */
export class DecryptWorker {
  private readonly requests = new Map<number, { resolve(plain: string[]): void; reject(error: Error): void }>();
  private next = 0;
  /** Set once the worker could not load the keyring or died: callers decrypt in their own thread. */
  broken = false;

  private constructor(private readonly worker: Worker) {
    worker.unref();
    worker.on('message', (message: WorkerAnswer) => {
      const request = this.requests.get(message.id);
      if (!request) return;
      this.settled(message.id);
      if (message.plain) request.resolve(message.plain);
      else {
        if (message.failure === 'load') this.broken = true;
        request.reject(new Error(message.message ?? 'decryption failed'));
      }
    });
    const fail = (error: Error) => {
      this.broken = true;
      for (const [id, request] of this.requests) {
        this.settled(id);
        request.reject(error);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the decryption worker exited (code ${code})`)));
  }

  /** `keyringModule`: keyring.ts's own URL (import.meta.url), which the worker imports. */
  static start(keyringModule: string, keys: ReadonlyMap<string, Buffer>, activeKeyId: string, hashKey: Buffer): DecryptWorker {
    // From source (tests, tsx) the worker loads keyring.ts through tsx; built, the .js as the process does.
    const fromSource = keyringModule.endsWith('.ts');
    return new DecryptWorker(
      new Worker(WORKER_SOURCE, { eval: true, workerData: { keyringModule, fromSource, keys: [...keys], activeKeyId, hashKey } }),
    );
  }

  /** Requests sent and not answered yet. */
  get pending(): number {
    return this.requests.size;
  }

  /** The plaintexts in order; rejects if the worker failed (the caller decrypts in its own thread then). */
  decrypt(sealed: readonly string[]): Promise<string[]> {
    const id = this.next++;
    if (this.requests.size === 0) this.worker.ref();
    return new Promise<string[]>((resolve, reject) => {
      this.requests.set(id, { resolve, reject });
      this.worker.postMessage({ id, sealed });
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }

  private settled(id: number): void {
    this.requests.delete(id);
    if (this.requests.size === 0) this.worker.unref();
  }
}

interface WorkerAnswer {
  id: number;
  plain?: string[];
  failure?: 'load' | 'value';
  message?: string;
}

/** The worker's code (CommonJS, as `eval` workers are): a Keyring from keyring.ts, one request at a time. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const loaded = (
  workerData.fromSource
    ? import('tsx/esm/api').then(({ tsImport }) => tsImport(workerData.keyringModule, workerData.keyringModule))
    : import(workerData.keyringModule)
).then(({ Keyring }) => new Keyring(
  new Map(workerData.keys.map(([id, key]) => [id, Buffer.from(key)])),
  workerData.activeKeyId,
  Buffer.from(workerData.hashKey),
));
loaded.catch(() => undefined);
parentPort.on('message', ({ id, sealed }) => {
  loaded.then(
    (keyring) => {
      try {
        parentPort.postMessage({ id, plain: sealed.map((value) => keyring.decrypt(value)) });
      } catch (error) {
        parentPort.postMessage({ id, failure: 'value', message: String(error && error.message) });
      }
    },
    (error) => parentPort.postMessage({ id, failure: 'load', message: String(error && error.message) }),
  );
});
`;
