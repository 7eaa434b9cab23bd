import assert from 'node:assert/strict';
import { CUSTOMER_CONTEXT_MAX_AGE_MS } from '../../src/application/customerContext';
import { L3_NOT_YET_DEFINED } from '../../src/playbook/l3Reasons';
import { useBotFixture } from '../support/botFixture';
import {
  AVERY,
  BLAKE,
  botUnderTest,
  CUSTOMER_TENANT,
  FmConversation,
  inputValue,
  NOTICES_CHANNEL,
  type BotUnderTest,
} from '../support/fmConversation';
import { fieldValue } from '../support/cardFields';
import { latestDeclaration, managerDecides, partitionOf } from '../support/ledgerReads';
import type { TestDatabase } from '../support/localCosmos';

const TENANT = CUSTOMER_TENANT;
const GREAT_REASON =
  'Customer does not intend to use Exchange Online because the merger froze every IT project and the board sees no value in moving mail.';
const COMPETITOR_REASON =
  'Customer does not intend to use Exchange Online because every mailbox runs on Gmail under a five-year contract.';
const ON_PREMISES_REASON =
  'Customer does not intend to use Exchange Online because they stay on Exchange Server 2019 on premises.';
const POOR_REASON = 'Customer has no intent.';

async function confirm(fm: FmConversation): Promise<void> {
  await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
  assert.match(fm.text(), /saved|recorded/i);
}

describe('the declaration dialog', () => {
  const fixture = useBotFixture();
  let db: TestDatabase;
  let target: BotUnderTest;
  let fm: FmConversation;
  beforeEach(() => ({ db, target, fm } = fixture));

  /** Declares No Intent for Exchange Online and has a manager confirm it. */
  async function confirmedNoIntent(workloadIds = 'exchange-online'): Promise<void> {
    await fm.declareUntilSummary(
      'no-intent-at-assignment',
      {
        l2ReasonId: 'using-microsoft-on-premises-solution',
        detailedReason: ON_PREMISES_REASON,
        engagementScenarioId: 'customer-led',
      },
      workloadIds,
    );
    if (workloadIds.includes(',')) await fm.tap('keepReason');
    await confirm(fm);
    await managerDecides(target, await latestDeclaration(db), 'confirmDeclaration');
  }

  async function pickCustomer(workloadIds: string, conversation = fm): Promise<void> {
    await conversation.say('declare');
    await conversation.tap('submitCustomer', {
      customerName: 'Contoso Ltd',
      tenantId: TENANT,
      workloadIds,
    });
  }

  describe('each scenario of the playbook, from greeting to the saved entitlement', () => {
    it('shows the answers form clean the first time, before the FM has answered', async () => {
      await pickCustomer('intune');
      await fm.tap('chooseScenario', { scenarioId: 'no-intent-new-workload' });
      assert.ok(fm.buttonData('submitAnswers'));
      assert.doesNotMatch(fm.text(), /Please fix this first/);
    });

    it('starts from a greeting with the customer form', async () => {
      await fm.say('Hello!');
      assert.ok(fm.buttonData('submitCustomer'));
    });

    it('scenario 1: intent without the FastTrack Center is In Progress, recorded, not announced', async () => {
      await fm.declareUntilSummary('declines-fasttrack-center', {
        engagementScenarioId: 'partner-led',
        kickoffDate: '2026-12-07',
      });
      assert.equal(fieldValue(fm.lastCard(), 'L1 Value'), 'In Progress');
      assert.equal(fieldValue(fm.lastCard(), 'Service Status'), 'Initiate');
      assert.equal(fieldValue(fm.lastCard(), 'Next Action Date'), '2026-12-07');
      assert.match(fm.text(), /nothing is announced/);
      await confirm(fm);
      const { entitlements, declarations } = await partitionOf(db);
      assert.equal(declarations[0]?.state, 'recorded');
      assert.equal(entitlements[0]?.status?.fields.l1, 'In Progress');
      assert.equal(entitlements[0]?.declaration?.state, 'recorded');
      assert.equal(entitlements[0]?.status?.fields.nextAction, 'Delivery Assignment');
      assert.equal(target.connector.threads().length, 0, 'scenario 1 is not announced');
    });

    it('scenario 2: two workloads, one entitlement each, awaiting a decision', async () => {
      await fm.declareUntilSummary(
        'no-intent-at-assignment',
        {
          l2ReasonId: 'using-competitive-solution',
          detailedReason: COMPETITOR_REASON,
          engagementScenarioId: 'customer-led',
        },
        'exchange-online,onedrive',
      );
      // One note for two workloads earns a coaching hint; the FM keeps it.
      assert.match(fm.text(), /One note for several workloads/);
      await fm.tap('keepReason');
      assert.equal(fieldValue(fm.lastCard(), 'L2 Value'), 'Using Competitive Solution');
      assert.equal(fieldValue(fm.lastCard(), 'L3 Value'), L3_NOT_YET_DEFINED);
      assert.equal(fieldValue(fm.lastCard(), 'Who Updates FTOP'), 'Assignment FM');
      await confirm(fm);
      const { customer, entitlements, declarations } = await partitionOf(db);
      assert.deepEqual(
        entitlements.map((e) => e.workloadId),
        ['exchange-online', 'onedrive'],
      );
      const [declaration] = declarations;
      assert.equal(declaration?.state, 'awaiting-decision');
      for (const entitlement of entitlements) {
        assert.equal(entitlement.declaration?.state, 'awaiting-decision');
        assert.equal(entitlement.declaration?.declarationId, declaration?.declarationId);
        assert.equal(entitlement.status?.fields.owner, 'Account Team');
        assert.equal(entitlement.status?.fields.notes, COMPETITOR_REASON);
        assert.deepEqual(entitlement.fmIds, [AVERY.aadObjectId]);
        assert.equal(entitlement.history.length, 1);
        assert.equal(entitlement.history[0]?.kind, 'declared');
        assert.equal(entitlement.history[0]?.fieldsBefore, null);
        assert.deepEqual(
          customer?.entitlements[entitlement.workloadId]?.status,
          entitlement.status,
        );
      }
    });

    it('scenario 3: a poor note is coached, revised, and saved as revised', async () => {
      await fm.declareUntilSummary('no-intent-after-intent', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason: POOR_REASON,
        engagementScenarioId: 'fasttrack-center-led',
      });
      assert.match(fm.text(), /This note needs work/);
      assert.equal(inputValue(fm.lastCard(), 'detailedReason'), POOR_REASON);
      const revised =
        'Customer does not intend to use Exchange Online because the new CEO froze every cloud project after the merger.';
      await fm.tap('reviseReason', { detailedReason: revised });
      assert.equal(fieldValue(fm.lastCard(), 'Who Updates FTOP'), 'Delivery FM');
      await confirm(fm);
      assert.equal((await partitionOf(db)).entitlements[0]?.status?.fields.notes, revised);
    });

    it('scenario 3: the FM may keep a poor note', async () => {
      await fm.declareUntilSummary('no-intent-after-intent', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason: POOR_REASON,
        engagementScenarioId: 'partner-led',
      });
      await fm.tap('keepReason');
      await confirm(fm);
      assert.equal((await partitionOf(db)).entitlements[0]?.status?.fields.notes, POOR_REASON);
    });

    it("scenario 4: offers the engagement of the customer's other workloads as the default", async () => {
      await fm.declareUntilSummary('no-intent-new-workload', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason: GREAT_REASON,
        engagementScenarioId: 'partner-led',
      });
      await confirm(fm);
      await pickCustomer('microsoft-teams');
      await fm.tap('chooseScenario', { scenarioId: 'no-intent-new-workload' });
      assert.equal(inputValue(fm.lastCard(), 'engagementScenarioId'), 'partner-led');
      assert.match(fm.text(), /Partner led is what this customer's other workloads use/);
    });

    it('scenario 5: keeps the L2 of the confirmed No Intent, with next action N/A', async () => {
      await confirmedNoIntent();
      await fm.declareUntilSummary('new-subscriptions-under-no-intent', {
        engagementScenarioId: 'customer-led',
      });
      assert.equal(fieldValue(fm.lastCard(), 'L2 Value'), 'Using Microsoft On-Premises Solution');
      assert.equal(fieldValue(fm.lastCard(), 'Next Action to be taken'), 'N/A');
      assert.match(fieldValue(fm.lastCard(), 'Notes') ?? '', /Exchange Server 2019/);
      await confirm(fm);
      const { declarations, entitlements } = await partitionOf(db);
      assert.equal(declarations.length, 2);
      assert.equal(declarations[1]?.scenarioId, 'new-subscriptions-under-no-intent');
      assert.deepEqual(
        entitlements[0]?.history.map((t) => t.kind),
        ['declared', 'confirmed', 'declared'],
      );
    });

    it('scenario 5 shows the existing values on the reason form for validation', async () => {
      await confirmedNoIntent();
      await pickCustomer('exchange-online');
      await fm.tap('chooseScenario', { scenarioId: 'new-subscriptions-under-no-intent' });
      assert.match(fm.text(), /Existing No Intent record/);
      assert.match(fm.text(), /Exchange Online: L2 Value/);
    });
  });

  describe('the transitions the bot knows of each workload', () => {
    it('the scenario picker shows what the bot knows of each chosen workload', async () => {
      await confirmedNoIntent();
      await pickCustomer('exchange-online,intune');
      const text = fm.text();
      assert.match(text, /What the bot knows of these workloads/);
      assert.match(text, /Exchange Online: .*No Intent \(Using Microsoft On-Premises Solution\)/);
      assert.match(text, /Confirmed by Morgan Lee/);
      assert.match(text, /Microsoft Intune: .*No status yet/);
    });

    it('nothing known: scenario 5 is refused and names the workloads where it applies', async () => {
      await confirmedNoIntent();
      await pickCustomer('intune');
      assert.equal(
        fm.buttonDataWhere('chooseScenario', { scenarioId: 'new-subscriptions-under-no-intent' }),
        undefined,
        'no button for a refused row',
      );
      await fm.tap('chooseScenario', { scenarioId: 'no-intent-new-workload' });
      await fm.tap('backToScenarios');
      // A forged choice of scenario 5 is judged by the same rules.
      await fm.submit(
        { ...fm.buttonData('chooseScenario'), scenarioId: 'new-subscriptions-under-no-intent' },
        fm.lastMessageId(),
      );
      assert.match(fm.text(), /holds none for Microsoft Intune/);
      assert.match(fm.text(), /that are No Intent: Exchange Online/);
    });

    it('a declaration awaiting a decision refuses a new one, naming it, and offers to withdraw', async () => {
      await fm.declareUntilSummary('no-intent-at-assignment', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason: GREAT_REASON,
        engagementScenarioId: 'customer-led',
      });
      await confirm(fm);
      await pickCustomer('exchange-online');
      assert.match(fm.text(), /already has a declaration awaiting the managers' decision/);
      assert.match(fm.text(), /scenario 2, declared by Avery Fox/);
      assert.equal(fm.buttonDataWhere('chooseScenario', {}), undefined, 'every row is refused');
      const { declarations } = await partitionOf(db);
      assert.equal(declarations.length, 1);
    });

    it('Edit > "Customer and workloads" applies the same rules (the conflicting second declaration)', async () => {
      await fm.declareUntilSummary('no-intent-at-assignment', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason: GREAT_REASON,
        engagementScenarioId: 'customer-led',
      });
      await confirm(fm);
      await fm.declareUntilSummary(
        'no-intent-new-workload',
        {
          l2ReasonId: 'using-competitive-solution',
          detailedReason: COMPETITOR_REASON,
          engagementScenarioId: 'customer-led',
        },
        'intune',
      );
      await fm.tap('edit', { target: 'customer' });
      await fm.tap('submitCustomer', {
        customerName: 'Contoso Ltd',
        tenantId: TENANT,
        workloadIds: 'exchange-online',
      });
      assert.match(fm.text(), /already has a declaration awaiting the managers' decision/);
      assert.equal(fm.buttonDataWhere('confirm', {}), undefined, 'no summary to confirm');
      assert.equal((await partitionOf(db)).declarations.length, 1);
    });

    it('a confirmed No Intent refuses scenarios 2, 3 and 4, pointing to scenario 5', async () => {
      await confirmedNoIntent();
      await pickCustomer('exchange-online');
      assert.match(
        fm.text(),
        /already No Intent \(Using Microsoft On-Premises Solution\), confirmed/,
      );
      assert.match(fm.text(), /choose scenario 5/);
      for (const scenarioId of [
        'no-intent-at-assignment',
        'no-intent-after-intent',
        'no-intent-new-workload',
      ]) {
        assert.equal(fm.buttonDataWhere('chooseScenario', { scenarioId }), undefined, scenarioId);
      }
      assert.ok(
        fm.buttonDataWhere('chooseScenario', { scenarioId: 'new-subscriptions-under-no-intent' }),
      );
    });

    it('In Progress known: scenario 3 fits, scenarios 2 and 4 say why not', async () => {
      await fm.declareUntilSummary('declines-fasttrack-center', {
        engagementScenarioId: 'partner-led',
        kickoffDate: '2026-12-07',
      });
      await confirm(fm);
      await pickCustomer('exchange-online');
      const text = fm.text();
      assert.match(text, /Fits: /);
      assert.match(text, /customer declared intent before: choose scenario 3/);
      assert.match(text, /already In Progress since .*: choose scenario 3/);
      assert.ok(fm.buttonDataWhere('chooseScenario', { scenarioId: 'no-intent-after-intent' }));
      assert.equal(
        fm.buttonDataWhere('chooseScenario', { scenarioId: 'no-intent-at-assignment' }),
        undefined,
      );
      await fm.tap('chooseScenario', { scenarioId: 'no-intent-after-intent' });
      await fm.tap('submitAnswers', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason: GREAT_REASON,
        engagementScenarioId: 'partner-led',
      });
      await confirm(fm);
      const [entitlement] = (await partitionOf(db)).entitlements;
      assert.equal(entitlement?.status?.fields.l1, 'No Intent');
      assert.equal(entitlement?.history[1]?.fieldsBefore?.l1, 'In Progress');
      assert.equal(entitlement?.before?.status?.fields.l1, 'In Progress', 'kept to go back to');
    });

    it('a summary left open too long is judged against the saved ledger before saving', async () => {
      let now = Date.parse('2026-11-24T09:00:00Z');
      const clocked = new FmConversation(
        botUnderTest(db, { connector: fixture.connector, now: () => new Date(now) }),
      );
      await clocked.declareUntilSummary('no-intent-new-workload', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason: GREAT_REASON,
        engagementScenarioId: 'customer-led',
      });
      // Meanwhile Blake declares the same workload, in another chat.
      const blake = new FmConversation(target, BLAKE);
      await blake.declareUntilSummary('no-intent-new-workload', {
        l2ReasonId: 'using-competitive-solution',
        detailedReason: COMPETITOR_REASON,
        engagementScenarioId: 'customer-led',
      });
      await confirm(blake);
      now += CUSTOMER_CONTEXT_MAX_AGE_MS + 1_000;
      await clocked.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
      assert.match(clocked.text(), /declared by Blake Kim/);
      const { declarations } = await partitionOf(db);
      assert.deepEqual(
        declarations.map((d) => d.fm.name),
        ['Blake Kim'],
        "only Blake's declaration is saved",
      );
    });
  });

  describe('editing from the summary', () => {
    beforeEach(async () => {
      await fm.declareUntilSummary('no-intent-at-assignment', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason: GREAT_REASON,
        engagementScenarioId: 'customer-led',
      });
    });

    it('returns to the answers, prefilled, and back to the summary with the change', async () => {
      await fm.tap('edit', { target: 'answers' });
      assert.equal(inputValue(fm.lastCard(), 'detailedReason'), GREAT_REASON);
      assert.equal(inputValue(fm.lastCard(), 'l2ReasonId'), 'executive-sponsorship');
      await fm.tap('submitAnswers', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason: GREAT_REASON,
        engagementScenarioId: 'partner-led',
      });
      assert.equal(fieldValue(fm.lastCard(), 'Service Engagement Scenario'), 'Partner led');
    });

    it('returns to the customer, prefilled, and straight back to the summary', async () => {
      await fm.tap('edit', { target: 'customer' });
      const card = fm.lastCard();
      assert.equal(inputValue(card, 'customerName'), 'Contoso Ltd');
      assert.equal(inputValue(card, 'tenantId'), TENANT);
      await fm.tap('submitCustomer', {
        customerName: 'Contoso Limited',
        tenantId: TENANT,
        workloadIds: 'exchange-online',
      });
      assert.ok(fm.buttonData('confirm'), 'back at the summary');
      assert.match(fm.text(), /Contoso Limited/);
    });

    it('changing the scenario to 1 drops the No Intent answers and asks for the kickoff', async () => {
      await fm.tap('edit', { target: 'scenario' });
      await fm.tap('chooseScenario', { scenarioId: 'declines-fasttrack-center' });
      const card = fm.lastCard();
      assert.equal(inputValue(card, 'l2ReasonId'), undefined);
      assert.equal(inputValue(card, 'kickoffDate'), '');
      assert.equal(inputValue(card, 'engagementScenarioId'), 'customer-led');
      await fm.tap('submitAnswers', {
        engagementScenarioId: 'customer-led',
        kickoffDate: '2027-01-11',
      });
      assert.equal(fieldValue(fm.lastCard(), 'L1 Value'), 'In Progress');
    });

    it('cancel from the summary discards everything', async () => {
      await fm.tap('cancel');
      assert.match(fm.text(), /cancelled\. Nothing was saved/);
      assert.equal((await partitionOf(db)).customer, undefined);
    });
  });

  describe('one card for the whole declaration', () => {
    it('every step redraws the same card, which ends as the FM card of the saved declaration', async () => {
      await fm.declareUntilSummary('no-intent-at-assignment', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason: GREAT_REASON,
        engagementScenarioId: 'customer-led',
      });
      await confirm(fm);
      const cards = fm.screenCards();
      assert.equal(cards.length, 1, `one card on screen, not ${cards.length}`);
      assert.match(JSON.stringify(cards[0]), /awaiting a manager's decision/);
      const { messages } = await partitionOf(db);
      assert.equal(messages[0]?.fmCard?.activityId, fm.messages()[0]?.id, 'its place is kept');
    });

    it('typing moves the card down and retires the one above, so it offers nothing stale', async () => {
      await pickCustomer('intune');
      await fm.say('scenario two please');
      assert.match(fm.text(), /answer on the card/);
      const cards = fm.screenCards();
      assert.equal(cards.length, 2);
      assert.match(JSON.stringify(cards[0]), /continues further down/);
      assert.doesNotMatch(JSON.stringify(cards[0]), /Action\.Submit/);
      assert.ok(fm.buttonData('chooseScenario'));
    });
  });

  describe('help, cancel and start over at any step', () => {
    it('help answers and keeps the declaration going with the same card', async () => {
      await fm.say('declare');
      await fm.say('help');
      assert.match(fm.text(), /my declarations/);
      assert.match(fm.text(), /still open/);
      await fm.tap('submitCustomer', {
        customerName: 'C',
        tenantId: TENANT,
        workloadIds: 'intune',
      });
      assert.ok(fm.buttonData('chooseScenario'));
    });

    for (const step of ['customer', 'scenario', 'answers', 'summary'] as const) {
      it(`cancel at the ${step} step saves nothing and ends the dialog`, async () => {
        await fm.say('declare');
        if (step !== 'customer') {
          await fm.tap('submitCustomer', {
            customerName: 'C',
            tenantId: TENANT,
            workloadIds: 'intune',
          });
        }
        if (step === 'answers' || step === 'summary') {
          await fm.tap('chooseScenario', { scenarioId: 'no-intent-new-workload' });
        }
        if (step === 'summary') {
          await fm.tap('submitAnswers', {
            l2ReasonId: 'executive-sponsorship',
            detailedReason: GREAT_REASON,
            engagementScenarioId: 'customer-led',
          });
        }
        const staleButton = fm.buttonData('cancel');
        await fm.say('cancel');
        assert.match(fm.text(), /cancelled/);
        assert.match(fm.screenText(), /Declaration cancelled\. Nothing was saved/);
        await fm.submit(staleButton);
        assert.match(fm.text(), /already ended/);
        assert.equal((await partitionOf(db)).customer, undefined);
      });
    }

    it('start over restarts with an empty customer form', async () => {
      await pickCustomer('intune');
      const oldScenarioButton = fm.buttonData('chooseScenario');
      await fm.say('start over');
      assert.equal(inputValue(fm.lastCard(), 'customerName'), '');
      await fm.submit({ ...oldScenarioButton, scenarioId: 'no-intent-new-workload' });
      assert.match(fm.text(), /earlier step/);
    });
  });

  describe('stale, foreign and forged submits change nothing', () => {
    beforeEach(async () => {
      await pickCustomer('intune');
    });

    it('a card from an earlier step is refused and the current card is shown again', async () => {
      const scenarioButton = fm.buttonData('chooseScenario');
      await fm.tap('chooseScenario', { scenarioId: 'no-intent-new-workload' });
      await fm.submit({ ...scenarioButton, scenarioId: 'declines-fasttrack-center' });
      assert.match(fm.text(), /earlier step/);
      assert.ok(fm.buttonData('submitAnswers'), 'the current card comes back');
      assert.equal(inputValue(fm.lastCard(), 'kickoffDate'), undefined, 'scenario unchanged');
    });

    it("another FM tapping this FM's card is refused", async () => {
      const blake = new FmConversation(target, BLAKE);
      await blake.submit({
        ...fm.buttonData('chooseScenario'),
        scenarioId: 'no-intent-new-workload',
      });
      assert.match(blake.text(), /belongs to another FM/);
      await fm.tap('chooseScenario', { scenarioId: 'no-intent-new-workload' });
      assert.ok(fm.buttonData('submitAnswers'), "the owner's dialog is untouched");
    });

    const forgeries: [string, (token: string) => unknown, RegExp][] = [
      [
        'a scenario id that is a number',
        (t) => ({ action: 'chooseScenario', stepToken: t, scenarioId: 42 }),
        /does not accept/,
      ],
      [
        'an unknown action',
        (t) => ({ action: 'deleteEverything', stepToken: t }),
        /does not accept/,
      ],
      [
        'a megabyte of text',
        (t) => ({ action: 'chooseScenario', stepToken: t, scenarioId: 'x'.repeat(1_000_000) }),
        /too long/,
      ],
      [
        'no step token',
        () => ({ action: 'chooseScenario', scenarioId: 'no-intent-new-workload' }),
        /do not recognise/,
      ],
      ['a string instead of an object', () => 'chooseScenario', /do not recognise/],
      [
        'an unknown scenario',
        (t) => ({ action: 'chooseScenario', stepToken: t, scenarioId: 'scenario-6' }),
        /Choose one of the five scenarios/,
      ],
      ['an array', () => [1, 2, 3], /do not recognise/],
    ];
    for (const [name, forge, reply] of forgeries) {
      it(`refuses ${name}`, async () => {
        const token = String(fm.buttonData('chooseScenario').stepToken);
        await fm.submit(forge(token));
        assert.match(fm.text(), reply);
        await fm.tap('chooseScenario', { scenarioId: 'no-intent-new-workload' });
        assert.ok(fm.buttonData('submitAnswers'), 'the dialog goes on as before');
      });
    }

    it('refuses a customer form with a bad tenant id, an unknown workload or an empty name', async () => {
      await fm.say('start over');
      await fm.tap('submitCustomer', {
        customerName: ' ',
        tenantId: 'contoso',
        workloadIds: 'fax',
      });
      const text = fm.text();
      assert.match(text, /Enter the customer's name/);
      assert.match(text, /tenant id as a GUID/);
      assert.match(text, /Choose the workloads from the list/);
      assert.equal(inputValue(fm.lastCard(), 'tenantId'), 'contoso', 'what the FM typed stays');
    });

    it("refuses forged answers with the playbook's own messages, keeping the input", async () => {
      await fm.tap('chooseScenario', { scenarioId: 'no-intent-new-workload' });
      await fm.tap('submitAnswers', {
        l2ReasonId: 'budget',
        detailedReason: 'x'.repeat(1500),
        engagementScenarioId: 'partner-led',
      });
      assert.match(fm.text(), /not a No Intent L2 reason/);
      assert.match(fm.text(), /1500 characters; the limit is 1000/);
      assert.equal(inputValue(fm.lastCard(), 'engagementScenarioId'), 'partner-led');
    });

    it('refuses an impossible kickoff date in scenario 1', async () => {
      await fm.tap('chooseScenario', { scenarioId: 'declines-fasttrack-center' });
      await fm.tap('submitAnswers', {
        engagementScenarioId: 'customer-led',
        kickoffDate: '2026-02-30',
      });
      assert.match(fm.text(), /not a real calendar date/);
    });

    it('questions a kickoff date in the past on the summary, and still saves when the FM confirms', async () => {
      await fm.tap('chooseScenario', { scenarioId: 'declines-fasttrack-center' });
      await fm.tap('submitAnswers', {
        engagementScenarioId: 'customer-led',
        kickoffDate: '2026-01-05',
      });
      assert.match(fm.text(), /kickoff date 2026-01-05 is in the past/);
      await confirm(fm);
      const { entitlements } = await partitionOf(db);
      assert.equal(entitlements[0]?.status?.fields.nextActionDate, '2026-01-05');
    });

    it('takes a pasted tenant id with spaces, braces and capitals, and stores typed text without control characters', async () => {
      await fm.say('start over');
      await fm.tap('submitCustomer', {
        customerName: 'Contoso\u0000 Ltd\u001b[31m\u0007',
        tenantId: ` {${TENANT.toUpperCase()}}\t`,
        workloadIds: 'intune',
      });
      await fm.tap('chooseScenario', { scenarioId: 'no-intent-new-workload' });
      await fm.tap('submitAnswers', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason: `${GREAT_REASON.replace('Exchange Online', 'Intune')}\u001b]0;title\u0007\u202e\u007f`,
        engagementScenarioId: 'partner-led',
      });
      await confirm(fm);
      const { customer, entitlements } = await partitionOf(db);
      assert.equal(customer?.tenantId, TENANT);
      assert.equal(customer?.customerName, 'Contoso Ltd');
      assert.equal(
        entitlements[0]?.status?.fields.notes,
        GREAT_REASON.replace('Exchange Online', 'Intune'),
      );
    });

    it('asks for the card when the FM types instead of tapping', async () => {
      await fm.say('scenario two please');
      assert.match(fm.text(), /answer on the card/);
      assert.ok(fm.buttonData('chooseScenario'));
    });
  });

  describe('saving exactly once', () => {
    beforeEach(async () => {
      await fm.declareUntilSummary('no-intent-new-workload', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason: GREAT_REASON,
        engagementScenarioId: 'customer-led',
      });
    });

    it('a double tap on Confirm saves one declaration', async () => {
      const confirmButton = { ...fm.buttonData('confirm'), noticeChannel: NOTICES_CHANNEL };
      const card = fm.lastMessageId();
      await fm.submit(confirmButton, card);
      await fm.submit(confirmButton, card);
      assert.match(fm.text(), /already ended/);
      assert.equal((await partitionOf(db)).declarations.length, 1);
      assert.equal(target.connector.threads().length, 1, 'one notice');
    });

    it('the same activity delivered twice at once saves one declaration', async () => {
      const confirmButton = { ...fm.buttonData('confirm'), noticeChannel: NOTICES_CHANNEL };
      const card = fm.lastMessageId();
      const twin = new FmConversation(target);
      await Promise.all([fm.submit(confirmButton, card), twin.submit(confirmButton, card)]);
      assert.equal((await partitionOf(db)).declarations.length, 1);
      assert.equal(target.connector.threads().length, 1, 'one notice');
    });

    it('two FMs declaring the same entitlement at once leave one pending declaration', async () => {
      const blake = new FmConversation(target, BLAKE);
      await blake.declareUntilSummary('no-intent-new-workload', {
        l2ReasonId: 'using-competitive-solution',
        detailedReason: COMPETITOR_REASON,
        engagementScenarioId: 'customer-led',
      });
      await Promise.all([
        fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL }),
        blake.tap('confirm', { noticeChannel: NOTICES_CHANNEL }),
      ]);
      const { declarations, entitlements } = await partitionOf(db);
      assert.equal(declarations.length, 1, 'one declaration stands');
      assert.equal(entitlements[0]?.declaration?.declarationId, declarations[0]?.declarationId);
      const loser = declarations[0]?.fm.name === 'Avery Fox' ? blake : fm;
      assert.match(loser.text(), /already has a declaration awaiting the managers' decision/);
      assert.equal(target.connector.threads().length, 1, 'one notice');
    });
  });
});
