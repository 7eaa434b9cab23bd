/**
 * Cosmos DB that stops answering (a paused process): every turn still gets an answer, bounded by
 * the request timeout and the turn's budget, that says what happened, and nothing is lost or
 * done twice once it answers again.
 */
import assert from 'node:assert/strict';
import { CosmosDbPartitionedStorage } from 'botbuilder-azure/lib/cosmosDbPartitionedStorage';
import { createCosmosClient, stateStorageOptions } from '../../src/edges/cosmos/cosmosConnection';
import { CONTAINERS } from '../../src/edges/cosmos/cosmosContainers';
import { startConnectorSink, type ConnectorSink } from '../support/connectorSink';
import { cosmosFaults, type CosmosFaults } from '../support/cosmosFaults';
import {
  botUnderTest,
  FmConversation,
  installInAccountTeam,
  NOTICES_CHANNEL,
} from '../support/fmConversation';
import { partitionOf } from '../support/ledgerReads';
import {
  freshDatabase,
  repositoriesOf,
  sharedCosmosServer,
  type TestDatabase,
} from '../support/localCosmos';

const REASON =
  'Customer does not intend to use Exchange Online because every mailbox runs on Gmail under a five-year contract.';
const ANSWERS = {
  l2ReasonId: 'using-competitive-solution',
  detailedReason: REASON,
  engagementScenarioId: 'customer-led',
};

describe('Cosmos DB stops answering', () => {
  let connector: ConnectorSink;
  let base: TestDatabase;
  let db: TestDatabase;
  let faults: CosmosFaults;

  before(async () => {
    connector = await startConnectorSink();
  });
  after(() => connector.close());
  beforeEach(async () => {
    base = await freshDatabase();
    await installInAccountTeam(base, connector);
    faults = cosmosFaults(await sharedCosmosServer(), base.connection.databaseId);
  });
  afterEach(() => faults.heal());

  /** The bot with its own clients, whose requests time out after `requestTimeoutMs`. */
  async function fmWith(options: {
    requestTimeoutMs: number;
    turnBudgetMs: number;
  }): Promise<FmConversation> {
    const connection = { ...base.connection, requestTimeoutMs: options.requestTimeoutMs };
    const client = createCosmosClient(connection);
    db = repositoriesOf(client.database(connection.databaseId), connection);
    // The dialog state in Cosmos DB too, as in the app: "help" reads it.
    const storage = new CosmosDbPartitionedStorage(
      stateStorageOptions(connection, CONTAINERS.botState.id),
    );
    await storage.read(['warm-up']);
    const target = botUnderTest(db, {
      connector,
      storage,
      turnBudgetMs: options.turnBudgetMs,
      effects: { runBudgetMs: 200 },
    });
    return new FmConversation(target);
  }

  it('"help" and every step answer with what happened, and the save is not lost', async () => {
    const fm = await fmWith({ requestTimeoutMs: 300, turnBudgetMs: 5_000 });
    await fm.declareUntilSummary('no-intent-at-assignment', ANSWERS);

    faults.failAll('hang');
    await fm.say('help');
    assert.match(fm.text(), /The database is not answering right now/, 'answered, not hung');
    await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
    assert.match(fm.text(), /The database is not answering right now/);

    faults.heal();
    await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
    assert.match(fm.screenText(), /No Intent saved/);
    const { declarations } = await partitionOf(db);
    assert.equal(declarations.length, 1, 'saved once, though the first save may have gone in');
  });

  it('a turn slower than its budget tells the FM so while it goes on, then finishes', async () => {
    const fm = await fmWith({ requestTimeoutMs: 1_500, turnBudgetMs: 200 });
    await fm.declareUntilSummary('no-intent-at-assignment', ANSWERS);

    // Every request hangs until it times out; the save and its one retry then give up.
    faults.failAll('hang');
    await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
    assert.match(fm.text(), /taking longer than it should/, 'told while it waited');
    assert.match(
      fm.text(),
      /database is not answering right now|cannot tell whether/,
      'then the outcome',
    );

    faults.heal();
    await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
    assert.match(fm.screenText(), /No Intent saved/);
    assert.equal((await partitionOf(db)).declarations.length, 1, 'saved once');
  });
});
