import assert from 'node:assert/strict';
import {
  decide,
  declare,
  enterInFtop,
  ftopTask,
  isSameTask,
  ftopTaskOwner,
  lifecycleOf,
  NOTHING_KNOWN,
  withdraw,
  type EntitlementState,
  type FtopStatus,
} from '../../src/playbook/entitlement';
import type { FtopFields } from '../../src/playbook/ftopFields';
import type { Person } from '../../src/playbook/person';
import type { ScenarioId } from '../../src/playbook/scenarios';

const AVERY: Person = { aadObjectId: 'avery', name: 'Avery Fox' };
const MORGAN: Person = { aadObjectId: 'morgan', name: 'Morgan Lee' };

function status(l1: FtopFields['l1'], scenarioId: ScenarioId): FtopStatus {
  return {
    scenarioId,
    l2ReasonId: l1 === 'No Intent' ? 'executive-sponsorship' : null,
    l3ReasonId: null,
    engagementScenarioId: 'customer-led',
    fields: {
      whoUpdatesFtop: 'Delivery FM',
      l1,
      l2: l1 === 'No Intent' ? 'Executive Sponsorship' : 'N/A',
      l3: 'N/A',
      serviceStatus: l1 === 'No Intent' ? 'N/A' : 'Initiate',
      serviceEngagementScenario: 'Customer led',
      targetDate: 'N/A',
      owner: l1 === 'No Intent' ? 'Account Team' : '',
      notes: '',
      nextActionDate: 'TBD',
      nextAction: '',
    },
  };
}

const IN_PROGRESS = status('In Progress', 'declines-fasttrack-center');
const NO_INTENT = status('No Intent', 'no-intent-after-intent');

function declared(
  state: EntitlementState,
  id: string,
  value: FtopStatus,
  needsDecision = value.fields.l1 === 'No Intent',
): EntitlementState {
  return declare(
    state,
    {
      declarationId: id,
      scenarioId: value.scenarioId,
      by: AVERY,
      at: `2026-11-0${id.length}T00:00:00Z`,
    },
    value,
    needsDecision,
  ).state;
}

function decided(state: EntitlementState, id: string, outcome: 'confirmed' | 'rejected') {
  const changed = decide(state, id, {
    outcome,
    by: MORGAN,
    at: '2026-11-20T00:00:00Z',
    comment: 'why',
  });
  assert.ok(changed, `${id} awaits a decision`);
  return changed.state;
}

describe('an entitlement: declarations, decisions and the FTOP hand-off', () => {
  it('a No Intent declaration awaits a decision and remembers what it goes back to', () => {
    const progress = declared(NOTHING_KNOWN, 'a', IN_PROGRESS);
    const pending = declared(progress, 'bb', NO_INTENT);
    assert.equal(lifecycleOf(pending), 'awaiting-decision');
    assert.equal(pending.status?.fields.l1, 'No Intent');
    assert.equal(pending.before?.status?.fields.l1, 'In Progress');
    assert.throws(() => declared(pending, 'ccc', NO_INTENT), /one declaration awaiting a decision/);
  });

  it('scenario 1 is recorded: nothing to decide, nothing to go back to', () => {
    const progress = declared(NOTHING_KNOWN, 'a', IN_PROGRESS);
    assert.equal(lifecycleOf(progress), 'recorded');
    assert.equal(progress.before, null);
    assert.equal(
      decide(progress, 'a', { outcome: 'confirmed', by: MORGAN, at: 'x', comment: '' }),
      undefined,
    );
  });

  it('a confirmation keeps the values and forgets the way back', () => {
    const confirmed = decided(declared(NOTHING_KNOWN, 'a', NO_INTENT), 'a', 'confirmed');
    assert.equal(lifecycleOf(confirmed), 'confirmed');
    assert.equal(confirmed.status?.fields.l1, 'No Intent');
    assert.equal(confirmed.before, null);
    assert.equal(confirmed.declaration?.decision?.by.name, 'Morgan Lee');
  });

  const table: {
    name: string;
    before: EntitlementState;
    entered: boolean;
    close: (s: EntitlementState) => EntitlementState;
    expect: { l1: string | null; task: string | null; taskL1?: string | null; outcome: string };
  }[] = [
    {
      name: 'rejected before entry, nothing known before',
      before: NOTHING_KNOWN,
      entered: false,
      close: (s) => decided(s, 'bb', 'rejected'),
      expect: { l1: null, task: null, outcome: 'rejected' },
    },
    {
      name: 'rejected after entry, nothing known before: put back what FTOP showed',
      before: NOTHING_KNOWN,
      entered: true,
      close: (s) => decided(s, 'bb', 'rejected'),
      expect: { l1: null, task: 'put-back', taskL1: null, outcome: 'rejected' },
    },
    {
      name: 'rejected after entry, In Progress before: put back In Progress',
      before: enterInFtop(declared(NOTHING_KNOWN, 'a', IN_PROGRESS), AVERY, 'x')!.state,
      entered: true,
      close: (s) => decided(s, 'bb', 'rejected'),
      expect: { l1: 'In Progress', task: 'put-back', taskL1: 'In Progress', outcome: 'rejected' },
    },
    {
      name: 'rejected before entry, In Progress entered before: nothing to do',
      before: enterInFtop(declared(NOTHING_KNOWN, 'a', IN_PROGRESS), AVERY, 'x')!.state,
      entered: false,
      close: (s) => decided(s, 'bb', 'rejected'),
      expect: { l1: 'In Progress', task: null, outcome: 'rejected' },
    },
    {
      name: 'withdrawn before entry, In Progress never entered: enter In Progress',
      before: declared(NOTHING_KNOWN, 'a', IN_PROGRESS),
      entered: false,
      close: (s) => withdraw(s, 'bb', AVERY, 'y')!.state,
      expect: { l1: 'In Progress', task: 'enter', taskL1: 'In Progress', outcome: 'withdrawn' },
    },
    {
      name: 'withdrawn after entry: put back',
      before: NOTHING_KNOWN,
      entered: true,
      close: (s) => withdraw(s, 'bb', AVERY, 'y')!.state,
      expect: { l1: null, task: 'put-back', taskL1: null, outcome: 'withdrawn' },
    },
  ];
  for (const row of table) {
    it(`closing a declaration: ${row.name}`, () => {
      let pending = declared(row.before, 'bb', NO_INTENT);
      assert.equal(ftopTask(pending)?.kind, 'enter');
      assert.equal(ftopTask(pending)?.declarationId, 'bb', 'the task names its declaration');
      if (row.entered) pending = enterInFtop(pending, AVERY, 'z')!.state;
      const closed = row.close(pending);
      assert.equal(closed.status?.fields.l1 ?? null, row.expect.l1);
      assert.equal(lifecycleOf(closed), row.expect.outcome);
      assert.equal(closed.closed?.wasEntered, row.entered);
      const task = ftopTask(closed);
      assert.equal(task?.kind ?? null, row.expect.task);
      if (task && 'taskL1' in row.expect) assert.equal(task.fields?.l1 ?? null, row.expect.taskL1);
      if (task) assert.equal(ftopTaskOwner(closed)?.name, 'Avery Fox');
      if (task?.kind === 'put-back') {
        assert.equal(task.declarationId, 'bb');
        assert.ok(isSameTask(task, { kind: 'put-back', declarationId: 'bb' }));
        assert.ok(!isSameTask(task, { kind: 'put-back', declarationId: 'a-later-one' }));
        assert.ok(!isSameTask(task, { kind: 'enter', declarationId: 'bb' }));
      }
      if (task)
        assert.equal(ftopTask(enterInFtop(closed, AVERY, 'w')!.state), null, 'done once marked');
    });
  }

  it('a decision or withdrawal of another declaration changes nothing', () => {
    const pending = declared(NOTHING_KNOWN, 'a', NO_INTENT);
    assert.equal(
      decide(pending, 'zz', { outcome: 'confirmed', by: MORGAN, at: 'x', comment: '' }),
      undefined,
    );
    assert.equal(withdraw(pending, 'zz', AVERY, 'x'), undefined);
    assert.equal(enterInFtop(enterInFtop(pending, AVERY, 'x')!.state, AVERY, 'y'), undefined);
  });

  it('every change yields its transition, with the fields before and after', () => {
    const start = declared(NOTHING_KNOWN, 'a', IN_PROGRESS);
    const changed = declare(
      start,
      { declarationId: 'bb', scenarioId: 'no-intent-after-intent', by: AVERY, at: 't' },
      NO_INTENT,
      true,
    );
    assert.equal(changed.transition.kind, 'declared');
    assert.equal(changed.transition.fieldsBefore?.l1, 'In Progress');
    assert.equal(changed.transition.fieldsAfter?.l1, 'No Intent');
    const rejected = decide(changed.state, 'bb', {
      outcome: 'rejected',
      by: MORGAN,
      at: 'u',
      comment: 'no',
    })!;
    assert.equal(rejected.transition.kind, 'rejected');
    assert.equal(rejected.transition.fieldsBefore?.l1, 'No Intent');
    assert.equal(rejected.transition.fieldsAfter?.l1, 'In Progress');
    assert.equal(rejected.transition.comment, 'no');
  });
});
