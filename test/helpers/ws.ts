/** A real websocket client for lobby tests: it keeps every frame and waits for the ones asked for. */
import WebSocket from 'ws';

export interface Frame {
  type: string;
  [key: string]: unknown;
}

export class LobbyClient {
  readonly frames: Frame[] = [];
  private waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  closed: { code: number; reason: string } | null = null;
  private closedWaiters: ((c: { code: number; reason: string }) => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      for (const w of this.closedWaiters) w(this.closed);
    });
  }

  /** Opens a lobby socket; resolves once open, or rejects with the HTTP status of a refusal. */
  static open(url: string, opts: { sid?: string; origin?: string | null } = {}): Promise<LobbyClient> {
    const headers: Record<string, string> = {};
    if (opts.sid) headers.cookie = `sid=${opts.sid}`;
    const ws = new WebSocket(url, {
      headers,
      ...(opts.origin === null ? {} : { origin: opts.origin ?? 'http://twinning.test' }),
    });
    const client = new LobbyClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('end', () => reject(new Refused(res.statusCode ?? 0, body)));
      });
      ws.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' || Buffer.isBuffer(frame) ? frame : JSON.stringify(frame));
  }

  /** The first frame, already received or still to come, that matches. */
  next(match: (f: Frame) => boolean, timeoutMs = 3000): Promise<Frame> {
    const seen = this.frames.find(match);
    if (seen) {
      this.frames.splice(this.frames.indexOf(seen), 1);
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching frame in ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`)),
        timeoutMs,
      );
      this.waiters.push({
        match,
        resolve: (f) => {
          clearTimeout(timer);
          this.frames.splice(this.frames.indexOf(f), 1);
          resolve(f);
        },
      });
    });
  }

  nextOf(type: string, extra: (f: Frame) => boolean = () => true, timeoutMs?: number): Promise<Frame> {
    return this.next((f) => f.type === type && extra(f), timeoutMs);
  }

  /** Frames of a type received so far (without consuming them). */
  all(type: string): Frame[] {
    return this.frames.filter((f) => f.type === type);
  }

  waitClosed(timeoutMs = 3000): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
      this.closedWaiters.push((c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
  }

  close(): Promise<unknown> {
    if (this.closed) return Promise.resolve(this.closed);
    this.ws.close();
    return this.waitClosed();
  }
}

export class Refused extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`refused with ${status}: ${body}`);
  }
}

export async function refusal(p: Promise<LobbyClient>): Promise<{ status: number; code: string }> {
  try {
    const c = await p;
    await c.close();
  } catch (err) {
    if (err instanceof Refused) return { status: err.status, code: JSON.parse(err.body).code };
    throw err;
  }
  throw new Error('the upgrade was accepted');
}
