import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import {
  AVERY,
  BLAKE,
  botUnderTest,
  CUSTOMER_TENANT,
  FmConversation,
} from '../support/fmConversation';
import { freshDatabase } from '../support/localCosmos';
import { startConnectorSink, type ConnectorSink } from '../support/connectorSink';

const TENANT = CUSTOMER_TENANT;

/** What Teams sends when someone types "@No Intent <text>" in a channel. */
function mentioning(text: string): Partial<Activity> {
  return {
    text: `<at>No Intent</at> ${text}`,
    entities: [
      {
        type: 'mention',
        mentioned: { id: '28:no-intent-bot', name: 'No Intent' },
        text: '<at>No Intent</at>',
      },
    ],
  };
}

describe('in a channel, with an @mention', () => {
  let connector: ConnectorSink;
  before(async () => {
    connector = await startConnectorSink();
  });
  after(() => connector.close());

  it('each FM runs their own declaration in the same thread', async () => {
    const db = await freshDatabase();
    const target = botUnderTest(db, {
      connector,
      conversation: { id: '19:account-team@thread.tacv2;messageid=1', conversationType: 'channel' },
    });
    const avery = new FmConversation(target, AVERY);
    const blake = new FmConversation(target, BLAKE);

    await avery.say('', mentioning('declare'));
    assert.ok(avery.buttonData('submitCustomer'), avery.text());
    await blake.say('', mentioning('declare'));
    assert.ok(blake.buttonData('submitCustomer'));

    await avery.tap('submitCustomer', {
      customerName: 'Avery Co',
      tenantId: TENANT,
      workloadIds: 'intune',
    });
    assert.ok(avery.buttonData('chooseScenario'));
    await blake.tap('submitCustomer', {
      customerName: 'Blake Co',
      tenantId: TENANT,
      workloadIds: 'onedrive',
    });
    assert.match(blake.text(), /Blake Co/);

    await avery.say('', mentioning('cancel'));
    assert.match(avery.text(), /cancelled/);
    await blake.tap('chooseScenario', { scenarioId: 'no-intent-new-workload' });
    assert.ok(
      blake.buttonData('submitAnswers'),
      "Blake's declaration is untouched by Avery's cancel",
    );
  });

  it('understands a command after the mention, and help without one', async () => {
    const db = await freshDatabase();
    const target = botUnderTest(db, {
      connector,
      conversation: { id: '19:group-chat', conversationType: 'groupChat' },
    });
    const avery = new FmConversation(target, AVERY);
    await avery.say('', mentioning('help'));
    assert.match(avery.text(), /@mention me first/);
  });
});
