/**
 * Child process: the local Cosmos server of the benchmark's portal section. It holds up to
 * 100,000 entitlements (about 1.5 GB), so it runs without the bot's heap limit, and it answers a
 * query from the partition the query names, as Azure Cosmos DB does (partitionScopedQueries.ts).
 */
import { startLocalCosmosServer } from '../../src/edges/cosmos/localCosmosServer';
import { serveParent } from './benchChild';
import { scopeQueriesToPartitions } from './partitionScopedQueries';

async function main(): Promise<void> {
  const server = await startLocalCosmosServer(0);
  scopeQueriesToPartitions(server);
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
