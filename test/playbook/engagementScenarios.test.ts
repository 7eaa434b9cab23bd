import assert from 'node:assert/strict';
import { allowedEngagements, defaultEngagement } from '../../src/playbook/engagementScenarios';
import { findScenario, type Scenario } from '../../src/playbook/scenarios';

function scenario(id: string): Scenario {
  const found = findScenario(id);
  assert.ok(found);
  return found;
}

describe('engagement scenarios', () => {
  it('lets scenario 1 be only customer led or partner led', () => {
    assert.deepEqual(
      allowedEngagements(scenario('declines-fasttrack-center')).map((e) => e.id),
      ['customer-led', 'partner-led'],
    );
  });

  it('lets No Intent scenarios take any engagement, since it depends on other workloads', () => {
    assert.equal(allowedEngagements(scenario('no-intent-after-intent')).length, 4);
  });

  describe("the default offered from the customer's other workloads", () => {
    const cases: {
      name: string;
      others: Parameters<typeof defaultEngagement>[1];
      expected: string | undefined;
    }[] = [
      { name: 'none when there are no other records', others: [], expected: undefined },
      { name: 'the only engagement in use', others: ['partner-led'], expected: 'partner-led' },
      {
        name: 'the most used engagement',
        others: ['customer-led', 'partner-led', 'partner-led'],
        expected: 'partner-led',
      },
      {
        name: 'the newest on a tie',
        others: ['customer-led', 'partner-led'],
        expected: 'customer-led',
      },
      {
        name: 'ignores workloads with no engagement',
        others: ['not-applicable', 'not-applicable', 'fasttrack-center-led'],
        expected: 'fasttrack-center-led',
      },
      {
        name: 'none when no other workload is engaged',
        others: ['not-applicable'],
        expected: undefined,
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        assert.equal(defaultEngagement(scenario('no-intent-new-workload'), c.others), c.expected);
      });
    }

    it('offers no default for scenario 1, where the FM says who leads', () => {
      assert.equal(
        defaultEngagement(scenario('declines-fasttrack-center'), ['partner-led']),
        undefined,
      );
    });
  });
});
