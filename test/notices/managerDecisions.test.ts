import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import type { Declaration } from '../../src/application/declaration';
import { useBotFixture } from '../support/botFixture';
import type { ConnectorSink } from '../support/connectorSink';
import {
  AVERY,
  BLAKE,
  executeAction,
  FmConversation,
  MORGAN,
  NOTICES_CHANNEL,
  type BotUnderTest,
  type TestUser,
} from '../support/fmConversation';
import { latestDeclaration, partitionOf } from '../support/ledgerReads';
import type { TestDatabase } from '../support/localCosmos';

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
  return (response.value as { status: number; body: { type: string; value: unknown } }).body;
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
  let fm: FmConversation;
  let declaration: Declaration;
  let ids: { tenantId: string; declarationId: string };

  beforeEach(async () => {
    ({ connector, db, target, fm } = fixture);
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
    declaration = await latestDeclaration(db);
    ids = { tenantId: declaration.tenantId, declarationId: declaration.declarationId };
    const snapshot = await db.ledger.readDeclaration(ids.tenantId, ids.declarationId);
    assert.equal(snapshot?.messages.notice.status, 'posted');
    connector.sent.splice(0);
  });

  /** Each person in their own chat with the bot. */
  function as(user: TestUser): FmConversation {
    return new FmConversation(target, user, `personal-${user.id}`);
  }

  async function entitlements() {
    return (await partitionOf(db)).entitlements;
  }

  it('a manager confirms: the entitlements, the notice for everyone, and the FM card are updated', async () => {
    const answer = invokeAnswer(await as(MORGAN).send(executeAction('confirmDeclaration', ids)));
    assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(answer.value), /Confirmed by Morgan Lee/);
    assert.doesNotMatch(JSON.stringify(answer.value), /confirmDeclaration/, 'no more buttons');
    const { declarations, entitlements: all } = await partitionOf(db);
    assert.equal(declarations[0]?.state, 'confirmed');
    for (const entitlement of all) {
      assert.equal(entitlement.declaration?.state, 'confirmed');
      assert.equal(entitlement.before, null, 'nothing left to go back to');
      assert.deepEqual(
        entitlement.history.map((h) => h.kind),
        ['declared', 'confirmed'],
      );
      assert.equal(entitlement.history[1]?.by.name, 'Morgan Lee');
    }
    const snapshot = (await db.ledger.readDeclaration(ids.tenantId, ids.declarationId))!;
    const update = connector.sent.find(
      (s) =>
        s.method === 'PUT' &&
        s.path.includes(encodeURIComponent(snapshot.messages.notice.conversationId!)),
    );
    assert.ok(update, 'the posted card is updated for everyone');
    assert.match(JSON.stringify(update.body), /Confirmed by Morgan Lee/);
    // The FM hears it in a new live card; the one above is retired, so no stale button stays.
    assert.match(
      fm.screenText(),
      /Morgan Lee confirmed your No Intent declaration for Contoso Ltd/,
    );
    const cards = fm.screenCards().map((c) => JSON.stringify(c));
    assert.equal(cards.filter((c) => /"action":"withdraw"/.test(c)).length, 0);
    assert.match(cards[0]!, /card is out of date/);
    assert.deepEqual((await partitionOf(db)).outbox, [], 'every effect is done');
  });

  it("a team's own manager may reject with a comment; the FM is told exactly what to do", async () => {
    const answer = invokeAnswer(
      await as(TEAM_MANAGER).send(
        executeAction('rejectDeclaration', { ...ids, comment: 'They signed for Teams last week.' }),
      ),
    );
    assert.match(JSON.stringify(answer.value), /Rejected by Riley Chen/);
    assert.match(JSON.stringify(answer.value), /They signed for Teams last week/);
    for (const entitlement of await entitlements()) {
      assert.equal(entitlement.status, null, 'back to what the bot knew before: nothing');
      assert.equal(entitlement.closed?.outcome, 'rejected');
      assert.equal(entitlement.closed?.comment, 'They signed for Teams last week.');
      assert.equal(entitlement.history[1]?.comment, 'They signed for Teams last week.');
    }
    const news = fm.screenText();
    assert.match(news, /Riley Chen rejected your No Intent declaration/);
    assert.match(news, /Nothing to change in FTOP/, 'the values were never entered');
    assert.match(news, /Declare again/);
  });

  it('anyone else is refused with a card that says why, and nothing changes', async () => {
    const answer = invokeAnswer(await as(BLAKE).send(executeAction('confirmDeclaration', ids)));
    assert.match(JSON.stringify(answer.value), /You cannot decide this declaration/);
    assert.match(JSON.stringify(answer.value), /Only the managers of Contoso account team/);
    for (const entitlement of await entitlements()) {
      assert.equal(entitlement.declaration?.state, 'awaiting-decision');
    }
    assert.equal(connector.sent.length, 0, 'nothing was posted or updated');
  });

  it('the FM cannot confirm their own declaration unless they are a manager', async () => {
    const avery = as(AVERY);
    await avery.submit({ action: 'confirmDeclaration', ...ids });
    assert.match(avery.text(), /You cannot decide this declaration/);
  });

  it('two managers tapping at once give one decision; the other sees who decided and when', async () => {
    const [first, second] = await Promise.all([
      as(MORGAN).send(executeAction('confirmDeclaration', ids)),
      as(TEAM_MANAGER).send(executeAction('rejectDeclaration', { ...ids, comment: 'no' })),
    ]);
    const [stored] = (await partitionOf(db)).declarations;
    assert.ok(stored?.decision);
    const winner = stored.decision.by.name;
    for (const entitlement of await entitlements()) {
      assert.equal(entitlement.history.length, 2, 'one decision in the history');
    }
    for (const answer of [invokeAnswer(first), invokeAnswer(second)]) {
      assert.match(JSON.stringify(answer.value), new RegExp(`by ${winner}`));
    }
  });

  it('a second tap after the decision changes nothing and shows the decision', async () => {
    await as(MORGAN).send(executeAction('confirmDeclaration', ids));
    const again = invokeAnswer(
      await as(TEAM_MANAGER).send(executeAction('rejectDeclaration', ids)),
    );
    assert.match(JSON.stringify(again.value), /Confirmed by Morgan Lee/);
    for (const entitlement of await entitlements()) {
      assert.equal(entitlement.declaration?.state, 'confirmed');
    }
  });

  describe('the refresh that gives managers their own card', () => {
    for (const [who, user, buttons] of [
      ['a manager', MORGAN, true],
      ['a team manager', TEAM_MANAGER, true],
      ['someone else', BLAKE, false],
    ] as const) {
      it(`gives ${who} ${buttons ? 'the decision buttons' : 'the read-only card'}`, async () => {
        const answer = invokeAnswer(
          await as(user).send(executeAction('refreshNotice', ids, 'automatic')),
        );
        const card = JSON.stringify(answer.value);
        assert.equal(card.includes('"verb":"confirmDeclaration"'), buttons);
        assert.match(card, /No Intent declared/);
      });
    }

    it("lists the managers (global and the team's) in refresh.userIds of the posted card", async () => {
      await as(MORGAN).send(executeAction('confirmDeclaration', ids));
      const update = connector.sent.find(
        (s) => s.method === 'PUT' && JSON.stringify(s.body).includes('No Intent declared'),
      )!;
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
        await as(BLAKE).send(executeAction('refreshNotice', ids, 'manual')),
      );
      assert.match(JSON.stringify(answer.value), /You cannot decide this declaration/);
    });
  });

  describe('forged and odd actions change nothing', () => {
    const unknownId = '3f0a7b1c-0000-4000-8000-000000000000';
    const cases: [string, () => Record<string, unknown>, RegExp][] = [
      [
        'an unknown declaration',
        () => ({ ...ids, declarationId: unknownId }),
        /cannot find that declaration/,
      ],
      [
        'a comment over 500 characters',
        () => ({ ...ids, comment: 'y'.repeat(501) }),
        /comment is too long/,
      ],
      ['a numeric id', () => ({ ...ids, declarationId: 42 }), /does not name a declaration/],
      [
        'an id with a slash',
        () => ({ ...ids, declarationId: 'a/b' }),
        /does not name a declaration/,
      ],
      [
        'no tenant id (an earlier card)',
        () => ({ declarationId: ids.declarationId }),
        /earlier version/,
      ],
      ['no data at all', () => ({}), /does not name a declaration/],
    ];
    for (const [name, data, reply] of cases) {
      it(`refuses ${name}`, async () => {
        const answer = invokeAnswer(
          await as(MORGAN).send(executeAction('confirmDeclaration', data())),
        );
        assert.equal(answer.type, 'application/vnd.microsoft.activity.message');
        assert.match(String(answer.value), reply);
        for (const entitlement of await entitlements()) {
          assert.equal(entitlement.declaration?.state, 'awaiting-decision');
        }
      });
    }

    it('refuses an unknown verb', async () => {
      const answer = invokeAnswer(await as(MORGAN).send(executeAction('deleteEverything', ids)));
      assert.match(String(answer.value), /do not know that action/);
    });
  });

  it('works without Universal Actions: the Submit fallback decides and redraws the tapped card', async () => {
    const morgan = as(MORGAN);
    await morgan.submit({ action: 'confirmDeclaration', ...ids }, 'the-notice-card');
    assert.match(morgan.text(), /Confirmed by Morgan Lee/);
    assert.equal(morgan.replies[0]?.id, 'the-notice-card', 'redrawn in place, no copy posted');
    for (const entitlement of await entitlements()) {
      assert.equal(entitlement.declaration?.state, 'confirmed');
    }
  });

  it("lists what awaits a manager's decision, only to managers, and redraws it in place", async () => {
    const morgan = as(MORGAN);
    await morgan.say('awaiting my decision');
    assert.match(morgan.text(), /Contoso Ltd/);
    assert.match(morgan.text(), /Scenario 3/);
    await morgan.tap('confirmDeclaration');
    assert.match(morgan.text(), /You confirmed Contoso Ltd/);
    assert.match(morgan.text(), /Nothing is waiting for your decision/);
    assert.equal(morgan.screenCards().length, 1, 'the same list, redrawn');
    const blake = as(BLAKE);
    await blake.say('awaiting my decision');
    assert.match(blake.text(), /Nothing is waiting for your decision/);
  });

  it("keeps a manager's list on screen current when a decision is made elsewhere", async () => {
    const morgan = as(MORGAN);
    await morgan.say('awaiting my decision');
    assert.ok(morgan.buttonData('confirmDeclaration'));
    await as(TEAM_MANAGER).send(executeAction('confirmDeclaration', ids));
    // Teams shows the list in Morgan's chat; the loopback connector received its update.
    const update = connector.sent.find(
      (s) => s.method === 'PUT' && JSON.stringify(s.body).includes('awaiting your decision'),
    );
    assert.ok(update, 'the list was redrawn');
    assert.match(JSON.stringify(update.body), /Nothing is waiting for your decision/);
  });
});
