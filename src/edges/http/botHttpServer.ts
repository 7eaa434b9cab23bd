/**
 * The bot's HTTP surface: the Bot Framework endpoint and a health check. A request to
 * /api/messages is answered in this order, each step only once the one before passed: its
 * token (with an app id), its content type, its size, its JSON, the activity's shape, the token
 * against the activity, and only then the turn. No body is read before the token is checked.
 */
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import type { ActivityHandler, InvokeResponse, TurnContext } from 'botbuilder';
import { logger } from '../../log/logger';
import { checkActivity } from './activitySchema';
import { readBody } from './requestBody';
import {
  createBotFrameworkTokenCheck,
  type BotFrameworkTokenCheck,
  type Refusal,
  type VerifiedToken,
} from './botFrameworkToken';
import { BOT_FRAMEWORK_SIGNING_KEYS, type SigningKeySettings } from './signingKeys';

/**
 * Teams activities are far smaller: a bot message is capped near 100 KB, and what a person
 * types or a card submits is a few KB. This leaves room for the largest channel data without
 * letting a caller make the bot hold megabytes.
 */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

/** What runs a checked activity as a turn: the Teams adapter. */
export interface ActivityRunner {
  /** The bot's app id; empty in local mode, where requests are not authenticated. */
  readonly appId: string;
  runActivity(
    activity: Record<string, unknown>,
    claims: Readonly<Record<string, unknown>> | undefined,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined>;
}

export interface BotHttpServerOptions {
  /** For tests only: a loopback stand-in for Microsoft's signing keys, and short deadlines. */
  readonly signingKeys?: Partial<SigningKeySettings>;
  /** Whether the bot can serve turns now (its database answers); /readyz reports it. */
  readonly ready?: () => Promise<boolean>;
  /** Adds more routes to the same server (the portal's). */
  readonly moreRoutes?: (server: restify.Server) => void;
}

export interface BotHttpServer {
  readonly url: string;
  close(): Promise<void>;
}

interface Answer {
  readonly status: number;
  readonly body?: unknown;
  /** Why the request was refused, for the log; never sent. */
  readonly refusal?: string;
}

export async function startBotHttpServer(
  adapter: ActivityRunner,
  bot: ActivityHandler,
  port: number,
  host = '0.0.0.0',
  options: BotHttpServerOptions = {},
): Promise<BotHttpServer> {
  // The adapter's app id decides: the identity the bot replies with is the one callers must target.
  const tokenCheck = adapter.appId
    ? await createBotFrameworkTokenCheck(adapter.appId, {
        ...BOT_FRAMEWORK_SIGNING_KEYS,
        ...options.signingKeys,
      })
    : undefined;
  const server = restify.createServer({ name: 'no-intent-bot', handleUncaughtExceptions: false });

  server.post('/api/messages', async (req, res) => {
    let answer: Answer;
    try {
      answer = await answerActivity(req, adapter, bot, tokenCheck);
    } catch (error) {
      logger.error({ err: error }, 'A request to /api/messages failed.');
      answer = { status: 500, body: { error: 'the bot could not handle this request' } };
    }
    if (answer.refusal) {
      logger.warn(
        {
          event: 'refused',
          status: answer.status,
          reason: answer.refusal,
          remoteAddress: req.socket.remoteAddress,
        },
        'Refused a request to /api/messages.',
      );
    }
    if (answer.status === 401) res.header('www-authenticate', 'Bearer');
    if (answer.body === undefined) res.send(answer.status);
    else res.send(answer.status, answer.body);
  });
  // Liveness: the process answers. Cheap, and true even while the database is away.
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  // Readiness, for App Service's health check: an instance whose database does not answer is
  // taken out of the rotation until it does.
  server.get('/readyz', async (_req, res) => {
    const ready = await (options.ready ?? (async () => true))().catch(() => false);
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'the database is not answering' });
  });

  options.moreRoutes?.(server);

  await new Promise<void>((resolve, reject) => {
    // restify passes the listening socket's error on to its own server object as well.
    server.server.once('error', reject);
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function answerActivity(
  req: IncomingMessage,
  adapter: ActivityRunner,
  bot: ActivityHandler,
  tokenCheck: BotFrameworkTokenCheck | undefined,
): Promise<Answer> {
  let token: VerifiedToken | undefined;
  if (tokenCheck) {
    const verdict = await tokenCheck.verifyHeader(req.headers.authorization);
    if (!verdict.ok) return refused(verdict.refusal);
    token = verdict.token;
  }
  if (mediaType(req.headers['content-type']) !== 'application/json')
    return badRequest(415, 'the body must be application/json');
  const raw = await readBody(req, MAX_ACTIVITY_BYTES);
  if (raw === 'too large')
    return badRequest(413, `the body must not exceed ${MAX_ACTIVITY_BYTES} bytes`);
  if (raw === 'cut short') return badRequest(400, 'the body ended early');
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return badRequest(400, 'the body is not valid JSON');
  }
  const checked = checkActivity(body);
  if (!checked.ok) return badRequest(400, checked.problem);
  if (tokenCheck && token) {
    const refusal = tokenCheck.refusalForActivity(token, checked.activity);
    if (refusal) return refused(refusal);
  }
  const response = await adapter.runActivity(checked.activity, token?.claims, (context) =>
    bot.run(context),
  );
  return { status: response?.status ?? 200, body: response?.body ?? undefined };
}

/** Authentication failures say nothing about why: the log does. */
function refused(refusal: Refusal): Answer {
  return {
    status: refusal.status,
    body: { error: refusal.status === 401 ? 'unauthorized' : 'forbidden' },
    refusal: refusal.reason,
  };
}

function badRequest(status: 400 | 413 | 415, problem: string): Answer {
  return { status, body: { error: problem }, refusal: problem };
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}
