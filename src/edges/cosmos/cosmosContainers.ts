/** The bot's containers and their partition keys. */
import type { CosmosClient, Database } from '@azure/cosmos';

export const CONTAINERS = {
  /** One record per customer workload and declaration, partitioned by the customer's tenant. */
  records: { id: 'records', partitionKey: '/tenantId' },
  /** Pointers from each FM to their declarations, so "my declarations" reads one partition. */
  fmDeclarations: { id: 'fmDeclarations', partitionKey: '/fmAadObjectId' },
  /** One notice per No Intent declaration, all in one partition (the sweep reads it whole). */
  notices: { id: 'notices', partitionKey: '/bucket' },
  /** Teams where the app is installed, per organisation tenant. */
  teams: { id: 'teams', partitionKey: '/orgTenantId' },
  /** Dialog state, as botbuilder-azure's CosmosDbPartitionedStorage lays it out. */
  botState: { id: 'botState', partitionKey: '/id' },
} as const;

/**
 * Creates the database and containers when they are missing. Only for key access: with Entra ID
 * the data plane may not create them, and infra/ provisions them instead.
 */
export async function ensureContainers(
  client: CosmosClient,
  databaseId: string,
): Promise<Database> {
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  // Side by side: start-up waits for one round trip instead of five.
  await Promise.all(
    Object.values(CONTAINERS).map((container) =>
      database.containers.createIfNotExists({
        id: container.id,
        partitionKey: { paths: [container.partitionKey] },
      }),
    ),
  );
  return database;
}
