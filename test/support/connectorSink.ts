/**
 * A loopback HTTP server that plays the Bot Framework connector (Teams' cloud cannot run here),
 * and the one Microsoft Graph call the bot makes (a channel's messages, under /graph). It accepts
 * what the bot sends, remembers it, and can answer failures on demand: 429 with Retry-After, 500,
 * 403, 404, or a dropped connection, before or after carrying the request out.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
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
  /** Carried out first, as Teams does when only its answer is lost: the post is there. */
  readonly accepted?: boolean;
}

/** What the sink answers to TeamsInfo's team and channel lookups. */
export interface SinkTeam {
  name: string;
  channels: { id: string; name?: string }[];
  /** The Entra object ids of the team's members, for member lookups (others are 404). */
  members: string[];
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
  /** The base URL of the Graph stand-in, for the bot's GraphAccess. */
  readonly graphUrl: string;
  /** Graph answers this status to channel reads when set (e.g. 403: no consent). */
  graphStatus: number;
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
  const team: SinkTeam = { name: 'Contoso account team', channels: [], members: [] };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      if (req.method === 'GET' && (req.url ?? '').startsWith('/graph/')) {
        answerGraph(req.url ?? '', res);
        return;
      }
      if (req.method === 'GET' && /^\/v3\/conversations\/[^/]+\/pagedmembers/.test(req.url ?? '')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            members: team.members.map((id) => ({
              id: `29:${id}`,
              aadObjectId: id,
              name: 'Team member',
            })),
          }),
        );
        return;
      }
      const member = /^\/v3\/conversations\/[^/]+\/members\/([^/?]+)$/.exec(req.url ?? '');
      if (req.method === 'GET' && member) {
        answerMember(decodeURIComponent(member[1]!), res);
        return;
      }
      const fault = faults.shift();
      const id = nextId++;
      const record = (status: number) =>
        sent.push({
          method: req.method ?? '',
          path: req.url ?? '',
          body,
          status,
          id: req.url === '/v3/conversations' ? `${id}` : `activity-${id}`,
        });
      if (fault?.accepted) record(req.method === 'POST' ? 201 : 200);
      if (fault?.status === 'drop') {
        if (!fault.accepted) record(0);
        req.socket.destroy();
        return;
      }
      const status = fault?.status ?? (req.method === 'POST' ? 201 : 200);
      if (!fault?.accepted) record(status);
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
        res.end(JSON.stringify({ id: threadIdOf(body, id), activityId: `${id}` }));
      } else {
        res.end(JSON.stringify({ id: `activity-${id}` }));
      }
      for (const waiter of waiters.filter((w) => succeeded().length >= w.count)) waiter.resolve();
    });
  });
  /** A team member lookup; not among what the bot sent. */
  function answerMember(userId: string, res: ServerResponse): void {
    const known = team.members.includes(userId);
    res.writeHead(known ? 200 : 404, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        known
          ? { id: `29:${userId}`, aadObjectId: userId, name: 'Team member' }
          : { error: { code: 'NotFound', message: 'member not found' } },
      ),
    );
  }
  const threads = () =>
    sent.filter((s) => s.method === 'POST' && s.path === '/v3/conversations' && ok(s));
  const graph = { status: 200 };
  /** GET /graph/v1.0/teams/{group}/channels/{channel}/messages: the threads there, newest first. */
  function answerGraph(url: string, res: ServerResponse): void {
    const match = /^\/graph\/v1\.0\/teams\/[^/]+\/channels\/([^/?]+)\/messages/.exec(url);
    sent.push({ method: 'GET', path: url, body: {}, status: match ? graph.status : 404 });
    if (!match || graph.status !== 200) {
      res.writeHead(match ? graph.status : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'Forbidden', message: 'no access' } }));
      return;
    }
    const channelId = decodeURIComponent(match[1]!);
    const value = threads()
      .filter((t) => channelOf(t.body) === channelId)
      .reverse()
      .map((t) => {
        const activity = t.body.activity as { attachments?: { content?: unknown }[] } | undefined;
        return {
          id: t.id,
          from: { application: { id: (t.body.bot as { id?: string } | undefined)?.id } },
          attachments: (activity?.attachments ?? []).map((a) => ({
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: JSON.stringify(a.content),
          })),
        };
      });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ value }));
  }
  // Longer than any client keeps an idle connection: the sink never closes one under a request
  // that is on its way (Node's 5 s default races with keep-alive clients).
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    team,
    sent,
    failNext: (...more) => faults.push(...more),
    threads,
    graphUrl: `http://127.0.0.1:${port}/graph`,
    get graphStatus() {
      return graph.status;
    },
    set graphStatus(status: number) {
      graph.status = status;
    },
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

function channelOf(body: Record<string, unknown>): string | undefined {
  return (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
}

/** A new thread in a channel is named by the channel and the thread's first message. */
function threadIdOf(body: Record<string, unknown>, id: number): string {
  return `${channelOf(body) ?? `19:thread-${id}@thread.tacv2`};messageid=${id}`;
}
