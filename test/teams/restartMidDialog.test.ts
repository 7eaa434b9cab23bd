import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stateStorageOptions } from '../../src/edges/cosmos/cosmosConnection';
import { CONTAINERS } from '../../src/edges/cosmos/cosmosContainers';
import { openCosmos, type OpenCosmos } from '../../src/edges/cosmos/openCosmos';
import { startConnectorSink, type ConnectorSink } from '../support/connectorSink';
import {
  CUSTOMER_TENANT,
  botUnderTest,
  FmConversation,
  installInAccountTeam,
  NOTICES_CHANNEL,
  type BotUnderTest,
} from '../support/fmConversation';
import { freshStorageModule } from '../support/freshStorageModule';
import { repositoriesOf } from '../support/localCosmos';

const TENANT = CUSTOMER_TENANT;

/** The bot as app.ts builds it in local mode: dialog state and records in Cosmos DB. */
async function startBot(
  dataFile: string,
  connector: ConnectorSink,
): Promise<{ cosmos: OpenCosmos; target: BotUnderTest }> {
  const cosmos = await openCosmos({
    mode: 'local',
    databaseId: 'no-intent-bot',
    dataFile,
    port: 0,
  });
  const db = repositoriesOf(cosmos.database, cosmos.connection);
  await installInAccountTeam(db, connector);
  const { CosmosDbPartitionedStorage } = freshStorageModule();
  const storage = new CosmosDbPartitionedStorage(
    stateStorageOptions(cosmos.connection, CONTAINERS.botState.id),
  );
  return { cosmos, target: botUnderTest(db, { connector, storage }) };
}

describe('a restart of the bot in the middle of a declaration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'restart-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('continues where the FM left off, from the card already on screen', async () => {
    const file = join(dir, 'local-cosmos.json');
    const connector = await startConnectorSink();
    const before = await startBot(file, connector);
    const fm = new FmConversation(before.target);
    await fm.say('declare');
    await fm.tap('submitCustomer', {
      customerName: 'Contoso Ltd',
      tenantId: TENANT,
      workloadIds: 'exchange-online,onedrive',
    });
    const scenarioButton = fm.buttonData('chooseScenario');
    await before.cosmos.close();

    const restarted = await startBot(file, connector);
    try {
      const sameFm = new FmConversation(restarted.target);
      await sameFm.submit({ ...scenarioButton, scenarioId: 'no-intent-after-intent' });
      assert.ok(sameFm.buttonData('submitAnswers'), sameFm.text());
      assert.match(sameFm.text(), /Scenario 3/);
      await sameFm.tap('submitAnswers', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason:
          'Customer does not intend to use either workload because the board sees no value after the merger froze all IT projects; unresponsive since.',
        engagementScenarioId: 'partner-led',
      });
      await sameFm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
      assert.match(sameFm.text(), /No Intent saved/);
      const saved = await restarted.cosmos.database
        .container(CONTAINERS.ledger.id)
        .items.query<{ type: string }>({
          query:
            "SELECT c.type FROM c WHERE c.tenantId = @t AND (c.type != 'outbox' OR c.effect != 'follow-up')",
          parameters: [{ name: '@t', value: TENANT }],
        })
        .fetchAll();
      assert.deepEqual(saved.resources.map((d) => d.type).sort(), [
        'customer',
        'declaration',
        'entitlement',
        'entitlement',
        'messages',
      ]);
    } finally {
      await restarted.cosmos.close();
      await connector.close();
    }
  });
});
