/**
 * The people of a benchmark, speaking the Bot Framework protocol over loopback HTTP as Teams
 * would: an FM who declares No Intent card by card, the manager who confirms it in the channel,
 * and, for the floors, a person who just chats. Replies reach the loopback connector sink; each
 * turn is checked, so a benchmark never measures a bot that answers with errors.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { findActionData, latestActionData } from '../../test/support/cardActions';
import type { ConnectorSink, SentActivity } from '../../test/support/connectorSink';

export const ORG_TENANT = '6d3a4b2c-1e5f-4a7b-9c8d-0f1e2d3c4b5a';
const TEAM_ID = '19:bench-account-team@thread.tacv2';
const NOTICES_CHANNEL_ID = '19:bench-no-intent-notices@thread.tacv2';
export const MANAGER_AAD_OBJECT_ID = '00000000-0000-0000-0000-00000000c0de';
const MANAGER = { id: '29:bench-manager', name: 'Morgan Lee', aadObjectId: MANAGER_AAD_OBJECT_ID };
const BOT = { id: '28:bench-bot', name: 'No Intent' };

/** Turns in one declaration: declare, customer, scenario, answers, confirm, manager's decision. */
export const TURNS_PER_DECLARATION = 6;

/** Receives the latency of every turn, in milliseconds. */
export type TurnRecorder = (latencyMs: number) => void;

export interface BotEndpoint {
  /** The bot's base URL, e.g. http://127.0.0.1:PORT. */
  readonly url: string;
  readonly sink: ConnectorSink;
}

interface TurnResult {
  readonly body: string;
  /** What the bot sent to this conversation during the turn. */
  readonly replies: SentActivity[];
}

async function sendTurn(
  bot: BotEndpoint,
  activity: Record<string, unknown> & { conversation: { id: string } & Record<string, unknown> },
  record?: TurnRecorder,
): Promise<TurnResult> {
  const before = bot.sink.sent.length;
  const started = performance.now();
  const response = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: bot.sink.serviceUrl,
      recipient: BOT,
      timestamp: new Date().toISOString(),
      ...activity,
    }),
  });
  const body = await response.text();
  record?.(performance.now() - started);
  if (!response.ok) throw new Error(`The bot answered ${response.status}: ${body.slice(0, 500)}`);
  // New messages and messages redrawn in place in this conversation.
  const path = `/v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities`;
  const replies = bot.sink.sent
    .slice(before)
    .filter((s) => s.status < 300 && (s.path === path || s.path.startsWith(`${path}/`)));
  return { body, replies };
}

/** Adds the bot to the account team, as Teams tells it when an owner installs it there. */
export async function installInAccountTeam(bot: BotEndpoint): Promise<void> {
  bot.sink.team.name = 'Contoso account team';
  bot.sink.team.channels = [{ id: TEAM_ID }, { id: NOTICES_CHANNEL_ID, name: 'No Intent notices' }];
  await sendTurn(bot, {
    type: 'installationUpdate',
    action: 'add',
    from: { id: '29:bench-owner', aadObjectId: '00000000-0000-0000-0000-0000000000f1' },
    conversation: { id: TEAM_ID, conversationType: 'channel', tenantId: ORG_TENANT, isGroup: true },
    channelData: { team: { id: TEAM_ID }, tenant: { id: ORG_TENANT } },
  });
}

/** One FM in their personal chat with the bot. */
export class SimulatedFm {
  private readonly person;
  private readonly conversation;

  constructor(
    private readonly bot: BotEndpoint,
    index: number,
  ) {
    const suffix = index.toString(16).padStart(12, '0');
    this.person = {
      id: `29:bench-fm-${index}`,
      name: `Bench FM ${index}`,
      aadObjectId: `00000000-0000-4000-8000-${suffix}`,
    };
    this.conversation = {
      id: `a:bench-fm-${index}`,
      conversationType: 'personal',
      tenantId: ORG_TENANT,
    };
  }

  /**
   * A complete No Intent declaration for a new customer, then the manager's confirmation in
   * the channel. `onTurn` runs after each turn, e.g. to read the bot's Cosmos counters.
   */
  async declare(record?: TurnRecorder, onTurn?: (turn: string) => Promise<void>): Promise<void> {
    const customerName = `Bench customer ${randomUUID()}`;
    const after = async (turn: string) => onTurn?.(turn);
    let cards = await this.say({ text: 'declare' }, record);
    await after('declare');
    cards = await this.tap(cards, 'submitCustomer', record, {
      customerName,
      tenantId: randomUUID(),
      workloadIds: 'exchange-online,onedrive',
    });
    await after('customer and workloads');
    cards = await this.tap(cards, 'chooseScenario', record, {
      scenarioId: 'no-intent-at-assignment',
    });
    await after('scenario');
    cards = await this.tap(cards, 'submitAnswers', record, {
      l2ReasonId: 'executive-sponsorship',
      detailedReason:
        'Customer does not intend to use either workload because the board froze all IT projects after the merger; unresponsive since.',
      engagementScenarioId: 'partner-led',
    });
    await after('answers');
    const saved = await this.tap(cards, 'confirm', record, {
      noticeChannel: `${TEAM_ID}|${NOTICES_CHANNEL_ID}`,
    });
    expect(saved, /notice is posted in/, 'the confirm turn');
    await after('confirm');
    await this.managerConfirms(customerName, record);
    await after("manager's confirmation");
  }

  private async managerConfirms(customerName: string, record?: TurnRecorder): Promise<void> {
    const thread = this.bot.sink
      .threads()
      .find((t) => JSON.stringify(t.body).includes(customerName));
    if (!thread) throw new Error(`No notice was posted for ${customerName}.`);
    const ids = findActionData(thread.body, (data) => 'declarationId' in data);
    const declarationId = ids?.declarationId as string | undefined;
    if (!declarationId) throw new Error('The posted notice names no declaration.');
    const channelConversation = {
      id: `${NOTICES_CHANNEL_ID};messageid=${declarationId}`,
      conversationType: 'channel',
      tenantId: ORG_TENANT,
      isGroup: true,
    };
    const { body } = await sendTurn(
      this.bot,
      {
        type: 'invoke',
        name: 'adaptiveCard/action',
        from: MANAGER,
        conversation: channelConversation,
        channelData: {
          team: { id: TEAM_ID },
          channel: { id: NOTICES_CHANNEL_ID },
          tenant: { id: ORG_TENANT },
        },
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'confirmDeclaration',
            data: { declarationId, tenantId: ids?.tenantId },
          },
          trigger: 'manual',
        },
      },
      record,
    );
    if (!/Confirmed by Morgan Lee/.test(body)) {
      throw new Error(`The manager's confirmation was not taken: ${body.slice(0, 500)}`);
    }
  }

  private async say(
    activity: Record<string, unknown>,
    record?: TurnRecorder,
  ): Promise<SentActivity[]> {
    const { replies } = await sendTurn(
      this.bot,
      {
        type: 'message',
        from: this.person,
        conversation: this.conversation,
        channelData: { tenant: { id: ORG_TENANT } },
        ...activity,
      },
      record,
    );
    return replies;
  }

  /**
   * Taps the button with this action on the last turn's cards, with the inputs filled in, naming
   * the card in replyToId as Teams does: the bot redraws that card in place.
   */
  private async tap(
    replies: SentActivity[],
    action: string,
    record: TurnRecorder | undefined,
    inputs: Record<string, unknown>,
  ): Promise<SentActivity[]> {
    for (const reply of [...replies].reverse()) {
      const data = latestActionData([reply.body], action);
      if (data) {
        return this.say({ value: { ...data, ...inputs }, replyToId: messageIdOf(reply) }, record);
      }
    }
    const said = replies.map((r) => JSON.stringify(r.body)).join('\n');
    throw new Error(`Expected a "${action}" button; the bot sent:\n${said.slice(0, 2000)}`);
  }
}

/** Someone chatting with a floor bot, turn after turn. */
export class SimulatedChatter {
  private readonly person;
  private readonly conversation;

  constructor(
    private readonly bot: BotEndpoint,
    index: number,
  ) {
    this.person = { id: `29:bench-chatter-${index}`, name: `Chatter ${index}` };
    this.conversation = {
      id: `a:bench-chatter-${index}`,
      conversationType: 'personal',
      tenantId: ORG_TENANT,
    };
  }

  /** As many turns as one declaration takes. */
  async chat(record?: TurnRecorder): Promise<void> {
    for (let turn = 1; turn <= TURNS_PER_DECLARATION; turn += 1) {
      const { replies } = await sendTurn(
        this.bot,
        {
          type: 'message',
          text: `Message ${turn}`,
          from: this.person,
          conversation: this.conversation,
          channelData: { tenant: { id: ORG_TENANT } },
        },
        record,
      );
      expect(replies, /You said: Message/, 'an echo turn');
    }
  }
}

function expect(replies: SentActivity[], pattern: RegExp, what: string): void {
  const said = replies.map((r) => JSON.stringify(r.body)).join('\n');
  if (!pattern.test(said)) throw new Error(`Unexpected answer to ${what}:\n${said.slice(0, 2000)}`);
}

/** The id of a message the bot sent (the connector gave it) or redrew (its path names it). */
function messageIdOf(reply: SentActivity): string | undefined {
  if (reply.method === 'PUT') return decodeURIComponent(reply.path.split('/').pop() ?? '');
  return reply.id;
}
