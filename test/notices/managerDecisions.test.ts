import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import type { StoredNotice } from '../../src/application/notice';
import { useBotFixture } from '../support/botFixture';
import type { ConnectorSink } from '../support/connectorSink';
import {
  AVERY,
  CUSTOMER_TENANT,
  BLAKE,
  executeAction,
  FmConversation,
  MORGAN,
  NOTICES_CHANNEL,
  type BotUnderTest,
  type TestUser,
} from '../support/fmConversation';
import type { TestDatabase } from '../support/localCosmos';

const TENANT = CUSTOMER_TENANT;
const REASON =
  'Customer does not intend to use Exchange Online because the merger froze every IT project and the board sees no value.';
const TEAM_MANAGER: TestUser = {
  id: '29:riley',
  name: 'Riley Chen',
  aadObjectId: '00000000-0000-0000-0000-00000000d004',
};

/** The card (or message) the bot answered an invoke with. */
function invokeAnswer(replies: Partial<Activity>[]): { type: string; value: unknown } {
  const response = replies.find((r) => r.type === 'invokeResponse');
  assert.ok(response, 'an invoke response');
  const body = (response.value as { status: number; body: { type: string; value: unknown } }).body;
  return body;
}

describe('managers confirm or reject from the notice', () => {
  const fixture = useBotFixture({
    managers: {
      everywhere: [MORGAN.aadObjectId],
      perTeam: { '19:contoso-account-team@thread.tacv2': [TEAM_MANAGER.aadObjectId] },
    },
  });
  let connector: ConnectorSink;
  let db: TestDatabase;
  let target: BotUnderTest;
  let notice: StoredNotice;

  beforeEach(async () => {
    ({ connector, db, target } = fixture);
    const fm = new FmConversation(target, AVERY);
    await fm.declareUntilSummary(
      'no-intent-after-intent',
      {
        l2ReasonId: 'executive-sponsorship',
        detailedReason: REASON,
        engagementScenarioId: 'partner-led',
      },
      'exchange-online,onedrive',
    );
    await fm.tap('keepReason');
    await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
    const [record] = await db.repository.recordsOfCustomer(TENANT);
    notice = (await db.notices.readNotice(record!.declarationId))!;
    assert.equal(notice.delivery.status, 'posted');
    connector.sent.splice(0);
  });

  function inChannel(user: TestUser): FmConversation {
    return new FmConversation(target, user);
  }

  async function records() {
    return db.repository.recordsOfCustomer(TENANT);
  }

  it('a manager confirms: every record, the posted card for everyone, and the FM are updated', async () => {
    const morgan = inChannel(MORGAN);
    const answer = invokeAnswer(
      await morgan.send(executeAction('confirmDeclaration', { declarationId: notice.id })),
    );
    assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(answer.value), /Confirmed by Morgan Lee/);
    assert.doesNotMatch(JSON.stringify(answer.value), /confirmDeclaration/, 'no more buttons');
    for (const record of await records()) {
      assert.equal(record.status, 'confirmed');
      assert.deepEqual(
        record.history.map((h) => h.action),
        ['created', 'confirmed'],
      );
      assert.equal(record.history[1]?.by.name, 'Morgan Lee');
    }
    const update = connector.sent.find((s) => s.method === 'PUT');
    assert.ok(update, 'the posted card is updated for everyone');
    assert.equal(
      update.path,
      `/v3/conversations/${encodeURIComponent(notice.delivery.conversationId!)}/activities/${encodeURIComponent(notice.delivery.activityId!)}`,
    );
    assert.match(JSON.stringify(update.body), /Confirmed by Morgan Lee/);
    const toFm = connector.sent.find(
      (s) => s.method === 'POST' && s.path.startsWith('/v3/conversations/personal-avery'),
    );
    assert.ok(toFm, 'the FM is told in their personal chat');
    assert.match(JSON.stringify(toFm.body), /No Intent confirmed/);
  });

  it("a team's own manager may reject with a comment, which everyone sees", async () => {
    const riley = inChannel(TEAM_MANAGER);
    const answer = invokeAnswer(
      await riley.send(
        executeAction('rejectDeclaration', {
          declarationId: notice.id,
          comment: 'They signed for Teams last week.',
        }),
      ),
    );
    assert.match(JSON.stringify(answer.value), /Rejected by Riley Chen/);
    assert.match(JSON.stringify(answer.value), /They signed for Teams last week/);
    for (const record of await records()) {
      assert.equal(record.status, 'rejected');
      assert.equal(record.history[1]?.note, 'They signed for Teams last week.');
    }
  });

  it('anyone else is refused with a card that says why, and nothing changes', async () => {
    const blake = inChannel(BLAKE);
    const answer = invokeAnswer(
      await blake.send(executeAction('confirmDeclaration', { declarationId: notice.id })),
    );
    assert.match(JSON.stringify(answer.value), /You cannot decide this declaration/);
    assert.match(JSON.stringify(answer.value), /Only the managers of Contoso account team/);
    for (const record of await records()) assert.equal(record.status, 'awaiting-confirmation');
    assert.equal((await db.notices.readNotice(notice.id))?.decision, null);
    assert.equal(connector.sent.length, 0, 'nothing was posted or updated');
  });

  it('the FM cannot confirm their own declaration unless they are a manager', async () => {
    const avery = inChannel(AVERY);
    await avery.submit({ action: 'confirmDeclaration', declarationId: notice.id });
    assert.match(avery.text(), /You cannot decide this declaration/);
  });

  it('two managers tapping at once give one decision; the other sees who decided and when', async () => {
    const [first, second] = await Promise.all([
      inChannel(MORGAN).send(executeAction('confirmDeclaration', { declarationId: notice.id })),
      inChannel(TEAM_MANAGER).send(
        executeAction('rejectDeclaration', { declarationId: notice.id, comment: 'no' }),
      ),
    ]);
    const stored = (await db.notices.readNotice(notice.id))!;
    assert.ok(stored.decision);
    const winner = stored.decision.by.name;
    const outcome = stored.decision.outcome;
    for (const record of await records()) {
      assert.equal(record.status, outcome);
      assert.equal(record.history.length, 2, 'one decision in the history');
    }
    for (const answer of [invokeAnswer(first), invokeAnswer(second)]) {
      assert.match(JSON.stringify(answer.value), new RegExp(`by ${winner}`));
    }
  });

  it('a second tap after the decision changes nothing and shows the decision', async () => {
    await inChannel(MORGAN).send(executeAction('confirmDeclaration', { declarationId: notice.id }));
    const again = invokeAnswer(
      await inChannel(TEAM_MANAGER).send(
        executeAction('rejectDeclaration', { declarationId: notice.id }),
      ),
    );
    assert.match(JSON.stringify(again.value), /Confirmed by Morgan Lee/);
    for (const record of await records()) assert.equal(record.status, 'confirmed');
  });

  describe('the refresh that gives managers their own card', () => {
    for (const [who, user, buttons] of [
      ['a manager', MORGAN, true],
      ['a team manager', TEAM_MANAGER, true],
      ['someone else', BLAKE, false],
    ] as const) {
      it(`gives ${who} ${buttons ? 'the decision buttons' : 'the read-only card'}`, async () => {
        const answer = invokeAnswer(
          await inChannel(user).send(
            executeAction('refreshNotice', { declarationId: notice.id }, 'automatic'),
          ),
        );
        const card = JSON.stringify(answer.value);
        assert.equal(card.includes('"verb":"confirmDeclaration"'), buttons);
        assert.match(card, /No Intent declared/);
      });
    }

    it("lists the managers (global and the team's) in refresh.userIds of the posted card", async () => {
      await inChannel(MORGAN).send(
        executeAction('confirmDeclaration', { declarationId: notice.id }),
      );
      const update = connector.sent.find((s) => s.method === 'PUT')!;
      const card = (
        update.body as { attachments: { content: { refresh: { userIds: string[] } } }[] }
      ).attachments[0]!.content;
      assert.deepEqual(
        card.refresh.userIds.sort(),
        [MORGAN.aadObjectId, TEAM_MANAGER.aadObjectId].sort(),
      );
    });

    it("refuses someone else who taps the managers' entry button", async () => {
      const answer = invokeAnswer(
        await inChannel(BLAKE).send(
          executeAction('refreshNotice', { declarationId: notice.id }, 'manual'),
        ),
      );
      assert.match(JSON.stringify(answer.value), /You cannot decide this declaration/);
    });
  });

  describe('forged and odd actions change nothing', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['an unknown declaration', { declarationId: 'nope' }, /cannot find that declaration/],
      [
        'a comment over 500 characters',
        { declarationId: 'x', comment: 'y'.repeat(501) },
        /comment is too long/,
      ],
      ['a numeric id', { declarationId: 42 }, /cannot use/],
      ['no data at all', {}, /cannot use/],
    ];
    for (const [name, data, reply] of cases) {
      it(`refuses ${name}`, async () => {
        const answer = invokeAnswer(
          await inChannel(MORGAN).send(executeAction('confirmDeclaration', data)),
        );
        assert.equal(answer.type, 'application/vnd.microsoft.activity.message');
        assert.match(String(answer.value), reply);
        for (const record of await records()) assert.equal(record.status, 'awaiting-confirmation');
      });
    }

    it('refuses an unknown verb', async () => {
      const answer = invokeAnswer(
        await inChannel(MORGAN).send(
          executeAction('deleteEverything', { declarationId: notice.id }),
        ),
      );
      assert.match(String(answer.value), /do not know that action/);
    });
  });

  it('works without Universal Actions: the Submit fallback decides and replies with the card', async () => {
    const morgan = inChannel(MORGAN);
    await morgan.submit({ action: 'confirmDeclaration', declarationId: notice.id });
    assert.match(morgan.text(), /Confirmed by Morgan Lee/);
    for (const record of await records()) assert.equal(record.status, 'confirmed');
  });

  it("lists what awaits a manager's decision, and only to managers", async () => {
    const morgan = inChannel(MORGAN);
    await morgan.say('awaiting my decision');
    assert.match(morgan.text(), /Contoso Ltd/);
    assert.ok(morgan.buttonData('confirmDeclaration'));
    await morgan.tap('confirmDeclaration');
    await morgan.say('awaiting my decision');
    assert.match(morgan.text(), /Nothing is waiting for your decision/);
    const blake = inChannel(BLAKE);
    await blake.say('awaiting my decision');
    assert.match(blake.text(), /Nothing is waiting for your decision/);
  });
});
