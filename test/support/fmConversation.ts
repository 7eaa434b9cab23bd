/**
 * Drives the bot like a person in Teams, through botbuilder's TestAdapter: type text, tap a
 * card's button with the inputs filled in, and read what the bot answered.
 */
import assert from 'node:assert/strict';
import {
  ActivityTypes,
  MemoryStorage,
  PrivateConversationState,
  TestAdapter,
  type Activity,
  type Storage,
} from 'botbuilder';
import type { DeclarationRepository } from '../../src/application/declarationRepository';
import { TeamsBot } from '../../src/edges/teams/teamsBot';

export interface TestUser {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
}

export const AVERY: TestUser = {
  id: '29:avery',
  name: 'Avery Fox',
  aadObjectId: '00000000-0000-0000-0000-00000000a001',
};
export const BLAKE: TestUser = {
  id: '29:blake',
  name: 'Blake Kim',
  aadObjectId: '00000000-0000-0000-0000-00000000b002',
};

export type Card = { body?: unknown[]; actions?: unknown[] } & Record<string, unknown>;

export interface BotUnderTest {
  readonly adapter: TestAdapter;
  readonly bot: TeamsBot;
  /** Channel, conversation and bot of every activity sent to it. */
  readonly address: Partial<Activity>;
}

export function botUnderTest(
  repository: DeclarationRepository,
  storage: Storage = new MemoryStorage(),
  conversation: { id: string; conversationType: string } = {
    id: 'personal-avery',
    conversationType: 'personal',
  },
): BotUnderTest {
  const bot = new TeamsBot({
    repository,
    dialogStateStore: new PrivateConversationState(storage),
    now: () => new Date(),
  });
  // TestAdapter copies its template over every activity, so the template stays empty and
  // each activity says who sends it and where.
  const adapter = new TestAdapter(async (context) => bot.run(context));
  const address: Partial<Activity> = {
    channelId: 'msteams',
    serviceUrl: 'https://smba.example/',
    conversation: {
      ...conversation,
      name: conversation.id,
      isGroup: conversation.conversationType !== 'personal',
    },
    recipient: { id: '28:no-intent-bot', name: 'No Intent' },
  };
  return { adapter, bot, address };
}

export class FmConversation {
  /** Everything the bot sent during the last turn. */
  replies: Partial<Activity>[] = [];
  /** Every card seen so far, oldest first: a person can scroll up and tap an old one. */
  private readonly seenCards: Card[] = [];

  constructor(
    private readonly target: BotUnderTest,
    readonly user: TestUser = AVERY,
  ) {}

  async say(text: string, extra: Partial<Activity> = {}): Promise<Partial<Activity>[]> {
    return this.send({ type: ActivityTypes.Message, text, ...extra });
  }

  /** Taps the button of the latest card whose data has this action, with these inputs. */
  async tap(action: string, inputs: Record<string, unknown> = {}): Promise<Partial<Activity>[]> {
    const data = latestActionData(this.seenCards, action);
    assert.ok(data, `No card so far has a "${action}" button.`);
    return this.submit({ ...data, ...inputs });
  }

  /** Sends a card submit exactly as given: what a forged or stale card would send. */
  async submit(value: unknown): Promise<Partial<Activity>[]> {
    return this.send({ type: ActivityTypes.Message, value });
  }

  async send(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    const { adapter } = this.target;
    adapter.activeQueue.splice(0);
    await adapter.processActivity({ ...this.target.address, from: this.user, ...activity });
    this.replies = adapter.activeQueue.splice(0);
    this.seenCards.push(...this.cards());
    return this.replies;
  }

  /** The data of a button with this action on a card of the last reply. */
  buttonData(action: string): Record<string, unknown> {
    const found = latestActionData(this.cards(), action);
    assert.ok(found, `No card in the last reply has a "${action}" button. Replies: ${this.text()}`);
    return found;
  }

  cards(): Card[] {
    return this.replies.flatMap((reply) =>
      (reply.attachments ?? [])
        .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
        .map((a) => a.content as Card),
    );
  }

  lastCard(): Card {
    const cards = this.cards();
    assert.ok(cards.length > 0, `expected a card, got: ${this.text()}`);
    return cards[cards.length - 1]!;
  }

  /** The text of every reply and card of the last turn, for matching. */
  text(): string {
    return this.replies
      .map((reply) =>
        [reply.text ?? '', ...(reply.attachments ?? []).map((a) => JSON.stringify(a.content))].join(
          ' ',
        ),
      )
      .join('\n');
  }
}

function latestActionData(cards: Card[], action: string): Record<string, unknown> | undefined {
  for (const card of [...cards].reverse()) {
    const found = findActionData(card, action);
    if (found) return found;
  }
  return undefined;
}

function findActionData(node: unknown, action: string): Record<string, unknown> | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findActionData(item, action);
      if (found) return found;
    }
    return undefined;
  }
  if (node && typeof node === 'object') {
    const data = (node as { data?: { action?: unknown } }).data;
    if (data && data.action === action) return data as Record<string, unknown>;
    for (const value of Object.values(node)) {
      const found = findActionData(value, action);
      if (found) return found;
    }
  }
  return undefined;
}

/** The value of an input on a card, as a client would submit it untouched. */
export function inputValue(card: Card, id: string): unknown {
  let found: unknown;
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      if ((node as { id?: unknown }).id === id) found = (node as { value?: unknown }).value;
      Object.values(node).forEach(visit);
    }
  };
  visit(card);
  return found;
}
