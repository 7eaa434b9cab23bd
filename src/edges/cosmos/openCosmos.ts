/**
 * Connects to Cosmos DB as configured: Azure Cosmos DB (key or Entra ID), or else the local
 * Cosmos-protocol server, started here, with its documents kept in a file between runs.
 */
import { DefaultAzureCredential } from '@azure/identity';
import type { CosmosClient, Database } from '@azure/cosmos';
import type { CosmosSettings } from '../../config/botConfig';
import { createCosmosClient, type CosmosConnection } from './cosmosConnection';
import { ensureContainers } from './cosmosContainers';
import { LocalCosmosPersistence } from './localCosmosPersistence';
import { startLocalCosmosServer, type LocalCosmosServer } from './localCosmosServer';

export interface OpenCosmos {
  readonly connection: CosmosConnection;
  readonly client: CosmosClient;
  readonly database: Database;
  /** Only in local mode. */
  readonly localServer?: LocalCosmosServer;
  close(): Promise<void>;
}

export async function openCosmos(settings: CosmosSettings): Promise<OpenCosmos> {
  if (settings.mode === 'azure') {
    const connection: CosmosConnection = settings.key
      ? { endpoint: settings.endpoint, key: settings.key, databaseId: settings.databaseId }
      : {
          endpoint: settings.endpoint,
          // Managed identity in Azure; AZURE_CLIENT_ID picks a user-assigned one.
          credential: new DefaultAzureCredential(),
          databaseId: settings.databaseId,
        };
    const client = createCosmosClient(connection);
    // With Entra ID the data plane cannot create containers; infra/ provisions them.
    const database = connection.key
      ? await ensureContainers(client, settings.databaseId)
      : client.database(settings.databaseId);
    return { connection, client, database, close: async () => client.dispose() };
  }

  const localServer = await startLocalCosmosServer(settings.port);
  const connection: CosmosConnection = {
    endpoint: localServer.endpoint,
    key: localServer.key,
    databaseId: settings.databaseId,
    certificatePem: localServer.certificatePem,
  };
  const client = createCosmosClient(connection);
  const persistence = settings.dataFile
    ? new LocalCosmosPersistence(client, settings.dataFile)
    : null;
  try {
    await persistence?.restore();
  } catch (error) {
    await localServer.close();
    throw new Error(
      `The local Cosmos data file ${settings.dataFile} could not be loaded (${String(error)}). Move it aside to start empty.`,
      { cause: error },
    );
  }
  const database = await ensureContainers(client, settings.databaseId);
  if (persistence) localServer.onWrite(() => persistence.changed());
  return {
    connection,
    client,
    database,
    localServer,
    close: async () => {
      await persistence?.close();
      client.dispose();
      await localServer.close();
    },
  };
}
