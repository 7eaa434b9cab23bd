import assert from 'node:assert/strict';
import { deriveFtopFields } from '../../src/playbook/deriveFtopFields';
import { L3_REASONS } from '../../src/playbook/l3Reasons';

/** Adding L3 values is a data change: the derivation then requires and validates one. */
describe('L3 reasons as data', () => {
  const l3s = L3_REASONS['using-competitive-solution'] as unknown as {
    id: string;
    name: string;
    definition: string;
  }[];
  const answers = {
    scenarioId: 'no-intent-new-workload',
    l2ReasonId: 'using-competitive-solution',
    detailedReason:
      'Customer does not intend to use Slack replacement because they use Slack everywhere.',
    engagementScenarioId: 'partner-led',
  };

  it('is empty today, as the playbook says "L3s coming soon"', () => {
    for (const list of Object.values(L3_REASONS)) assert.equal(list.length, 0);
  });

  describe('once an L3 is added', () => {
    beforeEach(() =>
      l3s.push({
        id: 'chat-platform',
        name: 'Chat platform',
        definition: 'Uses another chat platform.',
      }),
    );
    afterEach(() => l3s.splice(0));

    it('shows the chosen L3', () => {
      const result = deriveFtopFields({ ...answers, l3ReasonId: 'chat-platform' });
      assert.ok(result.ok);
      assert.equal(result.derivation.fields.l3, 'Chat platform');
      assert.equal(result.derivation.l3ReasonId, 'chat-platform');
    });

    it('requires one', () => {
      const result = deriveFtopFields(answers);
      assert.ok(!result.ok);
      assert.deepEqual(
        result.problems.map((p) => p.code),
        ['l3-missing'],
      );
    });

    it('rejects an unknown one', () => {
      const result = deriveFtopFields({ ...answers, l3ReasonId: 'fax' });
      assert.ok(!result.ok);
      assert.deepEqual(
        result.problems.map((p) => p.code),
        ['l3-unknown'],
      );
    });

    it("keeps an existing record's L3 in scenario 5", () => {
      const result = deriveFtopFields(
        { scenarioId: 'new-subscriptions-under-no-intent', engagementScenarioId: 'partner-led' },
        { l2ReasonId: 'using-competitive-solution', l3ReasonId: 'chat-platform', notes: 'n' },
      );
      assert.ok(result.ok);
      assert.equal(result.derivation.fields.l3, 'Chat platform');
    });
  });
});
