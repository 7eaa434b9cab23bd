/** Builds the Cosmos DB clients, for the local server or for Azure Cosmos DB. */
import { Agent } from 'node:https';
import { CosmosClient, type CosmosClientOptions } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';
import type { CosmosDbPartitionedStorageOptions } from 'botbuilder-azure';

export interface CosmosConnection {
  readonly endpoint: string;
  /** An account key, or else an Entra ID credential (production, managed identity). */
  readonly key?: string;
  readonly credential?: TokenCredential;
  readonly databaseId: string;
  /** Only for the local server: its certificate, trusted as the sole CA. */
  readonly certificatePem?: string;
}

export function createCosmosClient(connection: CosmosConnection): CosmosClient {
  return new CosmosClient({
    endpoint: connection.endpoint,
    ...(connection.key ? { key: connection.key } : { aadCredentials: connection.credential }),
    ...transportOptions(connection),
  });
}

export function stateStorageOptions(
  connection: CosmosConnection,
  containerId: string,
): CosmosDbPartitionedStorageOptions {
  return {
    cosmosDbEndpoint: connection.endpoint,
    ...(connection.key ? { authKey: connection.key } : { tokenCredential: connection.credential }),
    databaseId: connection.databaseId,
    containerId,
    cosmosClientOptions: transportOptions(connection),
    // Without it, keys over 255 characters are hashed with a random salt and cannot be read back.
    compatibilityMode: false,
  };
}

function transportOptions(connection: CosmosConnection): Partial<CosmosClientOptions> {
  if (!connection.certificatePem) return {};
  return {
    agent: new Agent({ ca: connection.certificatePem, keepAlive: true }),
    // The local server has one region; discovering others only adds round trips.
    connectionPolicy: { enableEndpointDiscovery: false },
  };
}
