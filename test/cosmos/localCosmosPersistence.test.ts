import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTAINERS } from '../../src/edges/cosmos/cosmosContainers';
import { openCosmos } from '../../src/edges/cosmos/openCosmos';

describe('the local Cosmos server keeps its documents in a file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'local-cosmos-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const settings = (dataFile: string | null) =>
    ({ mode: 'local', databaseId: 'no-intent-bot', dataFile, port: 0 }) as const;

  it("brings every container's documents back after a restart", async () => {
    const file = join(dir, 'data', 'local-cosmos.json');
    const first = await openCosmos(settings(file));
    await first.database
      .container(CONTAINERS.ledger.id)
      .items.create({ id: 'r1', tenantId: 't1', note: 'kept' });
    await first.database
      .container(CONTAINERS.botState.id)
      .items.create({ id: 'state-key', document: { step: 'scenario' } });
    await first.close();
    assert.ok(existsSync(file));

    const second = await openCosmos(settings(file));
    try {
      const { resource } = await second.database
        .container(CONTAINERS.ledger.id)
        .item('r1', 't1')
        .read();
      assert.equal(resource?.note, 'kept');
      const state = await second.database
        .container(CONTAINERS.botState.id)
        .item('state-key', 'state-key')
        .read();
      assert.deepEqual(state.resource?.document, { step: 'scenario' });
    } finally {
      await second.close();
    }
  });

  it('keeps nothing when told to run in memory only', async () => {
    const first = await openCosmos(settings(null));
    await first.database.container(CONTAINERS.ledger.id).items.create({ id: 'r1', tenantId: 't1' });
    await first.close();
    const second = await openCosmos(settings(null));
    try {
      const { resources } = await second.database
        .container(CONTAINERS.ledger.id)
        .items.readAll()
        .fetchAll();
      assert.equal(resources.length, 0);
    } finally {
      await second.close();
    }
  });

  it('refuses to start on a damaged data file and says what to do', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ not json');
    await assert.rejects(openCosmos(settings(file)), /could not be loaded.*Move it aside/);
  });

  it("keeps TLS checking on: a client without the server's certificate is refused", async () => {
    const cosmos = await openCosmos(settings(null));
    const { CosmosClient } = await import('@azure/cosmos');
    const stranger = new CosmosClient({
      endpoint: cosmos.connection.endpoint,
      key: cosmos.connection.key!,
      connectionPolicy: {
        enableEndpointDiscovery: false,
        retryOptions: {
          maxRetryAttemptCount: 0,
          fixedRetryIntervalInMilliseconds: 0,
          maxWaitTimeInSeconds: 1,
        },
      },
    });
    try {
      await assert.rejects(stranger.databases.readAll().fetchAll(), /self[- ]signed|certificate/i);
    } finally {
      stranger.dispose();
      await cosmos.close();
    }
  });
});
