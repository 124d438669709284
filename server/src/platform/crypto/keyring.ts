import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { DecryptWorker } from './decrypt-worker.js';

const FORMAT = 'v1';
const IV_BYTES = 12;
/** IVs drawn from the CSPRNG per refill; each is used once and the pool never rewinds. */
const IV_POOL_SIZE = 512;
/** decryptMany hands at least this many values to a worker thread; fewer are not worth the hand-over. */
const WORKER_MIN_VALUES = 32;
/** Worker threads of decryptMany at most: a second while the first has work (a delivery's lanes ask at once). */
const DECRYPT_WORKERS = 2;

/**
 * Random 96-bit GCM IVs, fetched from the CSPRNG in blocks. One `randomBytes` call per value showed
 * up as a tenth of the webhook ingestion's CPU; a block per 512 values costs next to nothing and
 * the IVs are exactly as random (each slice of the block is handed out once).
 */
class IvPool {
  private pool = Buffer.alloc(0);
  private offset = 0;

  next(): Buffer {
    if (this.offset + IV_BYTES > this.pool.length) {
      this.pool = randomBytes(IV_BYTES * IV_POOL_SIZE);
      this.offset = 0;
    }
    const iv = this.pool.subarray(this.offset, this.offset + IV_BYTES);
    this.offset += IV_BYTES;
    return iv;
  }
}

/**
 * Field encryption (AES-256-GCM) with key ids so keys can rotate: a stored value names the key it
 * was sealed with (`v1.<keyId>.<iv>.<tag>.<ciphertext>`), new values use the active key, and
 * `keys:rotate` re-seals old ones. The keyed hash (HMAC-SHA256) gives equality look-ups over
 * encrypted values without revealing them.
 */
export class Keyring {
  private readonly hashKey: Buffer;
  private readonly ivs = new IvPool();
  private readonly aads = new Map<string, Buffer>();
  private workers: DecryptWorker[] = [];

  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    readonly activeKeyId: string,
    hashKey: Buffer,
  ) {
    if (!keys.has(activeKeyId)) throw new Error(`active key ${activeKeyId} is not in the keyring`);
    this.hashKey = hashKey;
  }

  encrypt(plaintext: string): string {
    const key = this.keys.get(this.activeKeyId)!;
    const iv = this.ivs.next();
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(`${FORMAT}.${this.activeKeyId}`));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [FORMAT, this.activeKeyId, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [format, keyId, iv, tag, ct] = sealed.split('.');
    if (format !== FORMAT || !keyId || iv === undefined || tag === undefined || ct === undefined) {
      throw new Error('value is not in the encrypted field format');
    }
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`encryption key ${keyId} is not configured (ENCRYPTION_KEYS)`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(this.aad(keyId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    // GCM is a stream cipher: update() returns all of the plaintext, final() only checks the tag.
    const plaintext = decipher.update(Buffer.from(ct, 'base64url'));
    decipher.final();
    return plaintext.toString('utf8');
  }

  /**
   * Many values at once, in order (a delivery's 500 LINE user ids per request): on a worker thread
   * when there are enough of them to be worth the hand-over, so that the event loop goes on with
   * other work meanwhile; here otherwise, and whenever the worker is unavailable or fails (a value
   * that cannot be opened then throws here, as decrypt does).
   */
  async decryptMany(sealed: readonly string[]): Promise<string[]> {
    if (sealed.length >= WORKER_MIN_VALUES) {
      try {
        const worker = this.idleWorker();
        if (worker) return await worker.decrypt(sealed);
      } catch {
        // Decrypted here below, which throws a bad value's own error.
      }
    }
    return sealed.map((value) => this.decrypt(value));
  }

  /**
   * The worker with the least work, starting another (up to DECRYPT_WORKERS) while each has some;
   * none once one of them failed (decryptMany then works in this thread).
   */
  private idleWorker(): DecryptWorker | null {
    if (this.workers.some((w) => w.broken)) return null;
    const least = this.workers.reduce<DecryptWorker | null>((best, w) => (best && best.pending <= w.pending ? best : w), null);
    if (least && (least.pending === 0 || this.workers.length >= DECRYPT_WORKERS)) return least;
    const started = DecryptWorker.start(import.meta.url, this.keys, this.activeKeyId, this.hashKey);
    this.workers.push(started);
    return started;
  }

  /** Stops the worker threads of decryptMany, if any were started (they never keep the process alive while idle). */
  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  /** The additional authenticated data of values sealed with `keyId`, made once per key (a delivery decrypts 500 ids per request). */
  private aad(keyId: string): Buffer {
    let aad = this.aads.get(keyId);
    if (!aad) this.aads.set(keyId, (aad = Buffer.from(`${FORMAT}.${keyId}`)));
    return aad;
  }

  /** The key id a sealed value was encrypted with. */
  static keyIdOf(sealed: string): string | undefined {
    return sealed.split('.')[1];
  }

  /** Deterministic keyed hash for equality look-ups; callers normalise the value first. */
  hash(value: string): string {
    return 'h1:' + createHmac('sha256', this.hashKey).update(value, 'utf8').digest('hex');
  }

  /** A sub-key for another purpose (audit chain, challenge tokens), derived so it never equals the hash key. */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.hashKey, Buffer.alloc(0), `machi-line:${purpose}`, 32));
  }

  static constantTimeEqual(a: string, b: string): boolean {
    const ab = Buffer.from(a);
    const bb = Buffer.from(b);
    return ab.length === bb.length && timingSafeEqual(ab, bb);
  }
}

/**
 * MikroORM's custom types are constructed by the ORM without arguments, so they reach the keyring
 * through this process-wide slot, set once at start by createApp.
 */
let current: Keyring | undefined;
export function installKeyring(keyring: Keyring): void {
  current = keyring;
}
export function keyring(): Keyring {
  if (!current) throw new Error('keyring not installed: createApp must run before entities are used');
  return current;
}
