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
import { repositoriesOf } from '../support/localCosmos';

const TENANT = CUSTOMER_TENANT;

/**
 * Cosmos DB requests per turn of one scripted declaration, counted at the local server's HTTP
 * layer. A change that adds a round trip makes this fail; if it is worth it, update the table
 * and say why. (Counts, not times: nothing here depends on the machine's speed.)
 */
const EXPECTED: [turn: string, requests: number][] = [
  // Dialog state: one read and one write per turn.
  ['declare', 2],
  ['customer and workloads', 2],
  // The customer's records, read once per declaration and kept in the dialog state (a query is
  // two requests: the query plan, then the query).
  ['scenario', 4],
  // Dialog state only: the summary's channel list comes from the installed teams this instance
  // read less than a minute ago (in the warm-up).
  ['answers', 2],
  // Save: state, records (one transactional batch), then the FM index and the notice created together,
  // and the notice marked posted (one conditional replace).
  ['confirm', 6],
  // The manager's confirmation: the notice read and replaced, the declaration's records read (a
  // query) and replaced together (one transactional batch). No dialog state is involved.
  ["manager's confirmation", 5],
];

async function declare(fm: FmConversation, workloadIds: string): Promise<void> {
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
  );
  await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
  assert.match(fm.text(), /posted the No Intent notice/);
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
    // Warm up as a running bot is: container handles and partition ranges are read once per
    // process, on the first declaration.
    await declare(fm, 'intune');

    let requests = 0;
    cosmos.localServer!.onRequest(() => (requests += 1));
    const counted: [string, number][] = [];
    const turn = async (name: string, act: () => Promise<unknown>) => {
      requests = 0;
      await act();
      counted.push([name, requests]);
    };
    await turn('declare', () => fm.say('declare'));
    await turn('customer and workloads', () =>
      fm.tap('submitCustomer', {
        customerName: 'Contoso',
        tenantId: TENANT,
        workloadIds: 'exchange-online,onedrive',
      }),
    );
    await turn('scenario', () =>
      fm.tap('chooseScenario', { scenarioId: 'no-intent-at-assignment' }),
    );
    await turn('answers', () =>
      fm.tap('submitAnswers', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason:
          'Customer does not intend to use either workload because the board froze all IT projects; unresponsive since.',
        engagementScenarioId: 'partner-led',
      }),
    );
    assert.ok(fm.buttonData('confirm'), fm.text());
    await turn('confirm', () => fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL }));
    assert.match(fm.text(), /posted the No Intent notice/);
    const [record] = await db.repository.recordsOfCustomer(TENANT);
    const morgan = new FmConversation(fm.target, MORGAN);
    await turn("manager's confirmation", () =>
      morgan.send(executeAction('confirmDeclaration', { declarationId: record!.declarationId })),
    );
    assert.match(JSON.stringify(morgan.replies), /Confirmed by Morgan Lee/);
    assert.deepEqual(counted, EXPECTED);
  });
});
