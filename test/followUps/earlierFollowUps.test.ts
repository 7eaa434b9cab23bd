/** Declarations saved before follow-ups existed get theirs once, as if scheduled back then. */
import assert from 'node:assert/strict';
import { scheduleEarlierFollowUps } from '../../src/application/followUps/scheduleEarlierFollowUps';
import { DEFAULT_FOLLOW_UPS } from '../../src/application/followUps/followUpRules';
import { CONTAINERS } from '../../src/edges/cosmos/cosmosContainers';
import { useBotFixture } from '../support/botFixture';
import { NOTICES_CHANNEL } from '../support/fmConversation';
import { partitionOf } from '../support/ledgerReads';

describe('follow-ups of earlier declarations', () => {
  const fixture = useBotFixture();

  it('are scheduled once, with the due dates the declaration would have had', async () => {
    await fixture.fm.declareUntilSummary('no-intent-at-assignment', {
      l2ReasonId: 'using-competitive-solution',
      detailedReason:
        'Customer does not intend to use Exchange Online because every mailbox runs on Google Workspace under a contract to 2029.',
      engagementScenarioId: 'customer-led',
    });
    await fixture.fm.tap('keepReason').catch(() => undefined);
    await fixture.fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
    await fixture.target.effects.idle();
    const { db } = fixture;
    const scheduled = (await partitionOf(db)).followUps;
    assert.equal(scheduled.length, 3, 'decision reminder, escalation, FTOP values');
    // As a ledger written before follow-ups existed: none.
    const ledger = db.database.container(CONTAINERS.ledger.id);
    for (const entry of scheduled) await ledger.item(entry.id, entry.tenantId).delete();

    const deps = {
      ledger: db.ledger,
      reminders: db.reminders,
      now: () => new Date(),
      followUps: DEFAULT_FOLLOW_UPS,
    };
    assert.equal(await scheduleEarlierFollowUps(deps), 1, 'one declaration');
    const rescheduled = (await partitionOf(db)).followUps;
    const shape = (entries: typeof scheduled) =>
      entries.map((e) => [e.id, e.dueAt]).sort((a, b) => a[0]!.localeCompare(b[0]!));
    assert.deepEqual(shape(rescheduled), shape(scheduled));
    assert.equal(await scheduleEarlierFollowUps(deps), 0, 'and only once');
  });
});
