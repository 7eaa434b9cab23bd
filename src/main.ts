/** Starts the bot from the environment and stops it cleanly on SIGTERM or SIGINT. */
import { join } from 'node:path';
import { startApp } from './app';
import { ConfigError, loadConfig } from './config/botConfig';

const PROJECT_ROOT = join(__dirname, '..');

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig(process.env, PROJECT_ROOT);
  const app = await startApp(config);
  const cosmos =
    config.cosmos.mode === 'local'
      ? `local Cosmos server at ${app.cosmos.connection.endpoint} (data: ${config.cosmos.dataFile ?? 'memory only'})`
      : `Azure Cosmos DB at ${config.cosmos.endpoint}`;
  console.log(`No Intent bot listening on ${app.url}/api/messages, using ${cosmos}.`);
  console.log(`Started in ${Date.now() - started} ms.`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing open requests and saving data.`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Could not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
