/** The bot's containers and their partition keys. */
import type { CosmosClient, Database } from '@azure/cosmos';

export const CONTAINERS = {
  /**
   * Customers' ledgers: per customer tenant, the customer's document, one document per
   * entitlement, the declarations, their messages and the outbox of their side effects. One
   * logical partition per customer, so each change is one transactional batch.
   */
  ledger: { id: 'ledger', partitionKey: '/tenantId' },
  /** Teams where the app is installed, per organisation tenant. */
  teams: { id: 'teams', partitionKey: '/orgTenantId' },
  /** Per person: the lists on their screen that the bot keeps current. */
  people: { id: 'people', partitionKey: '/aadObjectId' },
  /**
   * The portal's rows (one per entitlement) and each audience's chart summary, per organisation:
   * every view of the tab reads within one organisation's partition.
   */
  portal: { id: 'portal', partitionKey: '/orgTenantId' },
  /** Dialog state, as botbuilder-azure's CosmosDbPartitionedStorage lays it out. */
  botState: { id: 'botState', partitionKey: '/id' },
} as const;

/**
 * Containers of earlier versions of the bot, read once to bring their records into the ledger
 * (src/application/importLegacyRecords.ts) and never written.
 */
export const LEGACY_CONTAINERS = {
  records: { id: 'records', partitionKey: '/tenantId' },
  notices: { id: 'notices', partitionKey: '/bucket' },
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
  // Side by side: start-up waits for one round trip instead of four.
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
