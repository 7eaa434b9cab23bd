/** Child process: the local Cosmos server that the bot and floor B share during a benchmark. */
import { startLocalCosmosServer } from '../../src/edges/cosmos/localCosmosServer';
import { serveParent } from './benchChild';

async function main(): Promise<void> {
  const server = await startLocalCosmosServer(0);
  serveParent(
    { endpoint: server.endpoint, key: server.key, certificatePem: server.certificatePem },
    null,
    () => server.close(),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
