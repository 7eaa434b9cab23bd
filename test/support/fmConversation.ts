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
import { CachedTeamDirectory } from '../../src/application/cachedTeamDirectory';
import {
  DEFAULT_DELIVERY_SETTINGS,
  type DeliveryDeps,
  type DeliverySettings,
} from '../../src/application/deliverNotice';
import type { ManagerPolicy } from '../../src/application/managerPolicy';
import { createBotAdapter } from '../../src/edges/teams/botAdapter';
import { TeamsBot } from '../../src/edges/teams/teamsBot';
import { TeamsNoticePublisher } from '../../src/edges/teams/teamsNoticePublisher';
import { latestActionData } from './cardActions';
import type { ConnectorSink } from './connectorSink';
import type { TestDatabase } from './localCosmos';

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
  readonly delivery: DeliveryDeps;
  /** Channel, conversation and bot of every activity sent to it. */
  readonly address: Partial<Activity>;
}

/** The customer's tenant in the tests' declarations. */
export const CUSTOMER_TENANT = '8f2c7a1e-4b5d-4c3e-9a10-2b7d6e5f4a3c';

/** The organisation's tenant in every test activity. */
export const ORG_TENANT = '6d3a4b2c-1e5f-4a7b-9c8d-0f1e2d3c4b5a';
export const ACCOUNT_TEAM = {
  teamId: '19:contoso-account-team@thread.tacv2',
  teamName: 'Contoso account team',
  noticesChannelId: '19:no-intent-notices@thread.tacv2',
};
/** A manager of every team in the tests' default policy. */
export const MORGAN: TestUser = {
  id: '29:morgan',
  name: 'Morgan Lee',
  aadObjectId: '00000000-0000-0000-0000-00000000c003',
};

export interface BotOptions {
  /** The loopback server playing the Teams connector. */
  readonly connector: ConnectorSink;
  readonly storage?: Storage;
  readonly conversation?: { id: string; conversationType: string };
  readonly managers?: ManagerPolicy;
  readonly delivery?: Partial<DeliverySettings>;
  /** The bot's clock; the real one unless a test moves time. */
  readonly now?: () => Date;
}

/** Fast retries for tests: the policy is the same, only the waits are short. */
export const TEST_DELIVERY: DeliverySettings = {
  ...DEFAULT_DELIVERY_SETTINGS,
  baseDelayMs: 5,
  maxJitterMs: 5,
  runBudgetMs: 2_000,
  sweepDelayMs: 0,
};

/** The bot as app.ts wires it, with TestAdapter in front and the loopback connector behind. */
export function botUnderTest(db: TestDatabase, options: BotOptions): BotUnderTest {
  const managers = options.managers ?? { everywhere: [MORGAN.aadObjectId], perTeam: {} };
  const publisher = new TeamsNoticePublisher(
    createBotAdapter({ appId: '', appPassword: '', appType: 'MultiTenant', appTenantId: '' }),
    'test-bot',
    managers,
  );
  const now = options.now ?? (() => new Date());
  const delivery: DeliveryDeps = {
    notices: db.notices,
    publisher,
    now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    settings: { ...TEST_DELIVERY, ...options.delivery },
  };
  const bot = new TeamsBot({
    repository: db.repository,
    notices: db.notices,
    teams: new CachedTeamDirectory(db.teams, now),
    publisher,
    delivery,
    managers,
    dialogStateStore: new PrivateConversationState(options.storage ?? new MemoryStorage()),
    instanceId: 'test-instance',
    now,
  });
  const conversation = options.conversation ?? {
    id: 'personal-avery',
    conversationType: 'personal',
  };
  // TestAdapter copies its template over every activity, so the template stays empty and
  // each activity says who sends it and where.
  const adapter = new TestAdapter(async (context) => bot.run(context));
  const address: Partial<Activity> = {
    channelId: 'msteams',
    serviceUrl: options.connector.serviceUrl,
    conversation: {
      ...conversation,
      name: conversation.id,
      tenantId: ORG_TENANT,
      isGroup: conversation.conversationType !== 'personal',
    },
    recipient: { id: '28:no-intent-bot', name: 'No Intent' },
  };
  return { adapter, bot, address, delivery };
}

/** The account team's team, as the bot records it when it is installed there. */
export async function installInAccountTeam(
  db: TestDatabase,
  connector: ConnectorSink,
): Promise<void> {
  await db.teams.saveTeam({
    orgTenantId: ORG_TENANT,
    teamId: ACCOUNT_TEAM.teamId,
    teamName: ACCOUNT_TEAM.teamName,
    serviceUrl: connector.serviceUrl,
    channels: [
      { id: ACCOUNT_TEAM.teamId, name: 'General' },
      { id: ACCOUNT_TEAM.noticesChannelId, name: 'No Intent notices' },
    ],
  });
}

/** The choice value of the account team's notices channel on the summary card. */
export const NOTICES_CHANNEL = `${ACCOUNT_TEAM.teamId}|${ACCOUNT_TEAM.noticesChannelId}`;

export class FmConversation {
  /** Everything the bot sent during the last turn. */
  replies: Partial<Activity>[] = [];
  /** Every card seen so far, oldest first: a person can scroll up and tap an old one. */
  private readonly seenCards: Card[] = [];

  constructor(
    readonly target: BotUnderTest,
    readonly user: TestUser = AVERY,
  ) {}

  async say(text: string, extra: Partial<Activity> = {}): Promise<Partial<Activity>[]> {
    return this.send({ type: ActivityTypes.Message, text, ...extra });
  }

  /** Types "declare" and answers the customer, scenario and answers cards. */
  async declareUntilSummary(
    scenarioId: string,
    answers: Record<string, string | undefined>,
    workloadIds = 'exchange-online',
    customerName = 'Contoso Ltd',
  ): Promise<void> {
    await this.say('declare');
    await this.tap('submitCustomer', { customerName, tenantId: CUSTOMER_TENANT, workloadIds });
    await this.tap('chooseScenario', { scenarioId });
    assert.ok(this.buttonData('submitAnswers'), 'the reason form follows the scenario');
    await this.tap('submitAnswers', answers);
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

/** What Teams sends when someone taps an Action.Execute button, or refreshes a card. */
export function executeAction(
  verb: string,
  data: Record<string, unknown>,
  trigger: 'manual' | 'automatic' = 'manual',
): Partial<Activity> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger },
  };
}
