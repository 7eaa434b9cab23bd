/**
 * Failures between the steps of a save and of a decision: Cosmos DB requests lost on the way or
 * carried out with their answer lost (against the real local server), and Teams refusing for a
 * while (the loopback connector). Whatever fails, once things recover the ledger is consistent
 * and every side effect has happened exactly once.
 */
import assert from 'node:assert/strict';
import { useBotFixture } from '../support/botFixture';
import { cosmosFaults, type CosmosFaults, type RequestShape } from '../support/cosmosFaults';
import {
  botUnderTest,
  executeAction,
  FmConversation,
  MORGAN,
  NOTICES_CHANNEL,
  type BotUnderTest,
} from '../support/fmConversation';
import { latestDeclaration, partitionOf } from '../support/ledgerReads';
import { sharedCosmosServer, type TestDatabase } from '../support/localCosmos';

const REASON =
  'Customer does not intend to use Exchange Online because every mailbox runs on Gmail under a five-year contract.';

/** The n-th transactional batch on the ledger from now on (1 = the next). */
function nthLedgerBatch(n: number): (request: RequestShape) => boolean {
  let seen = 0;
  return (request) => request.batch && request.url.includes('/colls/ledger/') && ++seen === n;
}

describe('failures between the steps of a save or a decision', () => {
  const fixture = useBotFixture();
  let db: TestDatabase;
  let target: BotUnderTest;
  let fm: FmConversation;
  let faults: CosmosFaults;
  let now: number;

  beforeEach(async () => {
    db = fixture.db;
    now = Date.parse('2026-11-25T09:00:00Z');
    // A bot whose clock the test moves, to let claims of a failed turn expire.
    target = botUnderTest(db, { connector: fixture.connector, now: () => new Date(now) });
    fm = new FmConversation(target);
    faults = cosmosFaults(await sharedCosmosServer(), db.connection.databaseId);
    await fm.declareUntilSummary('no-intent-at-assignment', {
      l2ReasonId: 'using-competitive-solution',
      detailedReason: REASON,
      engagementScenarioId: 'customer-led',
    });
  });
  afterEach(() => faults.heal());

  /** After the claims of a failed turn expired, a sweep by another instance. */
  async function recover(): Promise<void> {
    faults.heal();
    now += 61_000;
    await target.effects.sweep();
  }

  async function expectConsistent(state: string): Promise<void> {
    const { declarations, entitlements, messages, outbox } = await partitionOf(db);
    assert.equal(declarations.length, 1, 'one declaration');
    assert.equal(declarations[0]?.state, state);
    assert.equal(
      entitlements[0]?.declaration?.state === state || entitlements[0]?.closed?.outcome === state,
      true,
    );
    assert.equal(messages[0]?.notice.status, 'posted');
    assert.deepEqual(outbox, [], 'every side effect carried out');
    assert.equal(fixture.connector.threads().length, 1, 'exactly one notice');
  }

  describe('saving', () => {
    it('the save never reaches Cosmos DB: it is tried again at once and saved once', async () => {
      faults.failNext('lost-request', nthLedgerBatch(1));
      await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
      assert.equal(faults.pending(), 0, 'the fault was met');
      assert.match(fm.text(), /No Intent saved/);
      assert.match(fm.screenText(), /notice is posted/);
      await expectConsistent('awaiting-decision');
    });

    it('the save and its retry never reach Cosmos DB: the FM is told honestly, and tapping again saves once', async () => {
      faults.failNext('lost-request', nthLedgerBatch(1));
      faults.failNext('lost-request', nthLedgerBatch(2));
      await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
      assert.match(fm.text(), /cannot tell whether the declaration was saved/);
      assert.equal((await partitionOf(db)).customer, undefined, 'nothing was saved');
      await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
      assert.match(fm.screenText(), /notice is posted/);
      await expectConsistent('awaiting-decision');
    });

    it('the save is carried out but its answer is lost: the retry finds it, and the notice goes out once', async () => {
      faults.failNext('lost-answer', nthLedgerBatch(1));
      await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
      assert.match(fm.text(), /No Intent saved/);
      assert.equal((await partitionOf(db)).declarations.length, 1, 'saved once');
      await recover();
      await expectConsistent('awaiting-decision');
      assert.match(fm.screenText(), /notice is posted in/);
    });

    it('cancelling after an uncertain save says it stands, if it does', async () => {
      // The save is carried out, its answer lost, and then Cosmos DB is out of reach for its retry.
      const save = nthLedgerBatch(1);
      faults.failNext('lost-answer', (request) => {
        const hit = save(request);
        if (hit) setImmediate(() => faults.failAll());
        return hit;
      });
      await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
      assert.match(fm.text(), /cannot tell whether the declaration was saved/);
      faults.heal();
      await fm.say('cancel');
      assert.match(fm.text(), /already saved before you cancelled, so it stands/);
      assert.doesNotMatch(fm.text(), /Nothing was saved/);
      await recover();
      await expectConsistent('awaiting-decision');
    });

    it('the notice is posted but recording it is lost: recorded on a retry, never posted twice', async () => {
      faults.failNext('lost-request', nthLedgerBatch(2));
      await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
      assert.equal(faults.pending(), 0, 'the fault was met');
      await recover();
      await expectConsistent('awaiting-decision');
    });

    it('Cosmos DB unreachable for a while after the notice is posted: recorded, posted once', async () => {
      for (const n of [2, 3, 4]) faults.failNext('lost-request', nthLedgerBatch(n));
      await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
      assert.equal(faults.pending(), 0, 'each fault was met');
      await recover();
      await expectConsistent('awaiting-decision');
    });

    it('Teams refuses for a while after the save: the sweep posts once', async () => {
      fixture.connector.failNext({ status: 503 }, { status: 503 }, { status: 503 });
      await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
      assert.match(fm.text(), /on its way/);
      assert.equal(fixture.connector.threads().length, 0);
      await recover();
      await expectConsistent('awaiting-decision');
    });
  });

  describe('deciding', () => {
    beforeEach(async () => {
      await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
      fixture.connector.sent.splice(0);
    });

    async function decide(): Promise<FmConversation> {
      const morgan = new FmConversation(target, MORGAN, 'personal-morgan');
      const declaration = await latestDeclaration(db);
      await morgan.send(executeAction('confirmDeclaration', declaration));
      return morgan;
    }

    function fmNews(): number {
      return fixture.connector.sent.filter(
        (s) =>
          s.method === 'POST' &&
          s.path.startsWith('/v3/conversations/personal-avery') &&
          JSON.stringify(s.body).includes('confirmed your No Intent declaration'),
      ).length;
    }

    it('the decision never reaches Cosmos DB: it is tried again at once and decided once', async () => {
      faults.failNext('lost-request', nthLedgerBatch(3));
      const morgan = await decide();
      assert.equal(faults.pending(), 0, 'the fault was met');
      assert.match(JSON.stringify(morgan.replies), /Confirmed by Morgan Lee/);
      await recover();
      await expectConsistentDecision();
    });

    it('the decision and its retry never reach Cosmos DB: nothing changed, and tapping again decides', async () => {
      faults.failNext('lost-request', nthLedgerBatch(3));
      faults.failNext('lost-request', nthLedgerBatch(6));
      const morgan = await decide();
      assert.match(JSON.stringify(morgan.replies), /Something went wrong on my side/);
      assert.equal((await latestDeclaration(db)).state, 'awaiting-decision');
      await decide();
      await recover();
      await expectConsistentDecision();
    });

    it('the decision is carried out but its answer is lost: the effects follow once, from the sweep', async () => {
      faults.failNext('lost-answer', nthLedgerBatch(3));
      await decide();
      assert.equal((await latestDeclaration(db)).state, 'confirmed', 'it was saved');
      const again = await decide();
      assert.match(JSON.stringify(again.replies), /Confirmed by Morgan Lee/);
      await recover();
      await expectConsistentDecision();
    });

    it("the FM's news is sent but recording it is lost: recorded on a retry, sent once", async () => {
      // The decision's batch, then update-notice's completion, then tell-fm's completion.
      faults.failNext('lost-request', nthLedgerBatch(4));
      await decide();
      await recover();
      await expectConsistentDecision();
    });

    async function expectConsistentDecision(): Promise<void> {
      const { declarations, entitlements, outbox } = await partitionOf(db);
      assert.equal(declarations[0]?.state, 'confirmed');
      assert.equal(entitlements[0]?.declaration?.state, 'confirmed');
      assert.equal(
        entitlements[0]?.history.filter((t) => t.kind === 'confirmed').length,
        1,
        'decided once',
      );
      assert.deepEqual(outbox, [], 'every side effect carried out');
      assert.equal(fmNews(), 1, 'the FM is told once');
      const noticeUpdates = fixture.connector.sent.filter(
        (s) => s.method === 'PUT' && JSON.stringify(s.body).includes('Confirmed by Morgan Lee'),
      );
      assert.ok(noticeUpdates.length >= 1, 'the notice shows the decision');
    }
  });
});
