/**
 * Child process: the bot exactly as main.ts starts it, configured from the environment, with a
 * meter on its Cosmos DB requests.
 */
import { join } from 'node:path';
import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config/botConfig';
import { logger } from '../../src/log/logger';
import { serveParent } from './benchChild';
import { meterCosmosRequests } from './cosmosMeter';

async function main(): Promise<void> {
  const config = loadConfig(process.env, join(__dirname, '..', '..'));
  if (config.cosmos.mode !== 'azure')
    throw new Error('The benchmark gives the bot COSMOS_ENDPOINT.');
  // As main.ts: LOG_LEVEL decides what the log says (the benchmark keeps it to warnings).
  logger.level = config.logLevel;
  const usage = meterCosmosRequests(config.cosmos.endpoint);
  const app = await startApp(config);
  serveParent(
    { url: app.url.replace('localhost', '127.0.0.1') },
    usage,
    () => app.close(),
    () => app.idle(),
    () => app.sweep(),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
