/** The bot's HTTP surface: the Bot Framework endpoint and a health check. */
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';

export interface BotHttpServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startBotHttpServer(
  adapter: CloudAdapter,
  bot: ActivityHandler,
  port: number,
  host = '0.0.0.0',
): Promise<BotHttpServer> {
  const server = restify.createServer({ name: 'no-intent-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024 }));

  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
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
