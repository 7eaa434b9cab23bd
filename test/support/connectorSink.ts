/**
 * A loopback HTTP server that plays the Bot Framework connector (Teams' cloud cannot run here):
 * it accepts what the bot sends to a conversation and remembers it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
  readonly method: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
}

export interface ConnectorSink {
  /** The serviceUrl to put on incoming activities, e.g. http://127.0.0.1:PORT/. */
  readonly serviceUrl: string;
  readonly sent: SentActivity[];
  /** Resolves once at least `count` activities have arrived. */
  waitFor(count: number): Promise<SentActivity[]>;
  close(): Promise<void>;
}

export async function startConnectorSink(): Promise<ConnectorSink> {
  const sent: SentActivity[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let nextId = 1;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      sent.push({
        method: req.method ?? '',
        path: req.url ?? '',
        body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
      });
      for (const waiter of waiters.filter((w) => sent.length >= w.count)) waiter.resolve();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `activity-${nextId++}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    sent,
    waitFor: (count) =>
      sent.length >= count
        ? Promise.resolve(sent)
        : new Promise((resolve) => waiters.push({ count, resolve: () => resolve(sent) })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
