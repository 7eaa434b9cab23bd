/** Builds the Cosmos DB clients, for the local server or for Azure Cosmos DB. */
import { Agent } from 'node:https';
import { CosmosClient, type CosmosClientOptions } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';
import type { Storage } from 'botbuilder';
import type { CosmosDbPartitionedStorageOptions } from 'botbuilder-azure';
// The package's index also loads Azure Blob Storage, which the bot does not use: about 0.2 s of
// start-up. The Cosmos module alone is all the bot needs.
import { CosmosDbPartitionedStorage } from 'botbuilder-azure/lib/cosmosDbPartitionedStorage';
import { BoundedStorage } from './boundedStorage';
import { CONTAINERS } from './cosmosContainers';

export interface CosmosConnection {
  readonly endpoint: string;
  /** An account key, or else an Entra ID credential (production, managed identity). */
  readonly key?: string;
  readonly credential?: TokenCredential;
  readonly databaseId: string;
  /** Only for the local server: its certificate, trusted as the sole CA. */
  readonly certificatePem?: string;
  /** How long one request may take before it fails; tests shorten it. */
  readonly requestTimeoutMs?: number;
}

/**
 * A Teams turn has about 15 s. A request that hangs fails after this, and throttling is retried
 * for a few seconds at most, so a turn that makes a few requests still answers in time.
 */
export const COSMOS_REQUEST_TIMEOUT_MS = 3_000;
const MAX_THROTTLE_WAIT_SECONDS = 3;

/**
 * The SDK tries a read or query again after a dropped connection, ten times a second apart. A
 * read gives up after this in all, so a database that refuses connections costs a turn seconds,
 * not tens of seconds. (Writes are not tried again by the SDK; their request timeout bounds them.)
 */
export const COSMOS_READ_DEADLINE_MS = 5_000;

export function readDeadline(): { abortSignal: AbortSignal } {
  return { abortSignal: AbortSignal.timeout(COSMOS_READ_DEADLINE_MS) };
}

export function createCosmosClient(connection: CosmosConnection): CosmosClient {
  return new CosmosClient({
    endpoint: connection.endpoint,
    ...(connection.key ? { key: connection.key } : { aadCredentials: connection.credential }),
    ...transportOptions(connection),
  });
}

/**
 * Dialog state in its own container. botbuilder-azure caches the container per database and
 * container name for the whole process: run one app per process, or give each its own database.
 */
export function createStateStorage(connection: CosmosConnection): Storage {
  return new BoundedStorage(
    new CosmosDbPartitionedStorage(stateStorageOptions(connection, CONTAINERS.botState.id)),
    COSMOS_READ_DEADLINE_MS,
  );
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
  const local = connection.certificatePem
    ? { agent: new Agent({ ca: connection.certificatePem, keepAlive: true }) }
    : {};
  return {
    ...local,
    connectionPolicy: {
      requestTimeout: connection.requestTimeoutMs ?? COSMOS_REQUEST_TIMEOUT_MS,
      // The account has one region (infra/azure.bicep). With discovery on, the SDK retries a read
      // that timed out up to 120 times, looking for another region: a hang of many minutes.
      enableEndpointDiscovery: false,
      retryOptions: {
        maxRetryAttemptCount: 3,
        fixedRetryIntervalInMilliseconds: 0,
        maxWaitTimeInSeconds: MAX_THROTTLE_WAIT_SECONDS,
      },
    },
  };
}
