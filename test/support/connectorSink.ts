/**
 * A loopback HTTP server that plays the Bot Framework connector (Teams' cloud cannot run here).
 * It accepts what the bot sends, remembers it, and can answer failures on demand: 429 with
 * Retry-After, 500, 403, 404, or a dropped connection.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
  readonly method: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
  /** The status the sink answered with. */
  readonly status: number;
}

export interface Fault {
  readonly status: number | 'drop';
  readonly retryAfterSeconds?: number;
}

export interface ConnectorSink {
  /** The serviceUrl to put on incoming activities, e.g. http://127.0.0.1:PORT/. */
  readonly serviceUrl: string;
  readonly sent: SentActivity[];
  /** The next requests get these answers, in order; then all succeed again. */
  failNext(...faults: Fault[]): void;
  /** New threads created in channels, i.e. notices posted. */
  threads(): SentActivity[];
  /** Resolves once at least `count` requests have been answered successfully. */
  waitFor(count: number): Promise<SentActivity[]>;
  close(): Promise<void>;
}

export async function startConnectorSink(): Promise<ConnectorSink> {
  const sent: SentActivity[] = [];
  const faults: Fault[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const succeeded = () => sent.filter((s) => s.status < 300);
  let nextId = 1;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const fault = faults.shift();
      if (fault?.status === 'drop') {
        sent.push({ method: req.method ?? '', path: req.url ?? '', body, status: 0 });
        req.socket.destroy();
        return;
      }
      const status = fault?.status ?? (req.method === 'POST' ? 201 : 200);
      sent.push({ method: req.method ?? '', path: req.url ?? '', body, status });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault?.retryAfterSeconds !== undefined)
        headers['retry-after'] = String(fault.retryAfterSeconds);
      res.writeHead(status, headers);
      const id = nextId++;
      if (status >= 300) {
        res.end(
          JSON.stringify({
            error: {
              code: status === 403 ? 'BotNotInConversationRoster' : 'Failure',
              message: `status ${status}`,
            },
          }),
        );
      } else if (req.url === '/v3/conversations') {
        res.end(
          JSON.stringify({
            id: `19:thread-${id}@thread.tacv2;messageid=${id}`,
            activityId: `${id}`,
          }),
        );
      } else {
        res.end(JSON.stringify({ id: `activity-${id}` }));
      }
      for (const waiter of waiters.filter((w) => succeeded().length >= w.count)) waiter.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    sent,
    failNext: (...more) => faults.push(...more),
    threads: () =>
      sent.filter((s) => s.method === 'POST' && s.path === '/v3/conversations' && s.status < 300),
    waitFor: (count) =>
      succeeded().length >= count
        ? Promise.resolve(sent)
        : new Promise((resolve) => waiters.push({ count, resolve: () => resolve(sent) })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
