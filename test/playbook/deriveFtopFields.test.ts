import assert from 'node:assert/strict';
import {
  deriveFtopFields,
  type DeclarationAnswers,
  type ExistingNoIntent,
} from '../../src/playbook/deriveFtopFields';
import type { FtopFields } from '../../src/playbook/ftopFields';
import { L3_NOT_YET_DEFINED } from '../../src/playbook/l3Reasons';
import { L2_REASONS } from '../../src/playbook/noIntentReasons';
import type { PlaybookProblemCode } from '../../src/playbook/playbookProblems';
import { SCENARIOS } from '../../src/playbook/scenarios';

const REASON =
  'Customer does not intend to use Exchange Online because every mailbox runs on Gmail under a five-year contract.';

function fieldsOf(answers: DeclarationAnswers, existing?: ExistingNoIntent): FtopFields {
  const result = deriveFtopFields(answers, existing);
  assert.ok(result.ok, `expected success, got ${JSON.stringify(!result.ok && result.problems)}`);
  return result.derivation.fields;
}

function problemCodes(answers: DeclarationAnswers, existing?: ExistingNoIntent | null) {
  const result = deriveFtopFields(answers, existing);
  assert.ok(!result.ok, 'expected the answers to be rejected');
  return result.problems.map((p) => p.code);
}

describe('deriveFtopFields: the rows of the playbook table', () => {
  it('knows exactly the five scenarios of the table, in order', () => {
    assert.deepEqual(
      SCENARIOS.map((s) => [s.number, s.stage]),
      [
        [1, 'assignment'],
        [2, 'assignment'],
        [3, 'delivery'],
        [4, 'delivery'],
        [5, 'delivery'],
      ],
    );
  });

  describe('scenario 1: declines the FastTrack Center, intends to use the service', () => {
    for (const [engagementId, engagementName] of [
      ['customer-led', 'Customer led'],
      ['partner-led', 'Partner led'],
    ] as const) {
      it(`is In Progress / Initiate, ${engagementName}, next action at the kickoff`, () => {
        const result = deriveFtopFields({
          scenarioId: 'declines-fasttrack-center',
          engagementScenarioId: engagementId,
          kickoffDate: '2026-12-07',
        });
        assert.ok(result.ok);
        assert.equal(result.derivation.declaresNoIntent, false);
        assert.equal(result.derivation.l2ReasonId, null);
        assert.deepEqual(result.derivation.fields, {
          whoUpdatesFtop: 'Assignment FM',
          l1: 'In Progress',
          l2: 'N/A',
          l3: 'N/A',
          serviceStatus: 'Initiate',
          serviceEngagementScenario: engagementName,
          targetDate: 'N/A',
          owner: '',
          notes: '',
          nextActionDate: '2026-12-07',
          nextAction: 'Delivery Assignment',
        });
      });
    }

    it('accepts 29 February in a leap year', () => {
      const fields = fieldsOf({
        scenarioId: 'declines-fasttrack-center',
        engagementScenarioId: 'customer-led',
        kickoffDate: '2028-02-29',
      });
      assert.equal(fields.nextActionDate, '2028-02-29');
    });
  });

  const newNoIntentRows = [
    { scenarioId: 'no-intent-at-assignment', number: 2, who: 'Assignment FM' },
    { scenarioId: 'no-intent-after-intent', number: 3, who: 'Delivery FM' },
    { scenarioId: 'no-intent-new-workload', number: 4, who: 'Delivery FM' },
  ] as const;

  for (const row of newNoIntentRows) {
    describe(`scenario ${row.number}: a new No Intent declaration`, () => {
      for (const l2 of L2_REASONS) {
        it(`with L2 ${l2.name} sets every field of the row`, () => {
          const result = deriveFtopFields({
            scenarioId: row.scenarioId,
            l2ReasonId: l2.id,
            detailedReason: `  ${REASON}  `,
            engagementScenarioId: 'fasttrack-center-led',
          });
          assert.ok(result.ok);
          assert.equal(result.derivation.declaresNoIntent, true);
          assert.equal(result.derivation.l2ReasonId, l2.id);
          assert.equal(result.derivation.l3ReasonId, null);
          assert.deepEqual(result.derivation.fields, {
            whoUpdatesFtop: row.who,
            l1: 'No Intent',
            l2: l2.name,
            l3: L3_NOT_YET_DEFINED,
            serviceStatus: 'N/A',
            serviceEngagementScenario: 'FastTrack Center led',
            targetDate: 'N/A',
            owner: 'Account Team',
            notes: REASON,
            nextActionDate: 'TBD',
            nextAction: 'Notify account team of No Intent',
          });
        });
      }

      for (const [id, name] of [
        ['partner-led', 'Partner led'],
        ['customer-led', 'Customer led'],
        ['not-applicable', 'N/A (no other workload is engaged)'],
      ] as const) {
        it(`takes the engagement scenario from the FM's answer: ${name}`, () => {
          const fields = fieldsOf({
            scenarioId: row.scenarioId,
            l2ReasonId: 'executive-sponsorship',
            detailedReason: REASON,
            engagementScenarioId: id,
          });
          assert.equal(fields.serviceEngagementScenario, name);
        });
      }
    });
  }

  describe('scenario 5: new subscriptions under an existing No Intent', () => {
    for (const l2 of L2_REASONS) {
      it(`keeps the existing L2 ${l2.name} and L3, and the next action is N/A`, () => {
        const existing: ExistingNoIntent = {
          l2ReasonId: l2.id,
          l3ReasonId: null,
          notes: 'Earlier note',
        };
        const result = deriveFtopFields(
          {
            scenarioId: 'new-subscriptions-under-no-intent',
            detailedReason: REASON,
            engagementScenarioId: 'partner-led',
          },
          existing,
        );
        assert.ok(result.ok);
        assert.equal(result.derivation.l2ReasonId, l2.id);
        assert.deepEqual(result.derivation.fields, {
          whoUpdatesFtop: 'Delivery FM',
          l1: 'No Intent',
          l2: l2.name,
          l3: L3_NOT_YET_DEFINED,
          serviceStatus: 'N/A',
          serviceEngagementScenario: 'Partner led',
          targetDate: 'N/A',
          owner: 'Account Team',
          notes: REASON,
          nextActionDate: 'TBD',
          nextAction: 'N/A',
        });
      });
    }

    it('keeps the existing note when the FM leaves the note empty ("update notes as necessary")', () => {
      const fields = fieldsOf(
        { scenarioId: 'new-subscriptions-under-no-intent', engagementScenarioId: 'customer-led' },
        { l2ReasonId: 'using-competitive-solution', l3ReasonId: null, notes: 'Earlier note' },
      );
      assert.equal(fields.notes, 'Earlier note');
      assert.equal(fields.l2, 'Using Competitive Solution');
    });
  });
});

describe('deriveFtopFields: rejected answers', () => {
  const noIntent = {
    scenarioId: 'no-intent-at-assignment',
    l2ReasonId: 'executive-sponsorship',
    detailedReason: REASON,
    engagementScenarioId: 'partner-led',
  };
  const intent = {
    scenarioId: 'declines-fasttrack-center',
    engagementScenarioId: 'customer-led',
    kickoffDate: '2026-12-07',
  };
  const existing: ExistingNoIntent = {
    l2ReasonId: 'executive-sponsorship',
    l3ReasonId: null,
    notes: 'Earlier note',
  };

  const cases: {
    name: string;
    answers: DeclarationAnswers;
    existing?: ExistingNoIntent | null;
    codes: PlaybookProblemCode[];
  }[] = [
    {
      name: 'an unknown scenario',
      answers: { ...noIntent, scenarioId: 'scenario-6' },
      codes: ['unknown-scenario'],
    },
    {
      name: 'an empty scenario',
      answers: { ...noIntent, scenarioId: '' },
      codes: ['unknown-scenario'],
    },
    {
      name: 'a missing L2',
      answers: { ...noIntent, l2ReasonId: undefined },
      codes: ['l2-missing'],
    },
    {
      name: 'an unknown L2',
      answers: { ...noIntent, l2ReasonId: 'budget' },
      codes: ['l2-unknown'],
    },
    {
      name: 'an L3 while none is defined',
      answers: { ...noIntent, l3ReasonId: 'x' },
      codes: ['l3-not-applicable'],
    },
    {
      name: 'an empty reason',
      answers: { ...noIntent, detailedReason: '' },
      codes: ['reason-missing'],
    },
    {
      name: 'a whitespace-only reason',
      answers: { ...noIntent, detailedReason: ' \n\t ' },
      codes: ['reason-missing'],
    },
    {
      name: 'a missing reason',
      answers: { ...noIntent, detailedReason: undefined },
      codes: ['reason-missing'],
    },
    {
      name: 'a reason over the limit',
      answers: { ...noIntent, detailedReason: 'x'.repeat(1001) },
      codes: ['reason-too-long'],
    },
    {
      name: 'a kickoff date on a No Intent scenario',
      answers: { ...noIntent, kickoffDate: '2026-12-07' },
      codes: ['kickoff-not-applicable'],
    },
    {
      name: 'a missing engagement',
      answers: { ...noIntent, engagementScenarioId: undefined },
      codes: ['engagement-missing'],
    },
    {
      name: 'an unknown engagement',
      answers: { ...noIntent, engagementScenarioId: 'vendor-led' },
      codes: ['engagement-unknown'],
    },
    {
      name: 'scenario 1 without a kickoff date',
      answers: { ...intent, kickoffDate: undefined },
      codes: ['kickoff-missing'],
    },
    {
      name: 'scenario 1 with a blank kickoff date',
      answers: { ...intent, kickoffDate: '  ' },
      codes: ['kickoff-missing'],
    },
    {
      name: 'scenario 1 with a malformed date',
      answers: { ...intent, kickoffDate: '07/12/2026' },
      codes: ['kickoff-malformed'],
    },
    {
      name: 'scenario 1 with a date and time',
      answers: { ...intent, kickoffDate: '2026-12-07T10:00' },
      codes: ['kickoff-malformed'],
    },
    {
      name: 'scenario 1 with 30 February',
      answers: { ...intent, kickoffDate: '2026-02-30' },
      codes: ['kickoff-not-a-real-date'],
    },
    {
      name: 'scenario 1 with 29 February in a common year',
      answers: { ...intent, kickoffDate: '2027-02-29' },
      codes: ['kickoff-not-a-real-date'],
    },
    {
      name: 'scenario 1 with month 13',
      answers: { ...intent, kickoffDate: '2026-13-01' },
      codes: ['kickoff-not-a-real-date'],
    },
    {
      name: 'scenario 1 with day 0',
      answers: { ...intent, kickoffDate: '2026-04-00' },
      codes: ['kickoff-not-a-real-date'],
    },
    {
      name: 'scenario 1 with 31 April',
      answers: { ...intent, kickoffDate: '2026-04-31' },
      codes: ['kickoff-not-a-real-date'],
    },
    {
      name: 'scenario 1 led by the FastTrack Center',
      answers: { ...intent, engagementScenarioId: 'fasttrack-center-led' },
      codes: ['engagement-not-allowed'],
    },
    {
      name: 'scenario 1 with engagement N/A',
      answers: { ...intent, engagementScenarioId: 'not-applicable' },
      codes: ['engagement-not-allowed'],
    },
    {
      name: 'scenario 1 with an L2',
      answers: { ...intent, l2ReasonId: 'executive-sponsorship' },
      codes: ['l2-not-applicable'],
    },
    {
      name: 'scenario 1 with a No Intent reason',
      answers: { ...intent, detailedReason: REASON },
      codes: ['reason-not-applicable'],
    },
    {
      name: 'scenario 5 without an existing record',
      answers: {
        ...noIntent,
        l2ReasonId: undefined,
        scenarioId: 'new-subscriptions-under-no-intent',
      },
      existing: null,
      codes: ['existing-record-missing'],
    },
    {
      name: 'scenario 5 with a new L2',
      answers: { ...noIntent, scenarioId: 'new-subscriptions-under-no-intent' },
      existing,
      codes: ['l2-not-applicable'],
    },
    {
      name: 'scenario 5 with a reason over the limit',
      answers: {
        scenarioId: 'new-subscriptions-under-no-intent',
        engagementScenarioId: 'partner-led',
        detailedReason: 'y'.repeat(1001),
      },
      existing,
      codes: ['reason-too-long'],
    },
    {
      name: 'several problems at once',
      answers: { scenarioId: 'no-intent-after-intent' },
      codes: ['engagement-missing', 'l2-missing', 'reason-missing'],
    },
  ];

  for (const c of cases) {
    it(`rejects ${c.name}`, () => {
      assert.deepEqual(problemCodes(c.answers, c.existing), c.codes);
    });
  }

  it('gives a message a person can act on, naming the choices', () => {
    const result = deriveFtopFields({ ...noIntent, l2ReasonId: undefined });
    assert.ok(!result.ok);
    assert.match(result.problems[0]!.message, /Executive Sponsorship.*Using Competitive Solution/);
    const date = deriveFtopFields({ ...intent, kickoffDate: '2026-02-30' });
    assert.ok(!date.ok);
    assert.match(date.problems[0]!.message, /2026-02-30 is not a real calendar date/);
    const five = deriveFtopFields({
      scenarioId: 'new-subscriptions-under-no-intent',
      engagementScenarioId: 'partner-led',
    });
    assert.ok(!five.ok);
    assert.match(five.problems[0]!.message, /holds none for this workload.*scenario 2, 3 or 4/);
  });

  it('does not echo a huge forged value back in full', () => {
    const result = deriveFtopFields({ ...noIntent, scenarioId: 'z'.repeat(100_000) });
    assert.ok(!result.ok);
    assert.ok(result.problems[0]!.message.length < 300);
  });

  it('accepts a reason of exactly the limit', () => {
    assert.ok(deriveFtopFields({ ...noIntent, detailedReason: 'x'.repeat(1000) }).ok);
  });
});
