import type { Activity } from 'botbuilder';
import assert from 'node:assert/strict';
import { EffectRunner } from '../../src/application/effectRunner';
import type { DeclarationSnapshot } from '../../src/application/ledgerRepository';
import { useBotFixture } from '../support/botFixture';
import type { ConnectorSink } from '../support/connectorSink';
import {
  AVERY,
  botUnderTest,
  CUSTOMER_TENANT,
  FmConversation,
  NOTICES_CHANNEL,
  type BotUnderTest,
} from '../support/fmConversation';
import { latestDeclaration, partitionOf } from '../support/ledgerReads';
import { freshDatabase, type TestDatabase } from '../support/localCosmos';

const TENANT = CUSTOMER_TENANT;
const REASON =
  'Customer does not intend to use these workloads because the merger froze every IT project; unresponsive since.';
const NEW_WORKLOAD_ANSWERS = {
  l2ReasonId: 'executive-sponsorship',
  detailedReason: REASON,
  engagementScenarioId: 'partner-led',
};

describe('the No Intent notice in the account team channel', () => {
  const fixture = useBotFixture();
  let connector: ConnectorSink;
  let db: TestDatabase;
  let target: BotUnderTest;
  let fm: FmConversation;
  beforeEach(() => ({ connector, db, target, fm } = fixture));

  async function declare(
    scenarioId = 'no-intent-at-assignment',
    workloadIds = 'exchange-online,onedrive',
    conversation = fm,
    tenantId = TENANT,
  ) {
    await conversation.declareUntilSummary(
      scenarioId,
      scenarioId === 'declines-fasttrack-center'
        ? { engagementScenarioId: 'customer-led', kickoffDate: '2026-12-07' }
        : NEW_WORKLOAD_ANSWERS,
      workloadIds,
      'Contoso Ltd',
      tenantId,
    );
    assert.ok(conversation.buttonData('confirm'), conversation.text());
    await conversation.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
  }

  async function snapshot(tenantId = TENANT): Promise<DeclarationSnapshot> {
    const declaration = await latestDeclaration(db, tenantId);
    const found = await db.ledger.readDeclaration(tenantId, declaration.declarationId);
    assert.ok(found);
    return found;
  }

  it('posts one notice per declaration, as a new thread in the chosen channel', async () => {
    await declare();
    assert.match(fm.text(), /notice is posted in Contoso account team > No Intent notices/);
    const threads = connector.threads();
    assert.equal(threads.length, 1);
    const body = threads[0]!.body as {
      channelData: { channel: { id: string } };
      activity: unknown;
    };
    assert.equal(body.channelData.channel.id, '19:no-intent-notices@thread.tacv2');
    const card = JSON.stringify(body.activity);
    for (const text of [
      'Contoso Ltd',
      'Exchange Online, OneDrive',
      'No Intent',
      'Executive Sponsorship',
      'Selling of business value is needed.',
      'Avery Fox',
      "Awaiting a manager's decision",
      'To be entered in FTOP by Avery Fox',
    ]) {
      assert.ok(card.includes(text), text);
    }
    assert.ok(!card.includes('FTOP now shows'), 'it never claims FTOP shows the values');
    const { messages } = await snapshot();
    assert.equal(messages.notice.status, 'posted');
    assert.ok(
      messages.notice.conversationId?.startsWith(`${NOTICES_CHANNEL.split('|')[1]};messageid=`),
    );
    assert.ok(messages.notice.activityId);
    assert.deepEqual((await partitionOf(db)).outbox, [], 'every effect is done');
  });

  it('posts nothing for scenario 1, which is not No Intent', async () => {
    await declare('declines-fasttrack-center', 'intune');
    assert.equal(connector.threads().length, 0);
    assert.match(fm.text(), /not No Intent, so the account team is not told/);
    const { messages } = await snapshot();
    assert.equal(messages.notice.status, 'pending');
    assert.deepEqual((await partitionOf(db)).outbox, []);
  });

  it('defaults to the channel last used for the customer', async () => {
    await declare('no-intent-at-assignment', 'exchange-online');
    await fm.declareUntilSummary('no-intent-new-workload', NEW_WORKLOAD_ANSWERS, 'intune');
    assert.match(
      JSON.stringify(fm.lastCard()),
      /"id":"noticeChannel"[^}]*"value":"19:contoso-account-team@thread.tacv2\|19:no-intent-notices@thread.tacv2"/,
    );
  });

  it('retries 503 at once, then posts once', async () => {
    connector.failNext({ status: 503 }, { status: 503 });
    await declare();
    assert.equal(connector.threads().length, 1);
    assert.equal((await snapshot()).messages.notice.status, 'posted');
  });

  it('after a 500 or 502, which Teams may have carried out, tries again only on a later run', async () => {
    connector.failNext({ status: 500 });
    await declare();
    assert.equal(connector.threads().length, 0, 'not at once');
    const [entry] = (await partitionOf(db)).outbox;
    assert.equal(entry?.attempts, 1);
    connector.failNext({ status: 502 });
    await target.effects.sweep();
    assert.equal(connector.threads().length, 0);
    await target.effects.sweep();
    assert.equal(connector.threads().length, 1, 'posted once');
    assert.equal((await snapshot()).messages.notice.status, 'posted');
  });

  it('honours Retry-After on 429', async () => {
    connector.failNext({ status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    await declare();
    assert.equal(connector.threads().length, 1);
    assert.ok(Date.now() - started >= 1000, 'waited as Teams asked');
  });

  it('keeps a notice due when every attempt fails, and the sweep posts it later', async () => {
    connector.failNext({ status: 503 }, { status: 429, retryAfterSeconds: 0 }, { status: 503 });
    await declare();
    assert.match(fm.text(), /on its way to Contoso account team > No Intent notices/);
    assert.equal((await snapshot()).messages.notice.status, 'pending');
    const [entry] = (await partitionOf(db)).outbox;
    assert.equal(entry?.effect, 'post-notice');
    assert.equal(entry?.claimedBy, null, 'released for any instance');
    assert.equal(entry?.attempts, 3);
    assert.equal(connector.threads().length, 0);

    const report = await target.effects.sweep();
    assert.equal(report.done, 1);
    assert.equal(connector.threads().length, 1);
    assert.equal((await snapshot()).messages.notice.status, 'posted');
    assert.match(
      fm.screenText(),
      /notice is posted in Contoso account team/,
      "the FM's card follows",
    );
    assert.equal((await target.effects.sweep()).done, 0, 'nothing left to do');
  });

  for (const [status, advice] of [
    [403, /not installed in that team/],
    [404, /no longer exists/],
  ] as const) {
    it(`records the notice failed on ${status}, tells the FM what to do, and never retries it`, async () => {
      connector.failNext({ status });
      await declare();
      assert.match(fm.screenText(), advice);
      const { messages, declaration } = await snapshot();
      assert.equal(messages.notice.status, 'failed');
      await target.effects.sweep();
      assert.equal(connector.threads().length, 0);
      assert.equal(declaration.state, 'awaiting-decision', 'the declaration itself is kept');
      assert.deepEqual((await partitionOf(db)).outbox, []);
    });
  }

  it('never posts a notice twice under concurrent sweeps from several instances', async () => {
    connector.failNext(...Array.from({ length: 9 }, () => ({ status: 503 as const })));
    for (const tenantId of [
      TENANT,
      '11111111-1111-4111-8111-111111111111',
      '22222222-2222-4222-8222-222222222222',
    ]) {
      await declare('no-intent-at-assignment', 'exchange-online', fm, tenantId);
    }
    assert.equal(connector.threads().length, 0);
    const runners = ['a', 'b', 'c', 'd'].map((id) => new EffectRunner(target.effectDeps, id));
    const reports = await Promise.all(runners.map((runner) => runner.sweep()));
    assert.equal(
      reports.reduce((n, r) => n + r.done, 0),
      3,
    );
    assert.equal(connector.threads().length, 3, 'one thread per notice');
  });

  it('a claim taken by one instance keeps the others off', async () => {
    connector.failNext({ status: 503 }, { status: 503 }, { status: 503 });
    await declare();
    const [entry] = await db.ledger.dueEffects(new Date().toISOString(), 10);
    assert.ok(entry);
    const until = new Date(Date.now() + 60_000).toISOString();
    assert.ok(await db.ledger.claimEffect(entry, 'a', until));
    assert.equal(await db.ledger.claimEffect(entry, 'b', until), undefined, 'stale etag loses');
    assert.deepEqual(await db.ledger.dueEffects(new Date().toISOString(), 10), [], 'claimed');
  });

  it('saves without a team: the notice waits, and goes out once the app is in a team', async () => {
    const empty = await freshDatabase();
    const lonely = new FmConversation(botUnderTest(empty, { connector }), AVERY);
    await lonely.declareUntilSummary('no-intent-new-workload', NEW_WORKLOAD_ANSWERS, 'intune');
    assert.match(lonely.text(), /app is in no team yet, so the account team's notice will wait/);
    await lonely.tap('confirm');
    assert.match(lonely.text(), /No Intent saved/);
    assert.match(lonely.text(), /notice waits: the app is in no team yet/);
    const [declaration] = (await partitionOf(empty)).declarations;
    assert.equal(declaration?.noticeTarget, null);

    // An owner adds the app to the account team's team: Teams tells the bot twice, at once.
    connector.team.channels = [
      { id: '19:contoso-account-team@thread.tacv2' },
      { id: '19:no-intent-notices@thread.tacv2', name: 'No Intent notices' },
    ];
    const team = {
      conversation: {
        id: '19:contoso-account-team@thread.tacv2',
        conversationType: 'channel',
        isGroup: true,
        name: 'General',
        tenantId: '6d3a4b2c-1e5f-4a7b-9c8d-0f1e2d3c4b5a',
      },
      channelData: {
        team: { id: '19:contoso-account-team@thread.tacv2' },
        tenant: { id: '6d3a4b2c-1e5f-4a7b-9c8d-0f1e2d3c4b5a' },
      },
    };
    const inTeam = () => new FmConversation(lonely.target, AVERY);
    const teamEvent = (activity: Partial<Activity>) =>
      inTeam().send({
        ...team,
        ...activity,
        channelData: { ...team.channelData, ...activity.channelData },
      });
    await Promise.all([
      teamEvent({ type: 'installationUpdate', action: 'add' }),
      teamEvent({
        type: 'conversationUpdate',
        membersAdded: [{ id: '28:no-intent-bot', name: 'No Intent' }],
        channelData: { eventType: 'teamMemberAdded' },
      }),
    ]);
    const askings = () =>
      lonely
        .messages()
        .filter(({ activity }) => /The app is now in/.test(JSON.stringify(activity)));
    assert.equal(askings().length, 1, 'asked once, though Teams said it twice');
    assert.match(lonely.screenText(), /The app is now in Contoso account team/);
    assert.match(lonely.screenText(), /card is out of date/, 'the earlier card is retired');
    const asking = askings()[0]!;
    assert.match(JSON.stringify(asking.activity), /"value":""/, 'no channel is chosen for the FM');
    const liveCard = () => lonely.messages().find(({ id }) => id === asking.id)!.activity;

    // A channel created later updates the card's choices rather than asking again.
    connector.team.channels.push({ id: '19:escalations@thread.tacv2', name: 'Escalations' });
    const shown = lonely.messages().length;
    await teamEvent({ type: 'conversationUpdate', channelData: { eventType: 'channelCreated' } });
    assert.equal(lonely.messages().length, shown, 'no new message');
    assert.match(JSON.stringify(liveCard()), /Escalations/, 'the choices are current');

    await lonely.tap('chooseNoticeChannel', { noticeChannel: NOTICES_CHANNEL });
    assert.equal(connector.threads().length, 1, 'the notice goes out');
    assert.match(
      lonely.screenText(),
      /notice is posted in Contoso account team > No Intent notices/,
    );
    await teamEvent({ type: 'conversationUpdate', channelData: { eventType: 'channelRenamed' } });
    assert.equal(lonely.messages().length, shown, 'nothing more to ask once posted');
    assert.deepEqual(
      await empty.ledger.dueEffects(new Date().toISOString(), 10),
      [],
      'no entry left behind',
    );
  });

  it('refuses a forged channel and saves nothing', async () => {
    await fm.declareUntilSummary('no-intent-new-workload', NEW_WORKLOAD_ANSWERS, 'intune');
    await fm.tap('confirm', { noticeChannel: '19:elsewhere|19:secret' });
    assert.match(fm.text(), /Choose the account team's channel/);
    assert.equal((await partitionOf(db)).customer, undefined);
    assert.equal(connector.threads().length, 0);
  });
});
