import assert from 'node:assert/strict';
import { stateStorageOptions } from '../../src/edges/cosmos/cosmosConnection';
import { CONTAINERS } from '../../src/edges/cosmos/cosmosContainers';
import { openCosmos, type OpenCosmos } from '../../src/edges/cosmos/openCosmos';
import { startConnectorSink, type ConnectorSink } from '../support/connectorSink';
import {
  botUnderTest,
  CUSTOMER_TENANT,
  executeAction,
  FmConversation,
  installInAccountTeam,
  MORGAN,
  NOTICES_CHANNEL,
} from '../support/fmConversation';
import { freshStorageModule } from '../support/freshStorageModule';
import { latestDeclaration } from '../support/ledgerReads';
import { repositoriesOf } from '../support/localCosmos';

const TENANT = CUSTOMER_TENANT;

/**
 * Cosmos DB requests of each turn of one scripted declaration, counted at the local server's
 * HTTP layer: during the turn (what the person waits for) and right after it (the side effects
 * the turn started). A change that adds a round trip makes this fail; if it is worth it, update
 * the table and say why. (Counts, not times: nothing here depends on the machine's speed.)
 */
const EXPECTED: [turn: string, inTurn: number, after: number][] = [
  // Dialog state: one read and one write per turn.
  ['declare', 2, 0],
  // The customer's ledger, one point read (here: not found, a new customer), kept in the
  // dialog state for the rest of the declaration.
  ['customer and workloads', 3, 0],
  ['scenario', 2, 0],
  // The summary's channel list comes from the installed teams this instance read less than a
  // minute ago (in the warm-up).
  ['answers', 2, 0],
  // Save: state; the customer's ledger, the entitlements, the declaration, its messages and its
  // outbox in one transactional batch (a new customer is created without a read); the notice
  // posted and recorded with its outbox entry deleted (one batch); state. After the turn: the
  // declaration read afresh (one batch of reads), the portal's rows and summaries read (a query
  // in the organisation's partition: plan and page) and written (one batch), the lists on the
  // FM's and the managers' screens (which this instance knows from the warm-up), and the entry
  // deleted.
  ['confirm', 4, 5],
  // The manager's confirmation: the declaration with the customer's ledger (one batch of
  // reads), the entitlements (another), and the decision in one transactional batch. After the
  // turn: the declaration read afresh, the notice updated, the FM told with a new card (its
  // place recorded), the portal (a query and a batch), the lists: each effect's entry deleted,
  // with what it changed, in one request.
  ["manager's confirmation", 3, 7],
];

async function declare(fm: FmConversation, workloadIds: string, tenantId: string): Promise<void> {
  await fm.declareUntilSummary(
    'no-intent-new-workload',
    {
      l2ReasonId: 'executive-sponsorship',
      detailedReason:
        'Customer does not intend to use Intune because the board froze all IT projects after the merger.',
      engagementScenarioId: 'partner-led',
    },
    workloadIds,
    'Warm-up',
    tenantId,
  );
  await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
  assert.match(fm.screenText(), /notice is posted/);
}

describe('Cosmos DB round trips per turn (regression guard)', () => {
  let cosmos: OpenCosmos;
  let connector: ConnectorSink;

  before(async () => {
    connector = await startConnectorSink();
    cosmos = await openCosmos({
      mode: 'local',
      databaseId: 'round-trips',
      dataFile: null,
      port: 0,
    });
  });
  after(async () => {
    await cosmos.close();
    await connector.close();
  });

  it('stays at the counted requests for each turn of a declaration', async () => {
    const db = repositoriesOf(cosmos.database, cosmos.connection);
    await installInAccountTeam(db, connector);
    const { CosmosDbPartitionedStorage } = freshStorageModule();
    const storage = new CosmosDbPartitionedStorage(
      stateStorageOptions(cosmos.connection, CONTAINERS.botState.id),
    );
    const fm = new FmConversation(botUnderTest(db, { connector, storage }));
    const morgan = new FmConversation(fm.target, MORGAN, 'personal-morgan');
    // Warm up as a running bot is: container handles and partition ranges are read once per
    // process, on the first declaration.
    await declare(fm, 'intune', '11111111-1111-4111-8111-111111111111');
    const warmUp = await latestDeclaration(db, '11111111-1111-4111-8111-111111111111');
    await morgan.send(executeAction('confirmDeclaration', warmUp));

    let requests = 0;
    cosmos.localServer!.onRequest(() => (requests += 1));
    const counted: [string, number, number][] = [];
    const turn = async (name: string, who: FmConversation, act: () => Promise<unknown>) => {
      requests = 0;
      let inTurn = -1;
      who.afterTurn = () => (inTurn = requests);
      await act();
      counted.push([name, inTurn, requests - inTurn]);
    };
    await turn('declare', fm, () => fm.say('declare'));
    await turn('customer and workloads', fm, () =>
      fm.tap('submitCustomer', {
        customerName: 'Contoso',
        tenantId: TENANT,
        workloadIds: 'exchange-online,onedrive',
      }),
    );
    await turn('scenario', fm, () =>
      fm.tap('chooseScenario', { scenarioId: 'no-intent-at-assignment' }),
    );
    await turn('answers', fm, () =>
      fm.tap('submitAnswers', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason:
          'Customer does not intend to use either workload because the board froze all IT projects; unresponsive since.',
        engagementScenarioId: 'partner-led',
      }),
    );
    assert.ok(fm.buttonData('confirm'), fm.text());
    await turn('confirm', fm, () => fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL }));
    assert.match(fm.screenText(), /notice is posted/);
    const declaration = await latestDeclaration(db, TENANT);
    await turn("manager's confirmation", morgan, () =>
      morgan.send(executeAction('confirmDeclaration', declaration)),
    );
    assert.match(JSON.stringify(morgan.replies), /Confirmed by Morgan Lee/);
    assert.deepEqual(counted, EXPECTED);
  });
});
