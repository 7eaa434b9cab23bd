import assert from 'node:assert/strict';
import {
  claimNotice,
  deliverNotice,
  newClaim,
  sweepNotices,
} from '../../src/application/deliverNotice';
import { ConcurrencyConflict } from '../../src/application/declarationRepository';
import type { StoredNotice } from '../../src/application/notice';
import { useBotFixture } from '../support/botFixture';
import type { ConnectorSink } from '../support/connectorSink';
import {
  AVERY,
  CUSTOMER_TENANT,
  botUnderTest,
  FmConversation,
  installInAccountTeam,
  NOTICES_CHANNEL,
  type BotUnderTest,
} from '../support/fmConversation';
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
  ) {
    await fm.declareUntilSummary(
      scenarioId,
      scenarioId === 'declines-fasttrack-center'
        ? { engagementScenarioId: 'customer-led', kickoffDate: '2026-12-07' }
        : {
            l2ReasonId: 'executive-sponsorship',
            detailedReason: REASON,
            engagementScenarioId: 'partner-led',
          },
      workloadIds,
    );
    assert.ok(fm.buttonData('confirm'), fm.text());
    await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
  }

  async function onlyNotice(): Promise<StoredNotice> {
    const [record] = await db.repository.recordsOfCustomer(TENANT);
    const notice = await db.notices.readNotice(record!.declarationId);
    assert.ok(notice);
    return notice;
  }

  it('posts one notice per declaration, as a new thread in the chosen channel', async () => {
    await declare();
    assert.match(
      fm.text(),
      /posted the No Intent notice in Contoso account team > No Intent notices/,
    );
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
      'Avery Fox',
      "Awaiting a manager's confirmation",
    ]) {
      assert.ok(card.includes(text), text);
    }
    const notice = await onlyNotice();
    assert.equal(notice.delivery.status, 'posted');
    assert.ok(notice.delivery.conversationId?.startsWith('19:thread-'));
    assert.ok(notice.delivery.activityId);
  });

  it('posts nothing for scenario 1, which is not No Intent', async () => {
    await declare('declines-fasttrack-center', 'intune');
    assert.equal(connector.threads().length, 0);
    assert.doesNotMatch(fm.text(), /notice/);
    const [record] = await db.repository.recordsOfCustomer(TENANT);
    assert.equal(await db.notices.readNotice(record!.declarationId), undefined);
  });

  it('defaults to the channel last used for the customer', async () => {
    await declare('no-intent-at-assignment', 'exchange-online');
    await fm.declareUntilSummary('no-intent-new-workload', NEW_WORKLOAD_ANSWERS, 'intune');
    assert.match(
      JSON.stringify(fm.lastCard()),
      /"id":"noticeChannel"[^}]*"value":"19:contoso-account-team@thread.tacv2\|19:no-intent-notices@thread.tacv2"/,
    );
  });

  it('retries 500 and then posts once', async () => {
    connector.failNext({ status: 500 }, { status: 502 });
    await declare();
    assert.equal(connector.threads().length, 1);
    assert.equal((await onlyNotice()).delivery.attempts, 3);
  });

  it('honours Retry-After on 429', async () => {
    connector.failNext({ status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    await declare();
    assert.equal(connector.threads().length, 1);
    assert.ok(Date.now() - started >= 1000, 'waited as Teams asked');
  });

  it('keeps a notice pending when every attempt fails, and the sweep posts it later', async () => {
    connector.failNext({ status: 503 }, { status: 'drop' }, { status: 504 });
    await declare();
    assert.match(fm.text(), /keep trying/);
    const pending = await onlyNotice();
    assert.equal(pending.delivery.status, 'pending');
    assert.equal(pending.delivery.claimedBy, null);
    assert.equal(connector.threads().length, 0);
    const report = await sweepNotices(target.delivery, 'sweeper');
    assert.deepEqual(report, { posted: 1, pending: 0, failed: 0, skipped: 0 });
    assert.equal(connector.threads().length, 1);
    assert.equal((await onlyNotice()).delivery.status, 'posted');
    assert.deepEqual(await sweepNotices(target.delivery, 'sweeper'), {
      posted: 0,
      pending: 0,
      failed: 0,
      skipped: 0,
    });
  });

  for (const [status, advice] of [
    [403, /not installed in that team/],
    [404, /no longer exists/],
  ] as const) {
    it(`marks the notice failed on ${status}, tells the FM what to do, and never retries it`, async () => {
      connector.failNext({ status });
      await declare();
      assert.match(fm.text(), advice);
      const notice = await onlyNotice();
      assert.equal(notice.delivery.status, 'failed');
      assert.equal(notice.delivery.attempts, 1);
      await sweepNotices(target.delivery, 'sweeper');
      assert.equal(connector.threads().length, 0);
      const [record] = await db.repository.recordsOfCustomer(TENANT);
      assert.equal(record?.status, 'awaiting-confirmation', 'the declaration itself is kept');
    });
  }

  it('never posts a notice twice under concurrent sweeps from several instances', async () => {
    connector.failNext({ status: 503 }, { status: 503 }, { status: 503 });
    await declare();
    // Make it due now and add two more pending notices, as another run might have left them.
    const first = await onlyNotice();
    await db.notices.replaceNotice({
      ...first,
      delivery: { ...first.delivery, nextAttemptAt: new Date(0).toISOString() },
    });
    for (const id of ['extra-1', 'extra-2']) {
      await db.notices.createNotice({
        ...first,
        id,
        declarationId: id,
        delivery: {
          ...first.delivery,
          nextAttemptAt: new Date(0).toISOString(),
          claimedBy: null,
          claimExpiresAt: null,
        },
      });
    }
    const reports = await Promise.all(
      ['a', 'b', 'c', 'd'].map((instance) => sweepNotices(target.delivery, instance)),
    );
    assert.equal(
      reports.reduce((n, r) => n + r.posted, 0),
      3,
    );
    assert.equal(connector.threads().length, 3, 'one thread per notice');
  });

  it('a claim taken by one instance keeps the others off', async () => {
    connector.failNext({ status: 503 }, { status: 503 }, { status: 503 });
    await declare();
    const notice = await onlyNotice();
    const mine = await claimNotice(target.delivery, notice, newClaim('a'));
    assert.ok(mine);
    assert.equal(
      await claimNotice(target.delivery, notice, newClaim('b')),
      undefined,
      'stale etag loses',
    );
    const theirs = await deliverNotice(target.delivery, mine, newClaim('b'));
    assert.equal(theirs.outcome, 'not-claimed');
    await assert.rejects(db.notices.replaceNotice(notice), ConcurrencyConflict);
  });

  it('tells the FM when the team was never set up, and saves nothing until a channel is chosen', async () => {
    const empty = await freshDatabase();
    const lonely = new FmConversation(botUnderTest(empty, { connector }), AVERY);
    await lonely.declareUntilSummary('no-intent-new-workload', NEW_WORKLOAD_ANSWERS, 'intune');
    assert.match(lonely.text(), /not in any team yet/);
    await lonely.tap('confirm');
    assert.match(lonely.text(), /Ask an owner of their team to add it/);
    assert.deepEqual(await empty.repository.recordsOfCustomer(TENANT), []);
    await installInAccountTeam(empty, connector);
    await lonely.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
    assert.match(lonely.text(), /No Intent saved/);
  });

  it('refuses a forged channel and saves nothing', async () => {
    await fm.declareUntilSummary('no-intent-new-workload', NEW_WORKLOAD_ANSWERS, 'intune');
    await fm.tap('confirm', { noticeChannel: '19:elsewhere|19:secret' });
    assert.match(fm.text(), /Choose the account team's channel/);
    assert.deepEqual(await db.repository.recordsOfCustomer(TENANT), []);
    assert.equal(connector.threads().length, 0);
  });
});
