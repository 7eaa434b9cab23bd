/**
 * A burst of due reminders (a thousand by default) sent through the proactive pacer to as many
 * conversations in three tenants, while people keep chatting with a bot: how fast the burst is
 * delivered, how close it came to Teams' limits, and what it did to the chat's latency, next to
 * the same chat measured alone just before.
 */
import { performance } from 'node:perf_hooks';
import { MessageFactory, type Activity } from 'botbuilder';
import { botAuthentication } from '../../src/edges/teams/botAdapter';
import { ProactiveConnector } from '../../src/edges/teams/proactiveConnector';
import { ProactivePacer, type PacerSettings } from '../../src/edges/teams/proactivePacer';
import { percentile } from './loadFigures';
import type { TurnRecorder } from './simulatedUsers';

export interface ReminderBurstOptions {
  /** The loopback connector's base URL: the sink's serviceUrl. */
  readonly sinkUrl: string;
  /** Some turns of one person chatting with the bot, each turn's latency recorded. */
  readonly chat: (user: number, record: TurnRecorder) => Promise<void>;
  /** People chatting at once. */
  readonly chatters?: number;
  readonly reminders?: number;
  readonly tenants?: number;
  /** How long the chat is measured alone, before the burst. */
  readonly chatAloneMs?: number;
  readonly pacerSettings?: Partial<PacerSettings>;
}

export interface ChatFigures {
  readonly turns: number;
  readonly turnsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface BurstFigures {
  readonly reminders: number;
  readonly tenants: number;
  readonly delivered: number;
  /** Reminders the pacer handed back (to be rescheduled) or that failed. */
  readonly notDelivered: number;
  readonly wallMs: number;
  readonly deliveredPerSecond: number;
  /** The most reminders one tenant started within any second (by the pacer's clock); Teams allows about 30. */
  readonly peakPerTenantPerSecond: number;
}

export interface ReminderBurstFigures extends BurstFigures {
  readonly chatAlone: ChatFigures;
  readonly chatDuringBurst: ChatFigures;
}

const DEFAULT_CHATTERS = 10;
const DEFAULT_REMINDERS = 1_000;
const DEFAULT_TENANTS = 3;
const DEFAULT_CHAT_ALONE_MS = 5_000;

/** The chat alone, then the chat while the burst is sent. */
export async function measureReminderBurst(
  options: ReminderBurstOptions,
): Promise<ReminderBurstFigures> {
  const chatters = options.chatters ?? DEFAULT_CHATTERS;
  // Warm: the bot's and the chatters' code compiled, connections open, before anything counts.
  await Promise.all(Array.from({ length: chatters }, (_, user) => options.chat(user, () => {})));
  const aloneUntil = performance.now() + (options.chatAloneMs ?? DEFAULT_CHAT_ALONE_MS);
  const chatAlone = await chatWhile(chatters, options.chat, () => performance.now() < aloneUntil);
  let sending = true;
  const [burst, chatDuringBurst] = await Promise.all([
    sendReminderBurst(options).finally(() => (sending = false)),
    chatWhile(chatters, options.chat, () => sending),
  ]);
  return { ...burst, chatAlone, chatDuringBurst };
}

/**
 * The burst alone, for a process that is not the one chatting (e.g. the bot's own, when the
 * benchmark drives the chat from outside).
 */
export async function sendReminderBurst(
  options: Pick<ReminderBurstOptions, 'sinkUrl' | 'reminders' | 'tenants' | 'pacerSettings'>,
): Promise<BurstFigures> {
  const reminders = options.reminders ?? DEFAULT_REMINDERS;
  const tenants = options.tenants ?? DEFAULT_TENANTS;
  const connector = new ProactiveConnector(
    botAuthentication({ appId: '', appPassword: '', appType: 'MultiTenant', appTenantId: '' }),
    'bench-bot',
  );
  const client = await connector.client(options.sinkUrl);
  const pacer = new ProactivePacer(options.pacerSettings);
  const startsPerTenant = Array.from({ length: tenants }, (): number[] => []);
  const started = performance.now();
  const outcomes = await Promise.allSettled(
    Array.from({ length: reminders }, (_, i) => {
      const tenant = i % tenants;
      const conversationId = `a:bench-reminded-${i}`;
      return pacer.run(`bench-tenant-${tenant}`, conversationId, () => {
        startsPerTenant[tenant]!.push(Date.now());
        return client.conversations.sendToConversation(
          conversationId,
          MessageFactory.text(`Reminder ${i}: a decision is waiting for you.`) as Activity,
          { timeout: 4_000 },
        );
      });
    }),
  );
  const wallMs = performance.now() - started;
  const delivered = outcomes.filter((o) => o.status === 'fulfilled').length;
  return {
    reminders,
    tenants,
    delivered,
    notDelivered: reminders - delivered,
    wallMs,
    deliveredPerSecond: delivered / (wallMs / 1000),
    peakPerTenantPerSecond: Math.max(...startsPerTenant.map(mostWithinASecond)),
  };
}

/** Every chatter chats, again and again, while `going` says so; then the turns' figures. */
async function chatWhile(
  chatters: number,
  chat: ReminderBurstOptions['chat'],
  going: () => boolean,
): Promise<ChatFigures> {
  const latenciesMs: number[] = [];
  const record = (latencyMs: number) => latenciesMs.push(latencyMs);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: chatters }, async (_, user) => {
      while (going()) await chat(user, record);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = latenciesMs.sort((a, b) => a - b);
  return {
    turns: sorted.length,
    turnsPerSecond: sorted.length / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}

/** The most of these moments (in order) within any one second. */
function mostWithinASecond(moments: readonly number[]): number {
  let most = 0;
  let first = 0;
  for (let last = 0; last < moments.length; last += 1) {
    while (moments[last]! - moments[first]! >= 1_000) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
