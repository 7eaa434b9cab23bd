/** Starts the bot from the environment and stops it cleanly on SIGTERM or SIGINT. */
import { join } from 'node:path';
import { startApp } from './app';
import { ConfigError, loadConfig } from './config/botConfig';
import { startFailure } from './config/startFailure';
import { logger } from './log/logger';

const PROJECT_ROOT = join(__dirname, '..');

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig(process.env, PROJECT_ROOT);
  logger.level = config.logLevel;
  const app = await startApp(config).catch((error: unknown) => {
    throw startFailure(error, config.port);
  });
  const cosmos =
    config.cosmos.mode === 'local'
      ? `local Cosmos server at ${app.cosmos.connection.endpoint} (data: ${config.cosmos.dataFile ?? 'memory only'})`
      : `Azure Cosmos DB at ${config.cosmos.endpoint}`;
  logger.info(
    { event: 'started', url: app.url, ms: Date.now() - started },
    `No Intent bot listening on ${app.url}/api/messages, using ${cosmos}.`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'stopping', signal }, 'Finishing open requests and saving data.');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'Could not stop cleanly.');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    // A person reads this at the terminal: the message alone says what to do.
    process.stderr.write(`${error.message}\n`);
  } else {
    logger.error({ err: error }, 'The bot could not start.');
  }
  process.exit(1);
});
