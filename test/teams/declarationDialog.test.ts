import assert from 'node:assert/strict';
import { CUSTOMER_CONTEXT_MAX_AGE_MS } from '../../src/application/customerContext';
import type { StoredRecord } from '../../src/application/declarationRecord';
import { L3_NOT_YET_DEFINED } from '../../src/playbook/l3Reasons';
import { useBotFixture } from '../support/botFixture';
import {
  AVERY,
  CUSTOMER_TENANT,
  BLAKE,
  botUnderTest,
  FmConversation,
  inputValue,
  NOTICES_CHANNEL,
  type BotUnderTest,
} from '../support/fmConversation';
import type { TestDatabase } from '../support/localCosmos';

const TENANT = CUSTOMER_TENANT;
const GREAT_REASON =
  'Customer does not intend to use Exchange Online because the merger froze every IT project and the board sees no value in moving mail.';
const COMPETITOR_REASON =
  'Customer does not intend to use Exchange Online because every mailbox runs on Gmail under a five-year contract.';
const POOR_REASON = 'Customer has no intent.';

async function confirm(fm: FmConversation): Promise<void> {
  await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
  assert.match(fm.text(), /saved|recorded/i);
}

/** Saves a No Intent record for Exchange Online, then declares scenario 5 up to its summary. */
async function scenario5OverExistingNoIntent(fm: FmConversation): Promise<void> {
  await fm.declareUntilSummary('no-intent-at-assignment', {
    l2ReasonId: 'using-microsoft-on-premises-solution',
    detailedReason:
      'Customer does not intend to use Exchange Online because they stay on Exchange Server 2019 on premises.',
    engagementScenarioId: 'customer-led',
  });
  await confirm(fm);
  await fm.declareUntilSummary('new-subscriptions-under-no-intent', {
    engagementScenarioId: 'customer-led',
  });
}

/** The value beside a label in the last card's field rows. */
function summaryValue(fm: FmConversation, label: string): string | undefined {
  let value: string | undefined;
  const textOf = (column: unknown) =>
    JSON.stringify(column).match(/"text":"((?:[^"\\]|\\.)*)"/)?.[1];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const columns = (node as { type?: string; columns?: unknown[] }).columns;
      if (columns?.length === 2 && textOf(columns[0]) === label) {
        value = JSON.parse(`"${textOf(columns[1])}"`) as string;
      }
      Object.values(node).forEach(visit);
    }
  };
  visit(fm.lastCard());
  return value;
}

describe('the declaration dialog', () => {
  const fixture = useBotFixture();
  let db: TestDatabase;
  let target: BotUnderTest;
  let fm: FmConversation;
  beforeEach(() => ({ db, target, fm } = fixture));

  async function saved(): Promise<StoredRecord[]> {
    return db.repository.recordsOfCustomer(TENANT);
  }

  describe('each scenario of the playbook, from greeting to saved record', () => {
    it('shows the answers form clean the first time, before the FM has answered', async () => {
      await fm.say('declare');
      await fm.tap('submitCustomer', {
        customerName: 'C',
        tenantId: TENANT,
        workloadIds: 'intune',
      });
      await fm.tap('chooseScenario', { scenarioId: 'no-intent-new-workload' });
      assert.ok(fm.buttonData('submitAnswers'));
      assert.doesNotMatch(fm.text(), /Please fix this first/);
    });

    it('starts from a greeting with the customer form', async () => {
      await fm.say('Hello!');
      assert.ok(fm.buttonData('submitCustomer'));
    });

    it('scenario 1: intent without the FastTrack Center is recorded, not announced as No Intent', async () => {
      await fm.declareUntilSummary('declines-fasttrack-center', {
        engagementScenarioId: 'partner-led',
        kickoffDate: '2026-12-07',
      });
      assert.equal(summaryValue(fm, 'L1'), 'In Progress');
      assert.equal(summaryValue(fm, 'Service status'), 'Initiate');
      assert.equal(summaryValue(fm, 'Next action date'), '2026-12-07');
      assert.match(fm.text(), /nothing is announced/);
      await confirm(fm);
      const [record] = await saved();
      assert.equal(record?.status, 'recorded');
      assert.equal(record?.declaresNoIntent, false);
      assert.equal(record?.fields.nextAction, 'Delivery Assignment');
    });

    it('scenario 2: two workloads, one record each, awaiting confirmation', async () => {
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
      assert.equal(summaryValue(fm, 'L2'), 'Using Competitive Solution');
      assert.equal(summaryValue(fm, 'L3'), L3_NOT_YET_DEFINED);
      assert.equal(summaryValue(fm, 'Who updates FTOP'), 'Assignment FM');
      await confirm(fm);
      const records = await saved();
      assert.deepEqual(records.map((r) => r.workloadId).sort(), ['exchange-online', 'onedrive']);
      for (const record of records) {
        assert.equal(record.status, 'awaiting-confirmation');
        assert.equal(record.fields.owner, 'Account Team');
        assert.equal(record.fields.notes, COMPETITOR_REASON);
        assert.equal(record.fm.aadObjectId, AVERY.aadObjectId);
        assert.equal(record.history.length, 1);
        assert.equal(record.declarationId, records[0]!.declarationId);
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
      assert.equal(summaryValue(fm, 'Who updates FTOP'), 'Delivery FM');
      await confirm(fm);
      assert.equal((await saved())[0]?.fields.notes, revised);
    });

    it('scenario 3: the FM may keep a poor note', async () => {
      await fm.declareUntilSummary('no-intent-after-intent', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason: POOR_REASON,
        engagementScenarioId: 'partner-led',
      });
      await fm.tap('keepReason');
      await confirm(fm);
      assert.equal((await saved())[0]?.fields.notes, POOR_REASON);
    });

    it("scenario 4: offers the engagement of the customer's other workloads as the default", async () => {
      await fm.declareUntilSummary('no-intent-new-workload', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason: GREAT_REASON,
        engagementScenarioId: 'partner-led',
      });
      await confirm(fm);
      await fm.say('declare');
      await fm.tap('submitCustomer', {
        customerName: 'Contoso Ltd',
        tenantId: TENANT,
        workloadIds: 'microsoft-teams',
      });
      await fm.tap('chooseScenario', { scenarioId: 'no-intent-new-workload' });
      assert.equal(inputValue(fm.lastCard(), 'engagementScenarioId'), 'partner-led');
      assert.match(fm.text(), /Partner led is what this customer's other workloads use/);
    });

    it('scenario 5: refused without an existing No Intent record, and says so', async () => {
      await fm.say('declare');
      await fm.tap('submitCustomer', {
        customerName: 'Contoso Ltd',
        tenantId: TENANT,
        workloadIds: 'exchange-online',
      });
      await fm.tap('chooseScenario', { scenarioId: 'new-subscriptions-under-no-intent' });
      assert.match(fm.text(), /no No Intent record exists/);
      assert.ok(fm.buttonData('chooseScenario'), 'the FM picks another scenario');
    });

    it('scenario 5: shows the existing record and keeps its L2, with next action N/A', async () => {
      await scenario5OverExistingNoIntent(fm);
      assert.equal(summaryValue(fm, 'L2'), 'Using Microsoft On-Premises Solution');
      assert.equal(summaryValue(fm, 'Next action to be taken'), 'N/A');
      assert.match(summaryValue(fm, 'Notes') ?? '', /Exchange Server 2019/);
      await confirm(fm);
      const records = await saved();
      assert.equal(records.length, 2);
      assert.equal(records[0]?.scenarioNumber, 5);
    });

    it('checks a summary left open too long against fresh records before saving', async () => {
      let now = Date.parse('2026-11-24T09:00:00Z');
      const clocked = new FmConversation(
        botUnderTest(db, { connector: fixture.connector, now: () => new Date(now) }),
      );
      await scenario5OverExistingNoIntent(clocked);
      // Meanwhile a manager rejects the record that scenario 5 builds on.
      const [existing] = await saved();
      await db.repository.replaceRecords([{ ...existing!, status: 'rejected' }]);
      now += CUSTOMER_CONTEXT_MAX_AGE_MS + 1_000;
      await clocked.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
      assert.match(clocked.text(), /no No Intent record exists/);
      assert.equal((await saved()).length, 1, 'nothing was saved');
    });

    it('scenario 5 shows the existing values on the reason form for validation', async () => {
      await fm.declareUntilSummary('no-intent-at-assignment', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason: GREAT_REASON,
        engagementScenarioId: 'customer-led',
      });
      await confirm(fm);
      await fm.say('declare');
      await fm.tap('submitCustomer', {
        customerName: 'Contoso',
        tenantId: TENANT,
        workloadIds: 'exchange-online',
      });
      await fm.tap('chooseScenario', { scenarioId: 'new-subscriptions-under-no-intent' });
      assert.match(fm.text(), /Existing No Intent record/);
      assert.match(fm.text(), /Exchange Online: L2/);
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
      assert.equal(summaryValue(fm, 'Service engagement scenario'), 'Partner led');
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
      assert.equal(summaryValue(fm, 'L1'), 'In Progress');
    });

    it('cancel from the summary discards everything', async () => {
      await fm.tap('cancel');
      assert.match(fm.text(), /cancelled\. Nothing was saved/);
      assert.deepEqual(await saved(), []);
    });
  });

  describe('help, cancel and start over at any step', () => {
    it('help answers and keeps the declaration going with the same card', async () => {
      await fm.say('declare');
      const customerButton = fm.buttonData('submitCustomer');
      await fm.say('help');
      assert.match(fm.text(), /my declarations/);
      assert.match(fm.text(), /still open/);
      await fm.submit({
        ...customerButton,
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
        await fm.submit(staleButton);
        assert.match(fm.text(), /already ended/);
        assert.deepEqual(await saved(), []);
      });
    }

    it('start over restarts with an empty customer form', async () => {
      await fm.say('declare');
      await fm.tap('submitCustomer', {
        customerName: 'C',
        tenantId: TENANT,
        workloadIds: 'intune',
      });
      const oldScenarioButton = fm.buttonData('chooseScenario');
      await fm.say('start over');
      assert.equal(inputValue(fm.lastCard(), 'customerName'), '');
      await fm.submit({ ...oldScenarioButton, scenarioId: 'no-intent-new-workload' });
      assert.match(fm.text(), /earlier step/);
    });
  });

  describe('stale, foreign and forged submits change nothing', () => {
    beforeEach(async () => {
      await fm.say('declare');
      await fm.tap('submitCustomer', {
        customerName: 'C',
        tenantId: TENANT,
        workloadIds: 'intune',
      });
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

    it('asks for the card when the FM types instead of tapping', async () => {
      await fm.say('scenario two please');
      assert.match(fm.text(), /answer on the card/);
      assert.ok(fm.buttonData('chooseScenario'));
    });
  });

  describe('saving exactly once', () => {
    it('a double tap on Confirm creates one set of records', async () => {
      await fm.declareUntilSummary('no-intent-new-workload', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason: GREAT_REASON,
        engagementScenarioId: 'customer-led',
      });
      const confirmButton = { ...fm.buttonData('confirm'), noticeChannel: NOTICES_CHANNEL };
      await fm.submit(confirmButton);
      await fm.submit(confirmButton);
      assert.match(fm.text(), /already ended/);
      assert.equal((await saved()).length, 1);
    });

    it('the same activity delivered twice at once creates one set of records', async () => {
      await fm.declareUntilSummary('no-intent-new-workload', {
        l2ReasonId: 'executive-sponsorship',
        detailedReason: GREAT_REASON,
        engagementScenarioId: 'customer-led',
      });
      const confirmButton = { ...fm.buttonData('confirm'), noticeChannel: NOTICES_CHANNEL };
      const twin = new FmConversation(target);
      await Promise.all([fm.submit(confirmButton), twin.submit(confirmButton)]);
      assert.equal((await saved()).length, 1);
    });
  });

  describe('my declarations', () => {
    it("lists the FM's own declarations with their status, newest first", async () => {
      await fm.say('my declarations');
      assert.match(fm.text(), /not recorded any declaration yet/);
      await fm.declareUntilSummary('declines-fasttrack-center', {
        engagementScenarioId: 'customer-led',
        kickoffDate: '2026-12-07',
      });
      await confirm(fm);
      await fm.declareUntilSummary(
        'no-intent-at-assignment',
        {
          l2ReasonId: 'executive-sponsorship',
          detailedReason: GREAT_REASON,
          engagementScenarioId: 'customer-led',
        },
        'microsoft-teams',
      );
      await confirm(fm);
      await fm.say('my declarations');
      const text = fm.text();
      assert.ok(text.indexOf('Awaiting confirmation') < text.indexOf('Recorded (intent declared)'));
      const blake = new FmConversation(target, BLAKE);
      await blake.say('my declarations');
      assert.match(blake.text(), /not recorded any declaration yet/);
    });
  });
});
