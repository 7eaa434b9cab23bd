/** The local Cosmos-protocol server, started in this process, with an optional data file. */
import type { CosmosSettings } from '../../config/botConfig';
import { createCosmosClient, type CosmosConnection } from './cosmosConnection';
import { ensureContainers } from './cosmosContainers';
import { LocalCosmosPersistence } from './localCosmosPersistence';
import { startLocalCosmosServer } from './localCosmosServer';
import type { OpenCosmos } from './openedCosmos';

export async function openLocalCosmos(
  settings: Extract<CosmosSettings, { mode: 'local' }>,
): Promise<OpenCosmos> {
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
