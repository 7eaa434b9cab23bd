import assert from 'node:assert/strict';
import { channelNoticeCard } from '../../src/edges/teams/cards/channelNoticeCard';
import type { AdaptiveCardJson } from '../../src/edges/teams/cards/cardTemplate';
import { coachFeedbackCard } from '../../src/edges/teams/cards/coachFeedbackCard';
import { awaitingDecisionCard } from '../../src/edges/teams/cards/awaitingDecisionCard';
import { entitlementDetailsCard } from '../../src/edges/teams/cards/entitlementDetailsCard';
import { fmDeclarationCard } from '../../src/edges/teams/cards/fmDeclarationCard';
import { myDeclarationsCard } from '../../src/edges/teams/cards/myDeclarationsCard';
import { refusalCard } from '../../src/edges/teams/cards/refusalCard';
import { ftopSummaryCard } from '../../src/edges/teams/cards/ftopSummaryCard';
import { reasonFormCard } from '../../src/edges/teams/cards/reasonFormCard';
import { scenarioPickerCard } from '../../src/edges/teams/cards/scenarioPickerCard';
import { deriveFtopFields, type FtopDerivation } from '../../src/playbook/deriveFtopFields';
import { MAX_REASON_LENGTH } from '../../src/playbook/playbookProblems';
import { coachReason } from '../../src/playbook/reasonCoach';
import { SCENARIOS, type Scenario } from '../../src/playbook/scenarios';
import { WORKLOADS } from '../../src/playbook/workloads';
import { cardBytes, cardProblems } from '../support/adaptiveCardValidation';
import { readabilityProblems } from '../support/cardReadability';
import type { WorkloadDerivation } from '../../src/application/previewDeclaration';
import { scenarioOptionsForAll } from '../../src/playbook/scenarioRules';
import { SAMPLE_TARGET, sampleSnapshot, type SampleOptions } from '../support/sampleDeclarations';

const MARKER = 'ZQX';
/** Everything a user could type to make a card do more than show text. */
const HOSTILE = `${MARKER} \${$root.stepToken} [click](https://evil.example) <b>bold</b> **x** {{DATE(2020-01-01T00:00:00Z)}}`;
const LONGEST_REASON = (HOSTILE + ' ').repeat(100).slice(0, MAX_REASON_LENGTH);
const LONG_CUSTOMER = (HOSTILE + ' ').repeat(10).slice(0, 200);
const ALL_WORKLOADS = WORKLOADS.map((w) => `${w.name} ${MARKER}`);
const TENANT = '8f2c7a1e-4b5d-4c3e-9a10-2b7d6e5f4a3c';

function scenario(number: number): Scenario {
  const found = SCENARIOS.find((s) => s.number === number);
  assert.ok(found);
  return found;
}

function derivation(scenarioId: string, reason: string): FtopDerivation {
  const result =
    scenarioId === 'declines-fasttrack-center'
      ? deriveFtopFields({
          scenarioId,
          engagementScenarioId: 'partner-led',
          kickoffDate: '2026-12-07',
        })
      : deriveFtopFields({
          scenarioId,
          l2ReasonId: 'executive-sponsorship',
          detailedReason: reason,
          engagementScenarioId: 'partner-led',
        });
  assert.ok(result.ok);
  return result.derivation;
}

/** Every workload, its name marked as user text, each with its own derivation. */
function everyWorkload(derive: (index: number) => FtopDerivation): WorkloadDerivation[] {
  return WORKLOADS.map((w, index) => ({
    workload: { ...w, name: `${w.name} ${MARKER}` },
    derivation: derive(index),
  }));
}

function scenario5(index: number): FtopDerivation {
  const result = deriveFtopFields(
    { scenarioId: 'new-subscriptions-under-no-intent', engagementScenarioId: 'partner-led' },
    {
      l2ReasonId: 'executive-sponsorship',
      l3ReasonId: null,
      notes: `${index} ${LONGEST_REASON}`.slice(0, MAX_REASON_LENGTH),
    },
  );
  assert.ok(result.ok);
  return result.derivation;
}

const LONG_PERSON = { aadObjectId: '00000000-0000-0000-0000-0000000000f1', name: LONG_CUSTOMER };

/** A declaration for every workload with the longest text everywhere a person types. */
function worst(options: SampleOptions = {}) {
  return sampleSnapshot({
    customerName: LONG_CUSTOMER,
    workloads: WORKLOADS.map((w) => ({ id: w.id, name: `${w.name} ${MARKER}` })),
    reason: LONGEST_REASON,
    fm: LONG_PERSON,
    manager: LONG_PERSON,
    comment: LONGEST_REASON.slice(0, 500),
    target: { ...SAMPLE_TARGET, teamName: LONG_CUSTOMER, channelName: LONG_CUSTOMER },
    ...options,
  });
}

const MANY_TARGETS = Array.from({ length: 20 }, (_, i) => ({
  ...SAMPLE_TARGET,
  teamName: `${LONG_CUSTOMER} ${i}`,
  channelId: `19:c${i}@thread.tacv2`,
}));

/** Every place user text lands, as "<element type>.<property>". */
function placesOf(node: unknown, parentType = '', key = ''): string[] {
  if (typeof node === 'string') return node.includes(MARKER) ? [`${parentType}.${key}`] : [];
  if (Array.isArray(node)) return node.flatMap((item) => placesOf(item, parentType, key));
  if (node && typeof node === 'object') {
    const type = (node as { type?: string }).type ?? parentType;
    return Object.entries(node).flatMap(([k, v]) => placesOf(v, type, k));
  }
  return [];
}

const worstCases: [string, () => AdaptiveCardJson][] = [
  [
    'scenario picker',
    () => {
      const known = WORKLOADS.map((w, i) => ({
        workloadName: `${w.name} ${MARKER}`,
        state: worst({ then: i % 2 ? ['reject'] : ['confirm'] }).customer.entitlements[w.id]!,
      }));
      return scenarioPickerCard({
        stepToken: 't',
        customerName: LONG_CUSTOMER,
        known,
        options: scenarioOptionsForAll(known),
        rejection: LONGEST_REASON.slice(0, 500),
        problems: [LONGEST_REASON],
      });
    },
  ],
  ...SCENARIOS.map((s): [string, () => AdaptiveCardJson] => [
    `reason form for scenario ${s.number}`,
    () =>
      reasonFormCard({
        customerName: 'Contoso Ltd',
        workloadNames: ['Exchange Online'],
        stepToken: 't',
        scenario: s,
        answers: { detailedReason: LONGEST_REASON, l2ReasonId: 'executive-sponsorship' },
        defaultEngagement: 'partner-led',
        existingRecord:
          s.kind === 'existing-no-intent' ? [{ label: 'Notes', value: LONGEST_REASON }] : undefined,
        problems: [`"${HOSTILE}" is not a date`],
      }),
  ]),
  [
    'coach feedback',
    () =>
      coachFeedbackCard({
        stepToken: 't',
        customerName: LONG_CUSTOMER,
        workloadNames: ALL_WORKLOADS,
        reason: LONGEST_REASON,
        reasonRequired: true,
        report: coachReason({ reason: LONGEST_REASON, workloadNames: ALL_WORKLOADS }),
      }),
  ],
  [
    'FTOP summary, No Intent',
    () =>
      ftopSummaryCard({
        stepToken: 't',
        customerName: LONG_CUSTOMER,
        tenantId: TENANT,
        perWorkload: everyWorkload(() => derivation('no-intent-after-intent', LONGEST_REASON)),
        noticeTargets: MANY_TARGETS,
      }),
  ],
  [
    'FTOP summary, scenario 5 with a different note per workload',
    () =>
      ftopSummaryCard({
        stepToken: 't',
        customerName: LONG_CUSTOMER,
        tenantId: TENANT,
        perWorkload: everyWorkload(scenario5),
      }),
  ],
  [
    'FTOP summary, scenario 1',
    () =>
      ftopSummaryCard({
        stepToken: 't',
        customerName: LONG_CUSTOMER,
        tenantId: TENANT,
        perWorkload: everyWorkload(() => derivation('declines-fasttrack-center', '')),
      }),
  ],
  [
    'channel notice for a manager',
    () =>
      channelNoticeCard(
        worst(),
        'manager',
        Array.from(
          { length: 80 },
          (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
        ),
      ),
  ],
  ['channel notice for everyone', () => channelNoticeCard(worst(), 'everyone', [])],
  [
    'channel notice after a rejection',
    () => channelNoticeCard(worst({ then: ['enter', 'reject'] }), 'manager', []),
  ],
  [
    'channel notice, scenario 5 re-validation',
    () =>
      channelNoticeCard(worst({ scenarioId: 'new-subscriptions-under-no-intent' }), 'everyone', []),
  ],
  [
    "FM's card awaiting a decision",
    () => fmDeclarationCard({ snapshot: worst(), noticeTargets: [] }),
  ],
  [
    "FM's card, rejected after entry: what to put back",
    () =>
      fmDeclarationCard({
        snapshot: worst({ inProgressBefore: true, then: ['enter', 'reject'] }),
        noticeTargets: [],
        news: 'decided',
      }),
  ],
  [
    "FM's card, waiting for a channel",
    () =>
      fmDeclarationCard({
        snapshot: worst({ target: null }),
        noticeTargets: MANY_TARGETS,
        news: 'team-added',
      }),
  ],
  [
    "FM's card, notice failed",
    () =>
      fmDeclarationCard({
        snapshot: worst({ notice: { status: 'failed', lastError: '403: not in roster' } }),
        noticeTargets: [],
        news: 'delivery-failed',
      }),
  ],
  [
    'my declarations, ten entries',
    () =>
      myDeclarationsCard(
        {
          filter: LONG_CUSTOMER.slice(0, 100),
          more: true,
          entries: worst({ then: ['enter', 'reject'] }).records,
        },
        LONG_PERSON.aadObjectId,
        LONGEST_REASON,
      ),
  ],
  [
    'entitlement details with a long history',
    () => {
      const record = worst({ inProgressBefore: true, then: ['enter', 'reject'] }).records[0]!;
      const history = Array.from({ length: 6 }, () => record.history).flat();
      return entitlementDetailsCard({ ...record, history }, LONG_PERSON.aadObjectId);
    },
  ],
  [
    'awaiting my decision, ten entries',
    () =>
      awaitingDecisionCard(
        Array.from({ length: 10 }, (_, i) => ({
          ...worst().declaration,
          declarationId: `2c9e41d7-5b1a-4f8e-9c3d-${String(i).padStart(12, '0')}`,
        })),
        LONG_PERSON.aadObjectId,
        LONGEST_REASON,
      ),
  ],
  [
    'refusal',
    () =>
      refusalCard({
        title: 'You cannot decide this declaration',
        explanation: `Only the managers of ${LONG_CUSTOMER} can confirm or reject.`,
        customerName: LONG_CUSTOMER,
        workloadNames: ALL_WORKLOADS,
      }),
  ],
];

describe('cards rendered with worst-case input', () => {
  for (const [name, render] of worstCases) {
    describe(name, () => {
      const card = render();

      it('is valid and under 28 KB', () => {
        assert.deepEqual(cardProblems(card), []);
        assert.ok(cardBytes(card) < 28 * 1024, `${cardBytes(card)} bytes`);
      });

      it("has labelled inputs, readable colours, and times in the reader's time zone", () => {
        assert.deepEqual(readabilityProblems(card, 'card'), []);
      });

      it('shows user text only as plain text runs or input values, never as markdown or bindings', () => {
        const places = new Set(placesOf(card));
        assert.ok(places.size > 0, 'the user text should appear somewhere');
        // Choice titles are plain text too; a list's refresh carries its filter as data only.
        const plain = [
          'TextRun.text',
          'Input.Text.value',
          'Input.ChoiceSet.title',
          'Action.Execute.filter',
        ];
        for (const place of places) assert.ok(plain.includes(place), place);
        assert.ok(
          JSON.stringify(card).includes('${$root.stepToken}'),
          'user-typed ${...} must stay literal',
        );
      });
    });
  }

  it("shows when a declaration was decided, withdrawn, entered and changed, in the reader's time zone", () => {
    // User text holds "{{DATE(...)}}" too, in TextRuns, where Teams shows it as typed.
    const times = (card: AdaptiveCardJson): number =>
      (JSON.stringify(card).match(/"type":"TextBlock","text":"[^"]*\{\{DATE\(/g) ?? []).length;
    const rejected = worst({ then: ['enter', 'reject'] });
    const confirmed = worst({ then: ['enter', 'confirm'] });
    const withdrawn = worst({ then: ['withdraw'] });
    assert.equal(times(channelNoticeCard(confirmed, 'everyone', [])), 2, 'decision and FTOP entry');
    assert.equal(times(channelNoticeCard(withdrawn, 'everyone', [])), 1, 'withdrawal');
    assert.equal(times(fmDeclarationCard({ snapshot: rejected, noticeTargets: [] })), 1);
    assert.equal(times(fmDeclarationCard({ snapshot: confirmed, noticeTargets: [] })), 2);
    const record = rejected.records[0]!;
    assert.equal(times(entitlementDetailsCard(record, 'x')), record.history.length);
    assert.equal(times(awaitingDecisionCard([worst().declaration], 'x')), 1);
  });

  it('gives everyone the manager entry, and only managers the decision buttons', () => {
    const everyone = JSON.stringify(channelNoticeCard(worst(), 'everyone', []));
    assert.ok(everyone.includes('"verb":"refreshNotice"'));
    assert.ok(!everyone.includes('"verb":"confirmDeclaration"'));
    const manager = JSON.stringify(channelNoticeCard(worst(), 'manager', []));
    assert.ok(manager.includes('"verb":"confirmDeclaration"'));
    assert.ok(manager.includes('"type":"Action.Submit","title":"Confirm"'), 'a Submit fallback');
  });

  it('never offers decision buttons once a declaration is decided', () => {
    const card = worstCases.find(([n]) => n === 'channel notice after a rejection')![1]();
    assert.ok(!JSON.stringify(card).includes('"verb":"confirmDeclaration"'));
  });

  it('limits the refresh list to the 60 users Teams allows', () => {
    const card = worstCases.find(([n]) => n === 'channel notice for a manager')![1]();
    const refresh = card.refresh as { userIds: string[] };
    assert.equal(refresh.userIds.length, 60);
  });

  it('shows the kickoff date only for scenario 1 and the L2 choices only for scenarios 2 to 4', () => {
    for (const s of SCENARIOS) {
      const json = JSON.stringify(
        reasonFormCard({
          stepToken: 't',
          customerName: 'Contoso Ltd',
          workloadNames: ['Exchange Online'],
          scenario: s,
          answers: {},
        }),
      );
      assert.equal(json.includes('"id":"kickoffDate"'), s.number === 1, `kickoff in ${s.number}`);
      assert.equal(
        json.includes('"id":"l2ReasonId"'),
        [2, 3, 4].includes(s.number),
        `L2 in ${s.number}`,
      );
    }
  });

  it("prefills the FM's earlier answers when they edit", () => {
    const card = reasonFormCard({
      customerName: 'Contoso Ltd',
      workloadNames: ['Exchange Online'],
      stepToken: 't',
      scenario: scenario(3),
      answers: {
        l2ReasonId: 'using-competitive-solution',
        detailedReason: 'Earlier text',
        engagementScenarioId: 'customer-led',
      },
      defaultEngagement: 'partner-led',
    });
    const json = JSON.stringify(card);
    assert.ok(json.includes('"value":"using-competitive-solution"'));
    assert.ok(json.includes('"value":"Earlier text"'));
    assert.ok(json.includes('"value":"customer-led"'), "the FM's own answer beats the default");
  });

  it('says that scenario 1 announces nothing', () => {
    const card = ftopSummaryCard({
      stepToken: 't',
      customerName: 'C',
      tenantId: TENANT,
      perWorkload: [
        { workload: WORKLOADS[0]!, derivation: derivation('declines-fasttrack-center', '') },
      ],
    });
    const json = JSON.stringify(card);
    assert.ok(json.includes('nothing is announced'));
    assert.ok(!json.includes('FTOP fields for your No Intent declaration'));
    assert.ok(json.includes('"text":"In Progress"'));
  });
});
