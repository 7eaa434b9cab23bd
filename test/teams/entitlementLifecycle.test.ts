import assert from 'node:assert/strict';
import type { Declaration } from '../../src/application/declaration';
import { useBotFixture } from '../support/botFixture';
import type { ConnectorSink } from '../support/connectorSink';
import {
  BLAKE,
  CUSTOMER_TENANT,
  FmConversation,
  inputValue,
  MORGAN,
  NOTICES_CHANNEL,
  type BotUnderTest,
} from '../support/fmConversation';
import { fieldValue } from '../support/cardFields';
import { latestDeclaration, managerDecides, partitionOf } from '../support/ledgerReads';
import type { TestDatabase } from '../support/localCosmos';

const REASON =
  'Customer does not intend to use Exchange Online because every mailbox runs on Gmail under a five-year contract.';
const BETTER_REASON =
  'Customer does not intend to use Exchange Online because the group moved every mailbox to Gmail under a five-year contract signed in March.';

describe('an entitlement after its declaration: FTOP, withdrawal, decisions, declaring again', () => {
  const fixture = useBotFixture();
  let connector: ConnectorSink;
  let db: TestDatabase;
  let target: BotUnderTest;
  let fm: FmConversation;
  let declaration: Declaration;

  beforeEach(async () => {
    ({ connector, db, target, fm } = fixture);
    await fm.declareUntilSummary('no-intent-at-assignment', {
      l2ReasonId: 'using-competitive-solution',
      detailedReason: REASON,
      engagementScenarioId: 'customer-led',
    });
    await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
    declaration = await latestDeclaration(db);
  });

  /** The posted notice as the account team sees it now. */
  function noticeOnScreen(): string {
    const thread = connector.threads()[0];
    assert.ok(thread, 'the notice was posted');
    const id = (thread as { id?: string }).id!;
    const updates = connector.sent.filter(
      (s) => s.method === 'PUT' && s.path.includes(encodeURIComponent(`;messageid=${id}`)),
    );
    const latest =
      updates[updates.length - 1]?.body ?? (thread.body as { activity: unknown }).activity;
    return JSON.stringify(latest);
  }

  describe('the FTOP hand-off', () => {
    it('the saved card lists, in the playbook column names, exactly what to enter in FTOP', async () => {
      const card = fm.lastCard();
      assert.match(JSON.stringify(card), /Enter these values in FTOP/);
      assert.equal(fieldValue(card, 'Who Updates FTOP'), 'Assignment FM');
      assert.equal(fieldValue(card, 'L1 Value'), 'No Intent');
      assert.equal(fieldValue(card, 'L2 Value'), 'Using Competitive Solution');
      assert.equal(fieldValue(card, 'Service Status'), 'N/A');
      assert.equal(fieldValue(card, 'Owner'), 'Account Team');
      assert.equal(fieldValue(card, 'Notes'), REASON);
      assert.equal(fieldValue(card, 'Next Action Date'), 'TBD');
      assert.equal(fieldValue(card, 'Next Action to be taken'), 'Notify account team of No Intent');
      assert.match(noticeOnScreen(), /To be entered in FTOP by Avery Fox/);
    });

    it('"I have entered these in FTOP" is recorded on the entitlement, and the notice says so', async () => {
      await fm.tap('enterInFtop');
      const [entitlement] = (await partitionOf(db)).entitlements;
      assert.equal(entitlement?.ftopEntry?.by.name, 'Avery Fox');
      assert.equal(entitlement?.history.at(-1)?.kind, 'entered-in-ftop');
      assert.match(JSON.stringify(fm.lastCard()), /Entered in FTOP by Avery Fox/);
      assert.equal(fm.buttonDataWhere('enterInFtop', {}), undefined, 'the button is gone');
      assert.match(noticeOnScreen(), /Entered in FTOP by Avery Fox/);
      await fm.submit({
        action: 'enterInFtop',
        tenantId: CUSTOMER_TENANT,
        workloadIds: 'exchange-online',
        task: 'enter',
        declarationId: declaration.declarationId,
      });
      assert.match(fm.text(), /already up to date/);
    });

    it('"I have put FTOP back" on a card older than a new declaration changes nothing', async () => {
      await fm.tap('enterInFtop');
      await managerDecides(target, declaration, 'rejectDeclaration', 'Name the competitor.');
      const putBack = fm.buttonOnScreen('enterInFtop', { task: 'put-back' });
      assert.ok(putBack, 'the rejection asks for FTOP to be put back');
      await fm.tap('declareAgain');
      await fm.tap('chooseScenario', { scenarioId: 'no-intent-at-assignment' });
      await fm.tap('submitAnswers', {
        l2ReasonId: 'using-competitive-solution',
        detailedReason: BETTER_REASON,
        engagementScenarioId: 'customer-led',
      });
      await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });

      const oldCard = () =>
        JSON.stringify(fm.messages().find(({ id }) => id === putBack.messageId)?.activity);
      assert.match(oldCard(), /A later declaration replaced this one/, 'the old card is redrawn');
      assert.doesNotMatch(oldCard(), /"action":"(enterInFtop|declareAgain)"/, 'without buttons');

      // A client that still shows the old card sends its button anyway.
      await fm.submit(putBack.data, putBack.messageId);
      assert.match(fm.text(), /from an older card.*Nothing changed/);
      const [entitlement] = (await partitionOf(db)).entitlements;
      assert.equal(entitlement?.ftopEntry, null, "the new declaration's values are not entered");
      assert.equal(entitlement?.history.at(-1)?.kind, 'declared');
      assert.doesNotMatch(JSON.stringify(fm.lastCard()), /I have put FTOP back/, 'redrawn');
    });

    it('a rejection after the values were entered says exactly what to put back', async () => {
      // The customer had declared intent before: the entitlement was In Progress.
      await fm.tap('withdraw');
      await fm.declareUntilSummary('declines-fasttrack-center', {
        engagementScenarioId: 'partner-led',
        kickoffDate: '2026-12-07',
      });
      await fm.tap('confirm');
      await fm.tap('enterInFtop');
      await fm.declareUntilSummary('no-intent-after-intent', {
        l2ReasonId: 'using-competitive-solution',
        detailedReason: REASON,
        engagementScenarioId: 'partner-led',
      });
      await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
      await fm.tap('enterInFtop');
      await managerDecides(
        target,
        await latestDeclaration(db),
        'rejectDeclaration',
        'Still In Progress.',
      );

      const card = fm.screenCards().at(-1);
      const news = JSON.stringify(card);
      assert.match(news, /Morgan Lee rejected your No Intent declaration/);
      assert.match(news, /Put these values back in FTOP/);
      assert.equal(fieldValue(card, 'L1 Value'), 'In Progress');
      assert.equal(fieldValue(card, 'Service Status'), 'Initiate');
      assert.equal(fieldValue(card, 'Next Action Date'), '2026-12-07');
      const [entitlement] = (await partitionOf(db)).entitlements;
      assert.equal(
        entitlement?.status?.fields.l1,
        'In Progress',
        'the earlier status stands again',
      );
      await fm.tap('enterInFtop');
      assert.match(JSON.stringify(fm.lastCard()), /FTOP is back to its earlier values/);
    });

    it('a rejection after entry with nothing known before says so plainly', async () => {
      await fm.tap('enterInFtop');
      await managerDecides(target, declaration, 'rejectDeclaration');
      const news = JSON.stringify(fm.screenCards().at(-1));
      assert.match(news, /Put these values back in FTOP/);
      assert.match(news, /holds no earlier values for Exchange Online/);
      assert.match(news, /I have put FTOP back/);
    });
  });

  describe('withdraw', () => {
    it('from the saved card: the notice says so, the managers no longer see it, the entitlement goes back', async () => {
      await fm.tap('withdraw');
      assert.match(fm.text(), /Declaration withdrawn/);
      assert.ok(fm.buttonData('declareAgain'));
      const { entitlements, declarations } = await partitionOf(db);
      assert.equal(declarations[0]?.state, 'withdrawn');
      assert.equal(entitlements[0]?.status, null);
      assert.equal(entitlements[0]?.closed?.outcome, 'withdrawn');
      assert.match(noticeOnScreen(), /Withdrawn by Avery Fox/);
      assert.doesNotMatch(
        noticeOnScreen(),
        /confirmDeclaration|Confirm or reject/,
        'no decision buttons',
      );
      const morgan = new FmConversation(target, MORGAN, 'personal-morgan');
      await morgan.say('awaiting my decision');
      assert.match(morgan.text(), /Nothing is waiting for your decision/);
      await managerDecides(target, declaration, 'confirmDeclaration');
      assert.equal(
        (await partitionOf(db)).declarations[0]?.state,
        'withdrawn',
        'too late to decide',
      );
    });

    it('only the FM who declared may withdraw', async () => {
      const blake = new FmConversation(target, BLAKE, 'personal-blake');
      await blake.submit({
        action: 'withdraw',
        tenantId: declaration.tenantId,
        declarationId: declaration.declarationId,
      });
      assert.match(blake.text(), /Only Avery Fox, who declared it, can withdraw it/);
      assert.equal((await partitionOf(db)).declarations[0]?.state, 'awaiting-decision');
    });

    it('after a decision it cannot be withdrawn, and the card says why', async () => {
      const staleCard = fm.lastMessageId();
      await managerDecides(target, declaration, 'confirmDeclaration');
      await fm.submit(
        {
          action: 'withdraw',
          source: 'card',
          tenantId: declaration.tenantId,
          declarationId: declaration.declarationId,
        },
        staleCard,
      );
      assert.match(fm.text(), /no longer awaiting a decision \(confirmed by Morgan Lee/);
      assert.match(fm.text(), /card is out of date/, 'the stale card is retired, not redrawn');
      assert.equal((await partitionOf(db)).declarations[0]?.state, 'confirmed');
    });
  });

  describe('declare again', () => {
    it("after a rejection: starts prefilled, shows the managers' comment, and saves anew", async () => {
      await managerDecides(
        target,
        declaration,
        'rejectDeclaration',
        'Name the competitor and the contract.',
      );
      await fm.tap('declareAgain');
      assert.match(fm.text(), /Morgan Lee rejected the earlier declaration/);
      assert.match(fm.text(), /Name the competitor and the contract/);
      await fm.tap('chooseScenario', { scenarioId: 'no-intent-at-assignment' });
      assert.equal(inputValue(fm.lastCard(), 'detailedReason'), REASON, 'prefilled');
      assert.equal(inputValue(fm.lastCard(), 'l2ReasonId'), 'using-competitive-solution');
      await fm.tap('submitAnswers', {
        l2ReasonId: 'using-competitive-solution',
        detailedReason: BETTER_REASON,
        engagementScenarioId: 'customer-led',
      });
      await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
      const { declarations, entitlements } = await partitionOf(db);
      assert.deepEqual(
        declarations.map((d) => d.state),
        ['rejected', 'awaiting-decision'],
      );
      assert.deepEqual(
        entitlements[0]?.history.map((h) => h.kind),
        ['declared', 'rejected', 'declared'],
      );
      assert.equal(entitlements[0]?.closed, null);
    });

    it('someone else cannot declare again from my declaration', async () => {
      await managerDecides(target, declaration, 'rejectDeclaration');
      const blake = new FmConversation(target, BLAKE, 'personal-blake');
      await blake.submit({
        action: 'declareAgain',
        tenantId: declaration.tenantId,
        declarationId: declaration.declarationId,
      });
      assert.match(blake.text(), /cannot find a declaration of yours/);
    });
  });

  describe('my declarations, a working list', () => {
    beforeEach(async () => {
      await fm.declareUntilSummary(
        'declines-fasttrack-center',
        { engagementScenarioId: 'customer-led', kickoffDate: '2026-12-07' },
        'intune',
        'Fabrikam',
        '11111111-1111-4111-8111-111111111111',
      );
      await fm.tap('confirm');
    });

    it('shows each entitlement, its status, FTOP, and buttons for the next step', async () => {
      await fm.say('my declarations');
      const text = fm.text();
      assert.match(text, /Contoso Ltd/);
      assert.match(text, /Awaiting the managers' decision/);
      assert.match(text, /Fabrikam/);
      assert.match(text, /In Progress \(Delivery Assignment on 2026-12-07\)/);
      assert.match(text, /Not yet entered in FTOP/);
      assert.ok(fm.buttonDataWhere('withdraw', { declarationId: declaration.declarationId }));
      assert.ok(fm.buttonDataWhere('enterInFtop', { workloadIds: 'intune' }));
      assert.ok(fm.buttonDataWhere('showEntitlement', { workloadId: 'exchange-online' }));
      const blake = new FmConversation(target, BLAKE, 'personal-blake');
      await blake.say('my declarations');
      assert.match(blake.text(), /not declared anything yet/);
    });

    it('narrows to one customer ("my declarations contoso") and from the card', async () => {
      await fm.say('my declarations contoso');
      assert.match(fm.text(), /matching \\"contoso\\"/);
      assert.match(fm.text(), /Contoso Ltd/);
      assert.doesNotMatch(fm.text(), /Fabrikam/);
      await fm.tap('filterDeclarations', { filter: 'fabri' });
      assert.match(fm.text(), /Fabrikam/);
      assert.doesNotMatch(fm.text(), /Contoso Ltd/);
      assert.equal(
        fm.screenCards().filter((c) => /Your declarations/.test(JSON.stringify(c))).length,
        1,
      );
    });

    it('details show the history; acting from the list redraws it', async () => {
      await fm.say('my declarations');
      await fm.tap('showEntitlement', {}, { workloadId: 'exchange-online' });
      assert.match(fm.text(), /History/);
      assert.match(fm.text(), /Declared/);
      assert.match(fm.text(), /L1 Value: \(none\) → No Intent/);
      await fm.tap('withdraw', {}, { source: 'list' });
      assert.match(fm.text(), /Withdrawn: Contoso Ltd · Exchange Online/);
      assert.match(fm.text(), /Declare again/);
    });

    it('keeps the list on screen current when a manager decides', async () => {
      await fm.say('my declarations');
      await managerDecides(target, declaration, 'confirmDeclaration');
      const lists = fm.screenCards().filter((c) => /Your declarations/.test(JSON.stringify(c)));
      assert.equal(lists.length, 1);
      assert.match(JSON.stringify(lists[0]), /Confirmed by Morgan Lee/);
      assert.doesNotMatch(JSON.stringify(lists[0]), /"action":"withdraw"/);
    });

    it('a newer list retires the older one', async () => {
      await fm.say('my declarations');
      await fm.say('my declarations');
      const cards = fm.screenCards().map((c) => JSON.stringify(c));
      assert.match(cards.at(-2)!, /replaced by a newer one/);
    });

    it('refuses details of an entitlement that is not theirs', async () => {
      const blake = new FmConversation(target, BLAKE, 'personal-blake');
      await blake.submit({
        action: 'showEntitlement',
        tenantId: CUSTOMER_TENANT,
        workloadId: 'exchange-online',
      });
      assert.match(blake.text(), /not one you declared for/);
    });
  });
});
