/**
 * A minimal Server-Sent Events client over node:http for tests and the push bench: parses frames as the
 * EventSource spec does (id / event / data / retry lines, ':' comments), and stamps each frame with the
 * moment it arrived (performance.now()).
 */
import { request, type IncomingMessage, type ClientRequest } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface SseFrame {
  id: string | null;
  event: string;
  data: string;
  receivedAt: number;
}

export class SseClient {
  status = 0;
  headers: IncomingMessage['headers'] = {};
  /** The body when the server answered something other than an event stream (401, 403 …). */
  body = '';
  readonly frames: SseFrame[] = [];
  readonly comments: string[] = [];
  ended = false;
  private req: ClientRequest | null = null;
  private res: IncomingMessage | null = null;
  private waiters: (() => void)[] = [];
  private endWaiters: (() => void)[] = [];

  /** Resolves once the response headers arrived (the stream is open, or refused with a status). */
  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const c = new SseClient();
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { Accept: 'text/event-stream', ...headers }, agent: false });
      c.req = req;
      req.on('error', (e) => (c.status ? c.finish() : reject(e)));
      req.on('response', (res) => {
        c.res = res;
        c.status = res.statusCode ?? 0;
        c.headers = res.headers;
        res.setEncoding('utf8');
        let buf = '';
        const isStream = String(res.headers['content-type'] ?? '').startsWith('text/event-stream');
        res.on('data', (chunk: string) => {
          if (!isStream) {
            c.body += chunk;
            return;
          }
          buf += chunk;
          let m: RegExpExecArray | null;
          while ((m = /\r?\n\r?\n/.exec(buf))) {
            const block = buf.slice(0, m.index);
            buf = buf.slice(m.index + m[0].length);
            c.parse(block);
          }
        });
        res.on('end', () => c.finish());
        res.on('close', () => c.finish());
        resolve(c);
      });
      req.end();
    });
  }

  private parse(block: string): void {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    let any = false;
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':')) {
        this.comments.push(line.slice(1).trim());
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') (id = value), (any = true);
      else if (field === 'event') (event = value), (any = true);
      else if (field === 'data') data.push(value), (any = true);
    }
    if (any && (data.length || event !== 'message')) this.frames.push({ id, event, data: data.join('\n'), receivedAt: performance.now() });
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.wake();
    for (const f of this.endWaiters.splice(0)) f();
  }

  /** Claim frames, parsed. */
  claims<T = Record<string, unknown>>(): (T & { receivedAt: number; frameId: string | null })[] {
    return this.frames.filter((f) => f.event === 'claim').map((f) => ({ ...(JSON.parse(f.data) as T), receivedAt: f.receivedAt, frameId: f.id }));
  }

  /** Waits until `pred` holds over what arrived (checked on every frame), or fails after `ms`. */
  async waitFor(pred: (c: SseClient) => boolean, ms = 2000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + ms;
    while (!pred(this)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`SSE: timed out after ${ms} ms waiting for ${what}; got ${this.frames.map((f) => `${f.event}#${f.id}`).join(',')}`);
      if (this.ended && !pred(this)) throw new Error(`SSE: stream ended while waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  waitEnd(ms = 2000): Promise<void> {
    if (this.ended) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`SSE: stream still open after ${ms} ms`)), ms);
      this.endWaiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  close(): void {
    this.res?.destroy();
    this.req?.destroy();
    this.finish();
  }
}
