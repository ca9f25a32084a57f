/**
 * Reading a QR code from an uploaded photo, off the main thread and never in the way of the upload.
 *
 * sharp shrinks the (already re-encoded) photo to at most QR_SCAN_SIDE pixels and hands over raw RGBA;
 * jsQR (pure JavaScript) looks for a code in it. jsQR is synchronous and takes 100–400 ms on a phone
 * photo, so it runs in one worker thread; a scan that takes longer than its deadline, a queue that is
 * already full, or any error gives null: the upload goes on without pre-filled invoice fields.
 */
import { Worker } from 'node:worker_threads';
import sharp from 'sharp';

/** Longest side of the image jsQR scans: a QR code a fifth of a receipt's width keeps ≥ 5 px per module. */
export const QR_SCAN_SIDE = 1600;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const jsQR = require(workerData.jsqrPath);
parentPort.on('message', (job) => {
  let text = null;
  try {
    const found = jsQR(new Uint8ClampedArray(job.pixels), job.width, job.height, { inversionAttempts: 'dontInvert' });
    text = found ? found.data : null;
  } catch (e) {
    text = null;
  }
  parentPort.postMessage({ id: job.id, text });
});
`;

interface Pending {
  resolve(text: string | null): void;
  timer: NodeJS.Timeout;
}

export class QrDecoder {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private closed = false;

  constructor(private readonly opts: { timeoutMs: number; maxQueued: number } = { timeoutMs: 3000, maxQueued: 4 }) {}

  /** The text of the first QR code found in an image (any format sharp reads), or null. Never rejects. */
  async decodeImage(image: Buffer): Promise<string | null> {
    if (this.closed || this.pending.size >= this.opts.maxQueued) return null;
    try {
      const { data, info } = await sharp(image)
        .resize({ width: QR_SCAN_SIDE, height: QR_SCAN_SIDE, fit: 'inside', withoutEnlargement: true })
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      // A copy in a fresh ArrayBuffer that can be transferred to the worker (sharp's memory cannot).
      const pixels = new Uint8Array(data).buffer;
      return await this.scan(pixels, info.width, info.height);
    } catch {
      return null;
    }
  }

  private scan(pixels: ArrayBuffer, width: number, height: number): Promise<string | null> {
    const worker = this.ensureWorker();
    const id = ++this.seq;
    return new Promise<string | null>((resolve) => {
      const timer = setTimeout(() => {
        // jsQR cannot be interrupted: stop the thread; every scan still queued in it gives null.
        this.restart();
      }, this.opts.timeoutMs);
      this.pending.set(id, { resolve, timer });
      worker.postMessage({ id, pixels, width, height }, [pixels]);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { jsqrPath: require.resolve('jsqr') } });
    w.unref(); // never keeps the process alive
    w.on('message', (m: { id: number; text: string | null }) => this.settle(m.id, typeof m.text === 'string' ? m.text : null));
    w.on('error', () => this.restart());
    w.on('exit', () => {
      if (this.worker === w) this.restart();
    });
    this.worker = w;
    return w;
  }

  private settle(id: number, text: string | null): void {
    const p = this.pending.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(id);
    p.resolve(text);
  }

  private restart(): void {
    const w = this.worker;
    this.worker = null;
    for (const id of [...this.pending.keys()]) this.settle(id, null);
    if (w) void w.terminate().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.restart();
    if (w) await w.terminate().catch(() => undefined);
  }
}
