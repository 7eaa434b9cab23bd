import assert from 'node:assert/strict';
import {
  declare,
  decide,
  NOTHING_KNOWN,
  withdraw,
  type EntitlementState,
  type FtopStatus,
} from '../../src/playbook/entitlement';
import type { FtopFields } from '../../src/playbook/ftopFields';
import type { Person } from '../../src/playbook/person';
import {
  scenarioOptions,
  scenarioOptionsForAll,
  separateDeclarationsAdvice,
  type RefusalCode,
  type ScenarioVerdict,
} from '../../src/playbook/scenarioRules';
import type { ScenarioId } from '../../src/playbook/scenarios';

const AVERY: Person = { aadObjectId: 'avery', name: 'Avery Fox' };
const MORGAN: Person = { aadObjectId: 'morgan', name: 'Morgan Lee' };

function status(l1: FtopFields['l1'], scenarioId: ScenarioId): FtopStatus {
  const noIntent = l1 === 'No Intent';
  return {
    scenarioId,
    l2ReasonId: noIntent ? 'using-competitive-solution' : null,
    l3ReasonId: null,
    engagementScenarioId: 'partner-led',
    fields: {
      whoUpdatesFtop: 'Delivery FM',
      l1,
      l2: noIntent ? 'Using Competitive Solution' : 'N/A',
      l3: 'N/A',
      serviceStatus: noIntent ? 'N/A' : 'Initiate',
      serviceEngagementScenario: 'Partner led',
      targetDate: 'N/A',
      owner: noIntent ? 'Account Team' : '',
      notes: '',
      nextActionDate: noIntent ? 'TBD' : '2026-12-07',
      nextAction: noIntent ? 'Notify account team of No Intent' : 'Delivery Assignment',
    },
  };
}

function declared(state: EntitlementState, id: string, value: FtopStatus): EntitlementState {
  const needsDecision = value.fields.l1 === 'No Intent';
  return declare(
    state,
    { declarationId: id, scenarioId: value.scenarioId, by: AVERY, at: '2026-11-02T10:00:00Z' },
    value,
    needsDecision,
  ).state;
}

const IN_PROGRESS = declared(
  NOTHING_KNOWN,
  'one',
  status('In Progress', 'declines-fasttrack-center'),
);
const PENDING = declared(NOTHING_KNOWN, 'two', status('No Intent', 'no-intent-at-assignment'));
const CONFIRMED = decide(PENDING, 'two', {
  outcome: 'confirmed',
  by: MORGAN,
  at: '2026-11-03T10:00:00Z',
  comment: '',
})!.state;
const REJECTED_AFTER_PROGRESS = decide(
  declared(IN_PROGRESS, 'three', status('No Intent', 'no-intent-after-intent')),
  'three',
  { outcome: 'rejected', by: MORGAN, at: '2026-11-04T10:00:00Z', comment: 'Still in progress.' },
)!.state;
const WITHDRAWN = withdraw(PENDING, 'two', AVERY, '2026-11-05T10:00:00Z')!.state;

type Row = readonly [ScenarioVerdict, RefusalCode?];
const A: Row = ['allowed'];
const F: Row = ['fits'];
const R = (code: RefusalCode): Row => ['refused', code];

/** What the bot knows, and each scenario 1 to 5's verdict. */
const TABLE: readonly [string, EntitlementState, readonly [Row, Row, Row, Row, Row]][] = [
  [
    'nothing known: the FM is taken at their word, except scenario 5',
    NOTHING_KNOWN,
    [A, A, A, A, R('needs-no-intent')],
  ],
  [
    'a declaration awaiting a decision: nothing new until it is withdrawn or decided',
    PENDING,
    [
      R('awaiting-decision'),
      R('awaiting-decision'),
      R('awaiting-decision'),
      R('awaiting-decision'),
      R('awaiting-decision'),
    ],
  ],
  [
    'a confirmed No Intent: scenario 5 for new subscriptions, scenario 1 if the customer now intends',
    CONFIRMED,
    [A, R('already-no-intent'), R('already-no-intent'), R('already-no-intent'), F],
  ],
  [
    'In Progress (scenario 1 recorded): scenario 3 is the fitting row',
    IN_PROGRESS,
    [A, R('intent-declared-before'), F, R('not-a-new-workload'), R('needs-no-intent')],
  ],
  [
    'a rejected declaration: the entitlement is what it was before (In Progress)',
    REJECTED_AFTER_PROGRESS,
    [A, R('intent-declared-before'), F, R('not-a-new-workload'), R('needs-no-intent')],
  ],
  [
    'a withdrawn declaration with nothing before: as if nothing were known',
    WITHDRAWN,
    [A, A, A, A, R('needs-no-intent')],
  ],
];

describe('which scenarios apply to an entitlement (the playbook as transitions)', () => {
  for (const [name, state, expected] of TABLE) {
    it(name, () => {
      const options = scenarioOptions({ workloadName: 'Exchange Online', state });
      assert.deepEqual(
        options.map((o) => [o.verdict, o.refusal].filter((x) => x !== undefined)),
        expected.map((row) => row.filter((x) => x !== undefined)),
      );
      for (const option of options.filter((o) => o.verdict === 'refused')) {
        assert.match(option.message ?? '', /Exchange Online/, 'every refusal names the workload');
      }
    });
  }

  it('names the pending declaration: its scenario, who declared it, and when', () => {
    const [one] = scenarioOptions({ workloadName: 'Exchange Online', state: PENDING });
    assert.match(one!.message!, /scenario 2, declared by Avery Fox on 2026-11-02/);
  });

  it('points a confirmed No Intent to scenario 5, naming its L2 and the decision date', () => {
    const options = scenarioOptions({ workloadName: 'Exchange Online', state: CONFIRMED });
    assert.match(
      options[2]!.message!,
      /already No Intent \(Using Competitive Solution\), confirmed on 2026-11-03/,
    );
    assert.match(options[2]!.message!, /choose scenario 5/);
  });

  it('for several workloads, a scenario is refused when refused for any, with each reason', () => {
    const options = scenarioOptionsForAll([
      { workloadName: 'Exchange Online', state: CONFIRMED },
      { workloadName: 'Microsoft Teams', state: NOTHING_KNOWN },
    ]);
    assert.deepEqual(
      options.map((o) => o.verdict),
      ['allowed', 'refused', 'refused', 'refused', 'refused'],
    );
    assert.match(options[4]!.message!, /holds none for Microsoft Teams/);
    assert.match(options[1]!.message!, /Exchange Online is already No Intent/);
  });

  it('workloads with no No Intent row in common are told to be declared separately, and how', () => {
    const advice = separateDeclarationsAdvice([
      { workloadName: 'Exchange Online', state: CONFIRMED },
      { workloadName: 'Microsoft Teams', state: NOTHING_KNOWN },
      { workloadName: 'OneDrive', state: NOTHING_KNOWN },
    ]);
    assert.equal(
      advice,
      'No one No Intent row fits these workloads together. Declare them separately: Exchange Online (scenario 5); Microsoft Teams and OneDrive (scenario 2, 3 or 4). Tap "Change customer or workloads" to keep one group now, and declare the other next.',
    );
    const together = [
      { workloadName: 'Exchange Online', state: IN_PROGRESS },
      { workloadName: 'OneDrive', state: NOTHING_KNOWN },
    ];
    assert.equal(separateDeclarationsAdvice(together), null, 'scenario 3 or 4 fits both');
    assert.equal(
      separateDeclarationsAdvice([
        { workloadName: 'Exchange Online', state: PENDING },
        { workloadName: 'OneDrive', state: NOTHING_KNOWN },
      ]),
      null,
      'a pending declaration is its own refusal, not a reason to split',
    );
  });

  it('a row fits several workloads only when it fits each', () => {
    const both = scenarioOptionsForAll([
      { workloadName: 'Exchange Online', state: IN_PROGRESS },
      { workloadName: 'OneDrive', state: IN_PROGRESS },
    ]);
    assert.equal(both[2]!.verdict, 'fits');
    const mixed = scenarioOptionsForAll([
      { workloadName: 'Exchange Online', state: IN_PROGRESS },
      { workloadName: 'OneDrive', state: NOTHING_KNOWN },
    ]);
    assert.equal(mixed[2]!.verdict, 'allowed');
  });
});
