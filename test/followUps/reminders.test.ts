/**
 * Follow-ups with the clock injected: each reminder at its time and not before, in the reader's
 * working hours and time zone; managers' digests, escalation, delegation; FMs' kickoff, FTOP and
 * rejection reminders; re-validation; snooze and turning off; a 403; and exactly once across
 * instances and a restart.
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import {
  deliverDueReminders,
  type DeliveryDeps,
} from '../../src/application/followUps/deliverReminders';
import type { ManagerPolicy } from '../../src/application/managerPolicy';
import {
  startConnectorSink,
  type ConnectorSink,
  type SentActivity,
} from '../support/connectorSink';
import {
  ACCOUNT_TEAM,
  AVERY,
  botUnderTest,
  FmConversation,
  installInAccountTeam,
  MORGAN,
  NOTICES_CHANNEL,
  type BotUnderTest,
  type TestUser,
} from '../support/fmConversation';
import { freshDatabase, type TestDatabase } from '../support/localCosmos';
import { latestDeclaration, partitionOf } from '../support/ledgerReads';

const TAYLOR: TestUser = {
  id: '29:taylor',
  name: 'Taylor Brooks',
  aadObjectId: '00000000-0000-0000-0000-00000000d004',
};
/** Morgan decides everywhere (a global manager); Taylor manages the account team's team. */
const POLICY: ManagerPolicy = {
  everywhere: [MORGAN.aadObjectId],
  perTeam: { [ACCOUNT_TEAM.teamId]: [TAYLOR.aadObjectId] },
};
const NO_INTENT = {
  l2ReasonId: 'using-competitive-solution',
  detailedReason:
    'Customer does not intend to use Exchange Online because every mailbox runs on Google Workspace under a contract to 2029.',
  engagementScenarioId: 'customer-led',
};
/** Monday 23 November 2026, 10:00 UTC. */
const MONDAY = '2026-11-23T10:00:00.000Z';

describe('follow-ups: reminders, escalation and re-validation', function () {
  this.timeout(60_000);
  let connector: ConnectorSink;
  let db: TestDatabase;
  let target: BotUnderTest;
  let fm: FmConversation;
  let nowMs: number;
  const now = () => new Date(nowMs);
  const at = (iso: string) => {
    nowMs = Date.parse(iso);
  };

  before(async () => {
    connector = await startConnectorSink();
  });
  after(() => connector.close());
  beforeEach(async () => {
    at(MONDAY);
    connector.sent.splice(0);
    connector.team.members = [AVERY.aadObjectId, TAYLOR.aadObjectId, MORGAN.aadObjectId];
    db = await freshDatabase();
    await installInAccountTeam(db, connector);
    target = botUnderTest(db, { connector, managers: POLICY, now });
    fm = new FmConversation(target);
  });

  function delivery(bot: BotUnderTest = target): DeliveryDeps {
    return { ...bot.effectDeps, log: () => undefined };
  }

  /** What every instance does on its timer: due follow-ups, then due reminders. */
  async function tick(bot: BotUnderTest = target) {
    await bot.effects.sweep();
    await bot.effects.idle();
    return deliverDueReminders(delivery(bot));
  }

  async function declareNoIntent(conversation = fm) {
    await conversation.declareUntilSummary('no-intent-at-assignment', NO_INTENT);
    await conversation.tap('keepReason').catch(() => undefined);
    await conversation.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
    await target.effects.idle();
  }

  /** The cards the bot sent proactively to one person, oldest first. */
  function cardsTo(person: TestUser | 'fm'): string[] {
    return connector.sent
      .filter((s) => s.status >= 200 && s.status < 300 && reaches(s, person))
      .map((s) => JSON.stringify(attachmentsOf(s)));
  }

  function reaches(s: SentActivity, person: TestUser | 'fm'): boolean {
    if (s.method !== 'POST') return false;
    const path = decodeURIComponent(s.path);
    if (person === 'fm') return path.includes('/personal-avery/');
    if (path === '/v3/conversations') {
      return (s.body.members as { id?: string }[] | undefined)?.[0]?.id === person.aadObjectId;
    }
    // Later sends go to their own chat with the bot, or to the one a first send opened.
    const opened = connector.sent
      .filter((c) => c.path === '/v3/conversations' && reaches(c, person))
      .map((c) => `/v3/conversations/19:thread-${c.id}@thread.tacv2;messageid=${c.id}/`);
    return (
      path.includes(`/personal-${person.id.slice(3)}/`) ||
      opened.some((prefix) => path.startsWith(prefix))
    );
  }

  function attachmentsOf(s: SentActivity): unknown {
    const activity = (s.body.activity as Partial<Activity> | undefined) ?? s.body;
    return activity.attachments;
  }

  const digests = (person: TestUser) => cardsTo(person).filter((c) => c.includes('Reminder:'));

  it('reminds the team managers after two working days, in their working hours, once a day', async () => {
    await declareNoIntent();
    // Tuesday: one working day. Nothing for the managers yet.
    at('2026-11-24T10:00:00.000Z');
    await tick();
    assert.equal(digests(TAYLOR).length, 0, 'not before two working days');

    // Taylor works in Seattle: 10:00 UTC on Wednesday is 02:00 there.
    const taylor = new FmConversation(target, TAYLOR, 'personal-taylor');
    await taylor.say('help', { localTimezone: 'America/Los_Angeles' } as Partial<Activity>);
    await target.bot.idle();
    at('2026-11-25T10:00:00.000Z');
    await tick();
    assert.equal(digests(TAYLOR).length, 0, 'not at night in Seattle');
    assert.equal(digests(MORGAN).length, 0, 'the team has its own manager');

    at('2026-11-25T17:05:00.000Z'); // 09:05 in Seattle
    await tick();
    const [digest] = cardsTo(TAYLOR).filter((c) => c.includes('Reminder:'));
    assert.ok(digest, 'the digest in the morning there');
    assert.match(digest, /Contoso Ltd/);
    assert.match(digest, /confirmDeclaration/, 'with the decision buttons');
    assert.match(digest, /Waiting for 2 working days/);
    assert.match(digest, /Hand to another manager/);
    assert.match(digest, /Snooze these reminders for a week/);

    await tick();
    at('2026-11-25T23:00:00.000Z');
    await tick();
    assert.equal(digests(TAYLOR).length, 1, 'once that day');

    // Another change redraws the digest in place: it stays a reminder, with its buttons.
    const other = new FmConversation(target, AVERY);
    await other.declareUntilSummary(
      'no-intent-at-assignment',
      NO_INTENT,
      'onedrive',
      'Fabrikam Inc',
      '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d',
    );
    await other.tap('keepReason').catch(() => undefined);
    await other.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
    await target.effects.idle();
    const redrawn = connector.sent.filter(
      (s) => s.method === 'PUT' && JSON.stringify(s.body).includes(TAYLOR.aadObjectId),
    );
    assert.ok(redrawn.length > 0, 'the digest was redrawn');
    assert.match(JSON.stringify(redrawn.at(-1)!.body), /Reminder:.*Snooze these reminders/);

    at('2026-11-26T17:01:00.000Z'); // Thursday morning in Seattle
    await tick();
    assert.equal(digests(TAYLOR).length, 2, 'again the next working morning, while it waits');
  });

  it('one digest a day however many declarations wait, and none once they are decided', async () => {
    await declareNoIntent();
    const second = new FmConversation(target, AVERY);
    await second.declareUntilSummary(
      'no-intent-at-assignment',
      NO_INTENT,
      'onedrive',
      'Fabrikam Inc',
      '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d',
    );
    await second.tap('keepReason').catch(() => undefined);
    await second.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
    await target.effects.idle();
    at('2026-11-25T10:00:00.000Z');
    await tick();
    const [digest] = digests(TAYLOR);
    assert.equal(digests(TAYLOR).length, 1);
    assert.match(digest!, /2 declarations wait for your decision/);
    assert.match(digest!, /Contoso Ltd/);
    assert.match(digest!, /Fabrikam Inc/);

    // Taylor decides both; the next morning brings nothing.
    for (const declaration of (await partitionOf(db)).declarations) {
      await new FmConversation(target, TAYLOR, 'personal-taylor').submit({
        action: 'confirmDeclaration',
        source: 'list',
        tenantId: declaration.tenantId,
        declarationId: declaration.declarationId,
      });
    }
    const fabrikam = (await partitionOf(db, '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d')).declarations;
    for (const declaration of fabrikam) {
      await new FmConversation(target, TAYLOR, 'personal-taylor').submit({
        action: 'confirmDeclaration',
        source: 'list',
        tenantId: declaration.tenantId,
        declarationId: declaration.declarationId,
      });
    }
    await target.effects.idle();
    at('2026-11-26T10:00:00.000Z');
    await tick();
    assert.equal(digests(TAYLOR).length, 1, 'nothing waits: no reminder');
  });

  it('the digest shows what it reminds of, however many newer declarations wait', async () => {
    await declareNoIntent();
    // Wednesday morning, before the reminders go out, ten newer declarations.
    at('2026-11-25T08:00:00.000Z');
    for (let i = 0; i < 10; i += 1) {
      const other = new FmConversation(target, AVERY);
      const tenant = `1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c${String(i).padStart(2, '0')}`;
      await other.declareUntilSummary(
        'no-intent-at-assignment',
        NO_INTENT,
        'onedrive',
        `Newer customer ${i}`,
        tenant,
      );
      await other.tap('keepReason').catch(() => undefined);
      await other.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
    }
    await target.effects.idle();
    at('2026-11-25T10:00:00.000Z');
    await tick();
    const [digest] = digests(TAYLOR);
    assert.match(digest!, /Contoso Ltd/, 'the one it reminds of is on it');
    assert.match(digest!, /1 declaration waits for your decision/);
  });

  it('escalates to the global managers after five working days, and the FM sees it', async () => {
    await declareNoIntent();
    at('2026-11-27T10:00:00.000Z'); // Friday: four working days
    await tick();
    assert.equal(digests(MORGAN).length, 0);
    at('2026-11-30T10:00:00.000Z'); // Monday: five
    await tick();
    const [escalation] = digests(MORGAN);
    assert.ok(escalation, 'the global manager gets it');
    assert.match(escalation, /escalated to you/);
    assert.match(escalation, /escalated to the global managers/);
    const fmCards = cardsTo('fm');
    assert.ok(
      fmCards.some((c) => c.includes('escalated to your organisation')),
      'the FM is told in a new card',
    );
  });

  it('a manager hands a decision to another manager: recorded, and only they are reminded', async () => {
    await declareNoIntent();
    at('2026-11-25T10:00:00.000Z');
    await tick();
    assert.equal(digests(TAYLOR).length, 1);
    const declaration = await latestDeclaration(db);
    const taylor = new FmConversation(target, TAYLOR, 'personal-taylor');
    await taylor.submit({
      action: 'delegateDecision',
      source: 'list',
      tenantId: declaration.tenantId,
      declarationId: declaration.declarationId,
      [`delegateTo-${declaration.declarationId}`]: MORGAN.aadObjectId,
    });
    assert.match(taylor.text(), /You handed Contoso Ltd to Team member/);
    assert.match(
      taylor.text(),
      /Handed to Team member by you/,
      'still on the list, saying to whom',
    );
    await target.effects.idle();
    const [entitlement] = (await partitionOf(db)).entitlements;
    const handed = entitlement?.history.at(-1);
    assert.equal(handed?.kind, 'delegated');
    assert.equal(handed?.by.aadObjectId, TAYLOR.aadObjectId);
    assert.equal((await latestDeclaration(db)).delegation?.to.aadObjectId, MORGAN.aadObjectId);

    await tick();
    assert.equal(digests(MORGAN).length, 1, 'the one it was handed to hears of it');
    at('2026-11-26T10:00:00.000Z');
    await tick();
    assert.equal(digests(TAYLOR).length, 1, 'the one who handed it over no longer');
    assert.equal(digests(MORGAN).length, 2);

    // Only a manager may be chosen.
    await taylor.submit({
      action: 'delegateDecision',
      source: 'list',
      tenantId: declaration.tenantId,
      declarationId: declaration.declarationId,
      [`delegateTo-${declaration.declarationId}`]: AVERY.aadObjectId,
    });
    assert.match(taylor.text(), /Only a manager who may decide|not a manager/);
  });

  it('reminds the FM on the kickoff day, in their morning, and not before', async () => {
    await fm.say('help', { localTimezone: 'Asia/Tokyo' } as Partial<Activity>);
    await fm.declareUntilSummary('declines-fasttrack-center', {
      engagementScenarioId: 'partner-led',
      kickoffDate: '2026-11-26',
    });
    await fm.tap('confirm');
    await target.effects.idle();
    await target.bot.idle();
    const kickoff = () => cardsTo('fm').filter((c) => c.includes('Delivery Assignment is due'));
    at('2026-11-25T14:59:00.000Z'); // 23:59 on the 25th in Tokyo
    await tick();
    assert.equal(kickoff().length, 0, 'not the day before');
    at('2026-11-26T00:00:00.000Z'); // 09:00 on the 26th in Tokyo
    await tick();
    assert.equal(kickoff().length, 1, 'that morning');
    assert.match(kickoff()[0]!, /Delivery Assignment/);
    at('2026-11-27T00:00:00.000Z');
    await tick();
    assert.equal(kickoff().length, 1, 'once');

    // Snoozed from its card after it came, it comes back a week later, once.
    const declaration = await latestDeclaration(db);
    await fm.submit({
      action: 'snoozeReminder',
      keys: `kickoff:${declaration.declarationId}`,
      source: 'reminder',
    });
    assert.match(fm.text(), /Snoozed: this reminder comes back on 2026-12-04/);
    at('2026-12-03T00:00:00.000Z');
    await tick();
    assert.equal(kickoff().length, 1, 'not before the week is out');
    at('2026-12-04T00:00:00.000Z');
    await tick();
    assert.equal(kickoff().length, 2, 'back after it');
    at('2026-12-07T00:00:00.000Z');
    await tick();
    assert.equal(kickoff().length, 2, 'and once');
  });

  it('values not marked entered are reminded once, a working day after saving', async () => {
    await declareNoIntent();
    const ftop = () => cardsTo('fm').filter((c) => c.includes('Values not yet entered in FTOP'));
    at('2026-11-24T09:59:00.000Z');
    await tick();
    assert.equal(ftop().length, 0, 'not before a working day');
    at('2026-11-24T10:00:00.000Z');
    await tick();
    assert.equal(ftop().length, 1);
    at('2026-11-25T10:00:00.000Z');
    await tick();
    assert.equal(ftop().length, 1, 'once');
  });

  it('no FTOP reminder when the FM entered the values in time', async () => {
    await declareNoIntent();
    await fm.tap('enterInFtop');
    await target.effects.idle();
    at('2026-11-24T10:00:00.000Z');
    await tick();
    assert.equal(cardsTo('fm').filter((c) => c.includes('Values not yet entered')).length, 0);
  });

  it('a rejection nobody acted on is reminded once', async () => {
    await declareNoIntent();
    await fm.tap('enterInFtop');
    const declaration = await latestDeclaration(db);
    await new FmConversation(target, TAYLOR, 'personal-taylor').submit({
      action: 'rejectDeclaration',
      source: 'list',
      tenantId: declaration.tenantId,
      declarationId: declaration.declarationId,
      [`comment-${declaration.declarationId}`]: 'Name the contract.',
    });
    await target.effects.idle();
    const rejected = () => cardsTo('fm').filter((c) => c.includes('A rejected declaration waits'));
    at('2026-11-24T10:00:00.000Z');
    await tick();
    assert.equal(rejected().length, 1);
    assert.match(rejected()[0]!, /Name the contract/);
    assert.match(rejected()[0]!, /declareAgain/);
    at('2026-11-25T10:00:00.000Z');
    await tick();
    assert.equal(rejected().length, 1, 'once');
  });

  it('asks whether a confirmed No Intent still holds after 180 days; the answer is recorded', async () => {
    await declareNoIntent();
    const declaration = await latestDeclaration(db);
    await new FmConversation(target, TAYLOR, 'personal-taylor').submit({
      action: 'confirmDeclaration',
      source: 'list',
      tenantId: declaration.tenantId,
      declarationId: declaration.declarationId,
    });
    await fm.tap('enterInFtop').catch(() => undefined);
    await target.effects.idle();
    const question = () => cardsTo('fm').filter((c) => c.includes('still have no intent'));
    at('2027-05-21T10:00:00.000Z'); // 179 days on
    await tick();
    assert.equal(question().length, 0);
    at('2027-05-24T10:00:00.000Z'); // a Monday, 182 days on
    await tick();
    assert.equal(question().length, 1);
    assert.match(question()[0]!, /stillNoIntent/);

    await fm.submit({
      action: 'stillNoIntent',
      tenantId: declaration.tenantId,
      declarationId: declaration.declarationId,
    });
    assert.match(fm.text(), /still has no intent.*ask again on 2027-11-20/);
    const [entitlement] = (await partitionOf(db)).entitlements;
    assert.equal(entitlement?.history.at(-1)?.kind, 'validated');
    assert.equal(entitlement?.status?.fields.l1, 'No Intent', 'nothing in FTOP changes');

    // And again when that time comes: a re-validation is asked each time it comes due.
    at('2027-11-22T10:00:00.000Z');
    await tick();
    assert.equal(question().length, 2, 'asked again after another 180 days');

    // Another FM cannot answer for it.
    await new FmConversation(target, TAYLOR, 'personal-taylor').submit({
      action: 'stillNoIntent',
      tenantId: declaration.tenantId,
      declarationId: declaration.declarationId,
    });
    // "The customer now intends" starts the declaration with the customer filled in.
    await fm.submit({
      action: 'nowIntends',
      tenantId: declaration.tenantId,
      declarationId: declaration.declarationId,
    });
    assert.ok(fm.buttonData('chooseScenario'), 'the scenario step, customer known');
  });

  it('snoozing brings a reminder back a week later; turning a kind off stops it', async () => {
    await declareNoIntent();
    at('2026-11-25T10:00:00.000Z');
    await tick();
    const taylor = new FmConversation(target, TAYLOR, 'personal-taylor');
    await taylor.submit({
      action: 'snoozeReminder',
      keys: 'kind:decision-reminder',
      source: 'list',
    });
    assert.match(taylor.text(), /comes back on 2026-12-02/);
    for (const day of ['2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01']) {
      at(`${day}T10:00:00.000Z`);
      await tick();
    }
    assert.equal(digests(TAYLOR).length, 1, 'quiet for the week');
    at('2026-12-02T10:01:00.000Z');
    await tick();
    assert.equal(digests(TAYLOR).length, 2, 'back after it');

    await taylor.submit({
      action: 'switchReminders',
      kinds: 'decision-reminder',
      on: 'false',
      source: 'list',
    });
    assert.match(taylor.text(), /are off/);
    at('2026-12-03T10:00:00.000Z');
    await tick();
    assert.equal(digests(TAYLOR).length, 2, 'off');
    await taylor.say('reminders');
    assert.match(JSON.stringify(taylor.lastCard()), /Decisions waiting for you.*: off/);
    await taylor.submit({
      action: 'switchReminders',
      kinds: 'decision-reminder',
      on: 'true',
      source: 'settings',
    });
    at('2026-12-04T10:00:00.000Z');
    await tick();
    assert.equal(digests(TAYLOR).length, 3, 'on again');
  });

  it('refuses forged reminder buttons and changes nothing', async () => {
    const taylor = new FmConversation(target, TAYLOR, 'personal-taylor');
    for (const forged of [
      { action: 'snoozeReminder', keys: 'kind:everything' },
      { action: 'snoozeReminder', keys: 'x'.repeat(5000) },
      { action: 'switchReminders', kinds: 'decision-reminder', on: 'maybe' },
      { action: 'delegateDecision', tenantId: 'nope', declarationId: 'nope' },
      { action: 'stillNoIntent', tenantId: 42, declarationId: null },
    ]) {
      await taylor.submit(forged);
      assert.match(
        taylor.text(),
        /could not use that card.*Nothing changed/,
        JSON.stringify(forged).slice(0, 60),
      );
    }
    assert.equal(await db.reminders.read(TAYLOR.aadObjectId), undefined, 'nothing saved');
  });

  it('a 403 stops reminders to that person, recorded; back once they add the bot and write', async () => {
    // Taylor has chatted with the bot before: this instance remembers having seen them.
    const taylor = new FmConversation(target, TAYLOR, 'personal-taylor');
    await taylor.say('hi');
    await target.bot.idle();
    await declareNoIntent();
    await fm.tap('enterInFtop'); // no FTOP reminder: the digest is the only one due
    await target.effects.idle();
    at('2026-11-25T10:00:00.000Z');
    connector.failNext({ status: 403 });
    const report = await tick();
    assert.equal(report.blocked, 1);
    const inbox = await db.reminders.read(TAYLOR.aadObjectId);
    assert.ok(inbox?.blocked, 'recorded');
    assert.equal(inbox?.nextDeliveryAt, null);
    at('2026-11-26T10:00:00.000Z');
    await tick();
    assert.equal(digests(TAYLOR).length, 0, 'nothing more sent');

    // They add the bot again (Teams says so), then write.
    await taylor.send({
      type: 'conversationUpdate',
      membersAdded: [{ id: '28:no-intent-bot', name: 'No Intent' }],
    });
    await taylor.say('hi');
    await target.bot.idle();
    assert.equal((await db.reminders.read(TAYLOR.aadObjectId))?.blocked, null);
    at('2026-11-27T10:00:00.000Z');
    await tick();
    assert.equal(digests(TAYLOR).length, 1, 'reachable again');
  });

  it('asking for "reminders" in their chat resumes reminders Teams had refused', async () => {
    const taylor = new FmConversation(target, TAYLOR, 'personal-taylor');
    await taylor.say('hi');
    await target.bot.idle();
    const stored = await db.reminders.read(TAYLOR.aadObjectId);
    const { etag, ...inbox } = stored!;
    await db.reminders.save({ ...inbox, blocked: { at: MONDAY, reason: '403' } }, etag);
    await taylor.say('reminders');
    assert.equal((await db.reminders.read(TAYLOR.aadObjectId))?.blocked, null);
    assert.doesNotMatch(taylor.text(), /could not reach you/, 'the card says what holds now');
  });

  it('paces through a 429 with Retry-After and delivers once', async () => {
    await declareNoIntent();
    await fm.tap('enterInFtop'); // no FTOP reminder: the digest is the only one due
    await target.effects.idle();
    at('2026-11-25T10:00:00.000Z');
    await target.effects.sweep();
    connector.failNext({ status: 429, retryAfterSeconds: 0 });
    const report = await deliverDueReminders(delivery());
    assert.equal(report.reminders, 1);
    assert.equal(digests(TAYLOR).length, 1, 'sent once, after the 429');
    assert.ok(
      connector.sent.some((s) => s.status === 429),
      'Teams said 429 first',
    );
  });

  it('exactly once across two instances, and after a restart between saving and sending', async () => {
    await declareNoIntent();
    await fm.tap('enterInFtop'); // no FTOP reminder: the digest is the only one due
    await target.effects.idle();
    at('2026-11-25T10:00:00.000Z');
    const other = botUnderTest(db, { connector, managers: POLICY, now, instanceId: 'other' });
    // Both instances sweep at once: the follow-up is carried out once, the digest sent once.
    await Promise.all([target.effects.sweep(), other.effects.sweep()]);
    await Promise.all([target.effects.idle(), other.effects.idle()]);
    await Promise.all([deliverDueReminders(delivery()), deliverDueReminders(delivery(other))]);
    assert.equal(digests(TAYLOR).length, 1);
    assert.equal((await db.reminders.read(TAYLOR.aadObjectId))?.items.length, 1, 'one item');

    // The next morning the instance stops after marking the digest sent, before sending it.
    at('2026-11-26T10:00:00.000Z');
    connector.failNext({ status: 'drop' });
    await deliverDueReminders(delivery());
    const restarted = botUnderTest(db, {
      connector,
      managers: POLICY,
      now,
      instanceId: 'restarted',
    });
    await deliverDueReminders(delivery(restarted));
    await deliverDueReminders(delivery(restarted));
    assert.equal(digests(TAYLOR).length, 1, 'the one that may have arrived is not sent again');
    at('2026-11-27T10:00:00.000Z');
    await deliverDueReminders(delivery(restarted));
    assert.equal(digests(TAYLOR).length, 2, 'the next working day as usual');
  });
});
