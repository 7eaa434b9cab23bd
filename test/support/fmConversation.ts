/**
 * Drives the bot like a person in Teams, through botbuilder's TestAdapter: type text, tap a
 * card's button with the inputs filled in, and read what the bot answered.
 */
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import {
  ActivityTypes,
  MemoryStorage,
  PrivateConversationState,
  TestAdapter,
  type Activity,
  type ResourceResponse,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import { CachedPeople } from '../../src/application/cachedPeople';
import { CachedTeamDirectory } from '../../src/application/cachedTeamDirectory';
import { EffectRunner } from '../../src/application/effectRunner';
import {
  DEFAULT_FOLLOW_UPS,
  type FollowUpSettings,
} from '../../src/application/followUps/followUpRules';
import type { ManagerPolicy } from '../../src/application/managerPolicy';
import {
  DEFAULT_EFFECT_SETTINGS,
  type EffectDeps,
  type EffectSettings,
} from '../../src/application/sideEffects';
import { answerTurnError, botAuthentication } from '../../src/edges/teams/botAdapter';
import { ChannelMessages, type GraphAccess } from '../../src/edges/teams/channelMessages';
import { ProactiveConnector } from '../../src/edges/teams/proactiveConnector';
import { TeamRoster } from '../../src/edges/teams/teamRoster';
import { TeamsBot } from '../../src/edges/teams/teamsBot';
import { TeamsMessenger } from '../../src/edges/teams/teamsMessenger';
import { findActionData, latestActionData } from './cardActions';
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
  readonly adapter: ScreenAdapter;
  readonly bot: TeamsBot;
  readonly effects: EffectRunner;
  readonly effectDeps: EffectDeps;
  /** Channel, conversation and bot of every activity sent to it. */
  readonly address: Partial<Activity>;
  readonly connector: ConnectorSink;
}

/** The customer's tenant in the tests' declarations. */
export const CUSTOMER_TENANT = '8f2c7a1e-4b5d-4c3e-9a10-2b7d6e5f4a3c';

/** The organisation's tenant in every test activity. */
export const ORG_TENANT = '6d3a4b2c-1e5f-4a7b-9c8d-0f1e2d3c4b5a';
export const ACCOUNT_TEAM = {
  teamId: '19:contoso-account-team@thread.tacv2',
  teamName: 'Contoso account team',
  noticesChannelId: '19:no-intent-notices@thread.tacv2',
  aadGroupId: '7b2e4c6a-8d1f-4a3b-9e5c-2f4a6b8c0d1e',
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
  readonly effects?: Partial<EffectSettings>;
  /** The bot's clock; the real one unless a test moves time. */
  readonly now?: () => Date;
  /** Names this bot instance in claims. */
  readonly instanceId?: string;
  /** How long a turn may take before the person is answered anyway. */
  readonly turnBudgetMs?: number;
  /** Where the bot reads its channels (the connector sink's Graph); none by default. */
  readonly graph?: GraphAccess;
  /** When reminders and re-validations come. */
  readonly followUps?: Partial<FollowUpSettings>;
}

/** Fast retries for tests: the policy is the same, only the waits are short. */
export const TEST_EFFECTS: EffectSettings = {
  ...DEFAULT_EFFECT_SETTINGS,
  baseDelayMs: 5,
  maxJitterMs: 5,
  runBudgetMs: 2_000,
  sweepDelayMs: 0,
};

/**
 * TestAdapter that remembers the messages a turn updated in place, as Teams would show them;
 * the stock one only updates messages of the turn in progress.
 */
export class ScreenAdapter extends TestAdapter {
  /** What turns sent and redrew, in order. */
  readonly log: Partial<Activity>[] = [];

  /** TeamsInfo's team and channel lookups go to the loopback connector, unauthenticated. */
  createConnectorClient(serviceUrl: string): ConnectorClient {
    return new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: serviceUrl });
  }

  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const responses = await super.sendActivities(context, activities);
    this.log.push(...activities.filter((a) => a.type !== 'invokeResponse' && a.type !== 'trace'));
    return responses;
  }

  override async updateActivity(
    _context: TurnContext,
    activity: Partial<Activity>,
  ): Promise<ResourceResponse | void> {
    this.log.push(activity);
    return { id: activity.id ?? '' };
  }
}

/** The bot as app.ts wires it, with TestAdapter in front and the loopback connector behind. */
export function botUnderTest(db: TestDatabase, options: BotOptions): BotUnderTest {
  const managers = options.managers ?? { everywhere: [MORGAN.aadObjectId], perTeam: {} };
  const now = options.now ?? (() => new Date());
  const followUps = { ...DEFAULT_FOLLOW_UPS, ...options.followUps };
  const connector = new ProactiveConnector(
    botAuthentication({ appId: '', appPassword: '', appType: 'MultiTenant', appTenantId: '' }),
    'test-bot',
  );
  const teams = new CachedTeamDirectory(db.teams, now);
  const roster = new TeamRoster(connector, teams);
  const messenger = new TeamsMessenger(
    connector,
    'test-bot',
    managers,
    new ChannelMessages(options.graph, 'test-bot'),
    { roster, followUps, now },
  );
  const people = new CachedPeople(db.people, now);
  const effectDeps: EffectDeps = {
    ledger: db.ledger,
    portal: db.portal,
    messenger,
    people,
    teams,
    policy: managers,
    reminders: db.reminders,
    followUps,
    now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    settings: { ...TEST_EFFECTS, ...options.effects },
    log: () => undefined,
  };
  const effects = new EffectRunner(effectDeps, options.instanceId ?? 'test-instance');
  const bot = new TeamsBot({
    reminders: db.reminders,
    followUps,
    roster,
    ledger: db.ledger,
    people,
    teams,
    messenger,
    effects,
    managers,
    dialogStateStore: new PrivateConversationState(options.storage ?? new MemoryStorage()),
    now,
    ...(options.turnBudgetMs ? { turnBudgetMs: options.turnBudgetMs } : {}),
  });
  const conversation = options.conversation ?? {
    id: 'personal-avery',
    conversationType: 'personal',
  };
  // TestAdapter copies its template over every activity, so the template stays empty and
  // each activity says who sends it and where.
  const adapter = new ScreenAdapter(async (context) => bot.run(context));
  adapter.onTurnError = answerTurnError;
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
  return { adapter, bot, address, effects, effectDeps, connector: options.connector };
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
    aadGroupId: ACCOUNT_TEAM.aadGroupId,
    channels: [
      { id: ACCOUNT_TEAM.teamId, name: 'General' },
      { id: ACCOUNT_TEAM.noticesChannelId, name: 'No Intent notices' },
    ],
  });
}

/** The choice value of the account team's notices channel on the summary card. */
export const NOTICES_CHANNEL = `${ACCOUNT_TEAM.teamId}|${ACCOUNT_TEAM.noticesChannelId}`;

/** A message on screen in this conversation, as it looks now. */
export interface ScreenMessage {
  readonly id: string;
  readonly activity: Partial<Activity>;
}

export class FmConversation {
  /** Everything the bot sent or redrew during the last turn. */
  replies: Partial<Activity>[] = [];
  /** What a person scrolling this conversation sees, oldest first. */
  private readonly screen = new Map<string, Partial<Activity>>();
  /** How many of the connector's requests are already on the screen. */
  private seenConnectorRequests = 0;

  /** Called when a turn has answered, before the effects that follow it are awaited. */
  afterTurn?: () => void;

  /** Where this person's activities come from: the bot's default chat unless given. */
  private readonly address: Partial<Activity>;

  constructor(
    readonly target: BotUnderTest,
    readonly user: TestUser = AVERY,
    conversationId?: string,
  ) {
    const base = target.address;
    this.address = conversationId
      ? {
          ...base,
          conversation: {
            ...base.conversation!,
            id: conversationId,
            name: conversationId,
            conversationType: 'personal',
            isGroup: false,
          },
        }
      : base;
  }

  async say(text: string, extra: Partial<Activity> = {}): Promise<Partial<Activity>[]> {
    return this.send({ type: ActivityTypes.Message, text, ...extra });
  }

  /** Types "declare" and answers the customer, scenario and answers cards. */
  async declareUntilSummary(
    scenarioId: string,
    answers: Record<string, string | undefined>,
    workloadIds = 'exchange-online',
    customerName = 'Contoso Ltd',
    tenantId = CUSTOMER_TENANT,
  ): Promise<void> {
    await this.say('declare');
    await this.tap('submitCustomer', { customerName, tenantId, workloadIds });
    await this.tap('chooseScenario', { scenarioId });
    assert.ok(
      this.buttonData('submitAnswers'),
      `the reason form follows the scenario: ${this.text()}`,
    );
    await this.tap('submitAnswers', answers);
  }

  /**
   * Taps the button of the newest card on screen whose data has this action (and `where`'s
   * values), with these inputs, as Teams sends it: naming the card in replyToId.
   */
  async tap(
    action: string,
    inputs: Record<string, unknown> = {},
    where: Record<string, unknown> = {},
  ): Promise<Partial<Activity>[]> {
    const found = this.buttonOnScreen(action, where);
    assert.ok(found, `No card on screen has a "${action}" button. Screen: ${this.screenText()}`);
    return this.send({
      type: ActivityTypes.Message,
      value: { ...found.data, ...inputs },
      replyToId: found.messageId,
    });
  }

  /** Sends a card submit exactly as given: what a forged or stale card would send. */
  async submit(value: unknown, replyToId?: string): Promise<Partial<Activity>[]> {
    return this.send({ type: ActivityTypes.Message, value, ...(replyToId ? { replyToId } : {}) });
  }

  async send(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    const { adapter } = this.target;
    adapter.activeQueue.splice(0);
    adapter.log.splice(0);
    // Teams gives every activity its own id; a test that redelivers one passes the same id.
    const id = activity.id ?? randomUUID();
    await adapter.processActivity({ ...this.address, from: this.user, ...activity, id });
    this.afterTurn?.();
    // The invoke response stays in the queue, where the tests of invokes read it.
    const invokeResponses = adapter.activeQueue
      .splice(0)
      .filter((a) => a.type === 'invokeResponse');
    const shown = adapter.log.splice(0);
    for (const reply of shown) if (reply.id) this.screen.set(reply.id, reply);
    this.replies = [...shown, ...invokeResponses];
    // What follows a turn (the notice, the lists) happens before a person looks again.
    await this.target.effects.idle();
    return this.replies;
  }

  /** The message's current look, with what the connector posted or redrew in this chat. */
  messages(): ScreenMessage[] {
    const conversationId = this.address.conversation!.id;
    const base = `/v3/conversations/${encodeURIComponent(conversationId)}/activities`;
    const requests = this.target.connector.sent;
    for (const request of requests.slice(this.seenConnectorRequests)) {
      if (request.status < 200 || request.status >= 300) continue;
      if (request.method === 'POST' && request.path === base && request.id) {
        this.screen.set(request.id, request.body as Partial<Activity>);
      } else if (request.method === 'PUT' && request.path.startsWith(`${base}/`)) {
        const id = decodeURIComponent(request.path.slice(base.length + 1));
        this.screen.set(id, { ...(request.body as Partial<Activity>), id });
      }
    }
    this.seenConnectorRequests = requests.length;
    return [...this.screen].map(([id, activity]) => ({ id, activity }));
  }

  /** Every card on screen as it looks now, oldest first. */
  screenCards(): Card[] {
    return this.messages().flatMap(({ activity }) => cardsOf(activity));
  }

  /** The text of everything on screen, for matching. */
  screenText(): string {
    return this.messages()
      .map(({ activity }) => textOf(activity))
      .join('\n');
  }

  /** The data of a button with this action on a card of the last reply. */
  buttonData(action: string): Record<string, unknown> {
    const found = latestActionData(this.cards(), action);
    assert.ok(found, `No card in the last reply has a "${action}" button. Replies: ${this.text()}`);
    return found;
  }

  /** Like buttonData, narrowed by data values; undefined when no such button was shown. */
  buttonDataWhere(
    action: string,
    where: Record<string, unknown>,
  ): Record<string, unknown> | undefined {
    const matches = (data: Record<string, unknown>) =>
      data.action === action && Object.entries(where).every(([k, v]) => data[k] === v);
    for (const card of [...this.cards()].reverse()) {
      const found = findActionData(card, matches);
      if (found) return found;
    }
    return undefined;
  }

  /** The id of the newest message on screen that holds a card. */
  lastMessageId(): string {
    const withCard = this.messages().filter(({ activity }) => cardsOf(activity).length > 0);
    const last = withCard[withCard.length - 1];
    assert.ok(last, 'a card on screen');
    return last.id;
  }

  cards(): Card[] {
    return this.replies.flatMap(cardsOf);
  }

  lastCard(): Card {
    const cards = this.cards();
    assert.ok(cards.length > 0, `expected a card, got: ${this.text()}`);
    return cards[cards.length - 1]!;
  }

  /** The text of every reply and card of the last turn, for matching. */
  text(): string {
    return this.replies.map(textOf).join('\n');
  }

  /** The newest button on screen with this action (and `where`'s values), and its message. */
  buttonOnScreen(
    action: string,
    where: Record<string, unknown>,
  ): { messageId: string; data: Record<string, unknown> } | undefined {
    const matches = (data: Record<string, unknown>) =>
      data.action === action && Object.entries(where).every(([k, v]) => data[k] === v);
    for (const { id, activity } of this.messages().reverse()) {
      for (const card of cardsOf(activity)) {
        const data = findActionData(card, matches);
        if (data) return { messageId: id, data };
      }
    }
    return undefined;
  }
}

function cardsOf(activity: Partial<Activity>): Card[] {
  return (activity.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content as Card);
}

function textOf(activity: Partial<Activity>): string {
  return [
    activity.text ?? '',
    ...(activity.attachments ?? []).map((a) => JSON.stringify(a.content)),
  ].join(' ');
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
  data: object,
  trigger: 'manual' | 'automatic' = 'manual',
): Partial<Activity> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger },
  };
}
