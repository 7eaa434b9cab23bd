/** A Cosmos DB connection as the app uses it, whichever kind was opened. */
import type { CosmosClient, Database } from '@azure/cosmos';
import type { CosmosConnection } from './cosmosConnection';
import type { LocalCosmosServer } from './localCosmosServer';

export interface OpenCosmos {
  readonly connection: CosmosConnection;
  readonly client: CosmosClient;
  readonly database: Database;
  /** Only in local mode. */
  readonly localServer?: LocalCosmosServer;
  close(): Promise<void>;
}
