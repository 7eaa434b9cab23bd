/**
 * Posts whose outcome the bot cannot know: Teams took the notice but the answer was lost (the
 * connection dropped) or replaced by a gateway error (502, 504). Before posting again the bot
 * looks in the channel (Microsoft Graph, played by the connector sink) for its own notice. The
 * same failures without that lookup are measured too: what the fallback costs.
 */
import assert from 'node:assert/strict';
import type { EffectSettings } from '../../src/application/sideEffects';
import { startConnectorSink, type ConnectorSink, type Fault } from '../support/connectorSink';
import {
  botUnderTest,
  FmConversation,
  installInAccountTeam,
  NOTICES_CHANNEL,
} from '../support/fmConversation';
import { partitionOf } from '../support/ledgerReads';
import { freshDatabase, type TestDatabase } from '../support/localCosmos';

const ANSWERS = {
  l2ReasonId: 'executive-sponsorship',
  detailedReason:
    'Customer does not intend to use Intune because the merger froze every IT project and the board sees no value in device management.',
  engagementScenarioId: 'customer-led',
};

/** The three ways a post can reach Teams without the bot hearing so, each three times. */
const AMBIGUOUS: readonly Fault[] = (
  [
    { status: 'drop', accepted: true },
    { status: 502, accepted: true },
    { status: 504, accepted: true },
  ] satisfies Fault[]
).flatMap((fault) => [fault, fault, fault]);

describe('posts that may have reached Teams', () => {
  let connector: ConnectorSink;
  let db: TestDatabase;

  before(async () => {
    connector = await startConnectorSink();
  });
  after(() => connector.close());
  beforeEach(async () => {
    connector.sent.splice(0);
    connector.graphStatus = 200;
    db = await freshDatabase();
    await installInAccountTeam(db, connector);
  });

  /** One declaration per fault, each saved by a different FM; the notices each leaves. */
  async function noticesPerDeclaration(options: {
    readLookup: boolean;
    effects?: Partial<EffectSettings>;
  }): Promise<number[]> {
    const graph = options.readLookup
      ? { baseUrl: connector.graphUrl, token: async () => undefined }
      : undefined;
    const target = botUnderTest(db, { connector, graph, effects: options.effects });
    const counts: number[] = [];
    for (const [index, fault] of AMBIGUOUS.entries()) {
      const fm = new FmConversation(target, undefined, `personal-fm-${index}`);
      const tenantId = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
      await fm.declareUntilSummary(
        'no-intent-new-workload',
        ANSWERS,
        'intune',
        'Contoso',
        tenantId,
      );
      const before = connector.threads().length;
      connector.failNext(fault);
      await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
      await target.effects.sweep();
      await target.effects.idle();
      counts.push(connector.threads().length - before);
    }
    return counts;
  }

  it('with the lookup: 9 ambiguous failures leave 9 notices, each recorded where it is', async () => {
    const counts = await noticesPerDeclaration({ readLookup: true });
    assert.deepEqual(
      counts,
      AMBIGUOUS.map(() => 1),
      'no notice doubled, none lost',
    );
    const { messages } = await partitionOf(db, '00000000-0000-4000-8000-000000000000');
    assert.equal(messages[0]?.notice.status, 'posted');
    assert.match(messages[0]?.notice.conversationId ?? '', /;messageid=/);
  });

  it('with the lookup, from a sweep on a later run: still one notice each', async () => {
    const counts = await noticesPerDeclaration({
      readLookup: true,
      effects: { attemptsPerRun: 1, sweepDelayMs: 0 },
    });
    assert.deepEqual(
      counts,
      AMBIGUOUS.map(() => 1),
    );
  });

  it('without it (no Graph, or no consent): the fallback posts again, so each is doubled', async () => {
    // Measured, not wished: this is what the lookup removes. A notice is never lost.
    const noGraph = await noticesPerDeclaration({ readLookup: false });
    assert.deepEqual(
      noGraph,
      AMBIGUOUS.map(() => 2),
    );
    connector.graphStatus = 403;
    db = await freshDatabase();
    await installInAccountTeam(db, connector);
    const noConsent = await noticesPerDeclaration({ readLookup: true });
    assert.deepEqual(
      noConsent,
      AMBIGUOUS.map(() => 2),
    );
  });

  it('a post that failed for sure (503, 429) is not looked for: one notice, no Graph call', async () => {
    const graph = { baseUrl: connector.graphUrl, token: async () => undefined };
    const target = botUnderTest(db, { connector, graph });
    const fm = new FmConversation(target);
    await fm.declareUntilSummary('no-intent-new-workload', ANSWERS, 'intune');
    connector.failNext({ status: 503 }, { status: 429, retryAfterSeconds: 0 });
    await fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
    assert.equal(connector.threads().length, 1);
    assert.equal(
      connector.sent.filter((s) => s.path.startsWith('/graph/')).length,
      0,
      'the channel was not read',
    );
  });
});
