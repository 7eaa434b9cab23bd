/**
 * Teams sends an activity again when the bot's answer was slow or lost. The same activity (same
 * id) is handled once, on the instance that got it first or on another one.
 */
import assert from 'node:assert/strict';
import { stateStorageOptions } from '../../src/edges/cosmos/cosmosConnection';
import { CONTAINERS } from '../../src/edges/cosmos/cosmosContainers';
import { useBotFixture } from '../support/botFixture';
import { botUnderTest, FmConversation, NOTICES_CHANNEL } from '../support/fmConversation';
import { freshStorageModule } from '../support/freshStorageModule';
import { partitionOf } from '../support/ledgerReads';

const ANSWERS = {
  l2ReasonId: 'executive-sponsorship',
  detailedReason:
    'Customer does not intend to use Intune because the merger froze every IT project and the board sees no value in device management.',
  engagementScenarioId: 'customer-led',
};

describe('an activity delivered again', () => {
  const fixture = useBotFixture();

  /** Two instances of the bot sharing the dialog state in Cosmos DB, as in Azure. */
  function twoInstances() {
    const { CosmosDbPartitionedStorage } = freshStorageModule();
    const storage = new CosmosDbPartitionedStorage(
      stateStorageOptions(fixture.db.connection, CONTAINERS.botState.id),
    );
    const options = { connector: fixture.connector, storage };
    return [
      botUnderTest(fixture.db, { ...options, instanceId: 'instance-a' }),
      botUnderTest(fixture.db, { ...options, instanceId: 'instance-b' }),
    ] as const;
  }

  it('is handled once on the same instance: no second answer, one declaration, one notice', async () => {
    const { fm } = fixture;
    await fm.declareUntilSummary('no-intent-new-workload', ANSWERS);
    const confirm = {
      type: 'message',
      id: 'teams-activity-1',
      value: { ...fm.buttonData('confirm'), noticeChannel: NOTICES_CHANNEL },
      replyToId: fm.lastMessageId(),
    } as const;
    await fm.send(confirm);
    assert.match(fm.text(), /No Intent saved/);
    const again = await fm.send(confirm);
    assert.deepEqual(again, [], 'nothing said twice');
    assert.equal((await partitionOf(fixture.db)).declarations.length, 1);
    assert.equal(fixture.connector.threads().length, 1, 'one notice');
  });

  it('is handled once when the second delivery reaches another instance', async () => {
    const [a, b] = twoInstances();
    const onA = new FmConversation(a);
    await onA.say('declare');
    const typed = { type: 'message', id: 'teams-activity-2', text: 'cancel' } as const;
    await onA.send(typed);
    assert.match(onA.text(), /cancelled/);
    const onB = new FmConversation(b);
    assert.deepEqual(await onB.send(typed), [], 'instance B sees it was handled');
    await onB.send({ type: 'message', text: 'help' });
    assert.match(onB.text(), /declare/i, 'a new activity is handled as usual');
  });
});
