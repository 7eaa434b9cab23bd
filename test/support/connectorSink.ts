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
  /** The id the sink gave a new message or thread. */
  readonly id?: string;
}

export interface Fault {
  readonly status: number | 'drop';
  readonly retryAfterSeconds?: number;
}

/** What the sink answers to TeamsInfo's team and channel lookups. */
export interface SinkTeam {
  name: string;
  channels: { id: string; name?: string }[];
}

export interface ConnectorSink {
  /** The team every /v3/teams lookup describes; tests change it to play a rename. */
  readonly team: SinkTeam;
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
  const ok = (s: SentActivity) => s.status >= 200 && s.status < 300;
  const succeeded = () => sent.filter(ok);
  let nextId = 1;
  const team: SinkTeam = { name: 'Contoso account team', channels: [] };
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
      const id = nextId++;
      sent.push({
        method: req.method ?? '',
        path: req.url ?? '',
        body,
        status,
        id: req.url === '/v3/conversations' ? `${id}` : `activity-${id}`,
      });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault?.retryAfterSeconds !== undefined)
        headers['retry-after'] = String(fault.retryAfterSeconds);
      res.writeHead(status, headers);
      if (status >= 300) {
        res.end(
          JSON.stringify({
            error: {
              code: status === 403 ? 'BotNotInConversationRoster' : 'Failure',
              message: `status ${status}`,
            },
          }),
        );
      } else if (
        req.method === 'GET' &&
        /^\/v3\/teams\/[^/]+\/conversations$/.test(req.url ?? '')
      ) {
        res.end(JSON.stringify({ conversations: team.channels }));
      } else if (req.method === 'GET' && /^\/v3\/teams\/[^/]+$/.test(req.url ?? '')) {
        const id = decodeURIComponent((req.url ?? '').split('/')[3] ?? '');
        res.end(
          JSON.stringify({
            id,
            name: team.name,
            aadGroupId: '7b2e4c6a-8d1f-4a3b-9e5c-2f4a6b8c0d1e',
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
    team,
    sent,
    failNext: (...more) => faults.push(...more),
    threads: () =>
      sent.filter((s) => s.method === 'POST' && s.path === '/v3/conversations' && ok(s)),
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
