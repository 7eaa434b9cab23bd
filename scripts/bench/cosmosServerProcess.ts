/**
 * Child process: a local Cosmos server for the benchmark. The bot and floor B share one; the
 * portal's section starts one with `partition-scoped`, whose queries read only the partition
 * they name, as Azure Cosmos DB's do (partitionScopedQueries.ts).
 */
import { startLocalCosmosServer } from '../../src/edges/cosmos/localCosmosServer';
import { serveParent } from './benchChild';
import { scopeQueriesToPartitions } from './partitionScopedQueries';

async function main(): Promise<void> {
  const server = await startLocalCosmosServer(0);
  if (process.argv.includes('partition-scoped')) scopeQueriesToPartitions(server);
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
