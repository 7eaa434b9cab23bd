/**
 * One real local Cosmos server for the whole test run, reached over HTTPS with TLS checking on.
 * Each test gets its own database, so tests never see each other's documents.
 */
import { randomUUID } from 'node:crypto';
import type { CosmosClient, Database } from '@azure/cosmos';
import { createCosmosClient, type CosmosConnection } from '../../src/edges/cosmos/cosmosConnection';
import { CONTAINERS, ensureContainers } from '../../src/edges/cosmos/cosmosContainers';
import { CosmosLedgerRepository } from '../../src/edges/cosmos/cosmosLedgerRepository';
import { CosmosPeopleRepository } from '../../src/edges/cosmos/cosmosPeopleRepository';
import { CosmosReminderRepository } from '../../src/edges/cosmos/cosmosReminderRepository';
import { CosmosPortalRepository } from '../../src/edges/cosmos/cosmosPortalRepository';
import { CosmosTeamDirectory } from '../../src/edges/cosmos/cosmosTeamDirectory';
import { logger } from '../../src/log/logger';
import {
  startLocalCosmosServer,
  type LocalCosmosServer,
} from '../../src/edges/cosmos/localCosmosServer';

interface SharedCosmos {
  readonly server: LocalCosmosServer;
  readonly client: CosmosClient;
}

// Tests read the log through captureLog; LOG_LEVEL=info shows it all while debugging.
logger.level = process.env.LOG_LEVEL ?? 'silent';

let shared: Promise<SharedCosmos> | undefined;

async function sharedCosmos(): Promise<SharedCosmos> {
  shared ??= (async () => {
    const server = await startLocalCosmosServer();
    const client = createCosmosClient(connectionTo(server, 'unused'));
    return { server, client };
  })();
  return shared;
}

/** The shared local server itself, e.g. to inject network faults. */
export async function sharedCosmosServer(): Promise<LocalCosmosServer> {
  return (await sharedCosmos()).server;
}

export function connectionTo(server: LocalCosmosServer, databaseId: string): CosmosConnection {
  return {
    endpoint: server.endpoint,
    key: server.key,
    databaseId,
    certificatePem: server.certificatePem,
  };
}

export interface TestDatabase {
  readonly database: Database;
  readonly connection: CosmosConnection;
  readonly ledger: CosmosLedgerRepository;
  readonly people: CosmosPeopleRepository;
  readonly teams: CosmosTeamDirectory;
  readonly portal: CosmosPortalRepository;
  readonly reminders: CosmosReminderRepository;
}

/** The bot's repositories over a database, as app.ts builds them. */
export function repositoriesOf(database: Database, connection: CosmosConnection): TestDatabase {
  return {
    database,
    connection,
    ledger: new CosmosLedgerRepository(database.container(CONTAINERS.ledger.id)),
    people: new CosmosPeopleRepository(database.container(CONTAINERS.people.id)),
    teams: new CosmosTeamDirectory(database.container(CONTAINERS.teams.id)),
    portal: new CosmosPortalRepository(database.container(CONTAINERS.portal.id)),
    reminders: new CosmosReminderRepository(database.container(CONTAINERS.people.id)),
  };
}

export async function freshDatabase(): Promise<TestDatabase> {
  const { server, client } = await sharedCosmos();
  const databaseId = `test-${randomUUID()}`;
  const database = await ensureContainers(client, databaseId);
  return repositoriesOf(database, connectionTo(server, databaseId));
}

/** Mocha root hook: stop the shared server once every test has run. */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    if (!shared) return;
    const { server, client } = await shared;
    client.dispose();
    await server.close();
  },
};
