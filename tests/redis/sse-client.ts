// A minimal server-sent-events client over node:http for the stream tests: frames parsed as they arrive,
// comments (heartbeats) counted, and a wait for the first frame matching a condition.
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';

export interface SseFrame {
  readonly event: string;
  readonly id: string | null;
  readonly data: unknown;
}

export interface SseClient {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** For a refused request: the JSON body. */
  readonly body: () => Promise<unknown>;
  readonly frames: SseFrame[];
  heartbeats(): number;
  /** The first frame so far or to come that matches. */
  until(match: (frame: SseFrame) => boolean, timeoutMs?: number): Promise<SseFrame>;
  /** Resolves when the server ends the response. */
  readonly ended: Promise<void>;
  close(): void;
}

const parseBlock = (block: string): SseFrame | 'comment' | null => {
  let event = 'message';
  let id: string | null = null;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) return 'comment';
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    if (field === 'id') id = value;
    if (field === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  const parsed: unknown = JSON.parse(data.join('\n'));
  return { event, id, data: parsed };
};

export function openStream(port: number, headers: Record<string, string>): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/events/stream', headers }, (res) => {
      res.setEncoding('utf8');
      const frames: SseFrame[] = [];
      const waiters = new Set<() => void>();
      let heartbeats = 0;
      let buffer = '';
      let raw = '';
      const ended = new Promise<void>((done) => {
        res.on('end', () => done());
        res.on('close', () => done());
      });
      res.on('data', (chunk: string) => {
        raw += chunk;
        buffer += chunk;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const parsed = parseBlock(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
          if (parsed === 'comment') heartbeats += 1;
          else if (parsed !== null) frames.push(parsed);
          cut = buffer.indexOf('\n\n');
        }
        for (const wake of [...waiters]) wake();
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: async () => {
          await ended;
          const parsed: unknown = JSON.parse(raw);
          return parsed;
        },
        frames,
        heartbeats: () => heartbeats,
        until: (match, timeoutMs = 5000) => new Promise((found, fail) => {
          const check = (): boolean => {
            const frame = frames.find(match);
            if (frame === undefined) return false;
            clearTimeout(timer);
            waiters.delete(wake);
            found(frame);
            return true;
          };
          const wake = (): void => {
            check();
          };
          const timer = setTimeout(() => {
            waiters.delete(wake);
            fail(new Error(`no matching frame; got ${JSON.stringify(frames)}`));
          }, timeoutMs);
          if (!check()) waiters.add(wake);
        }),
        ended,
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}
