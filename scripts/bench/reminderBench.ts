/**
 * A burst of due reminders in the bot itself: a thousand people (in three tenants) each with a
 * re-validation question due now, delivered by one sweep of the bot, while FMs keep declaring.
 * Measures how fast the burst goes out, how close each tenant came to Teams' limit, and the
 * chat's latency during the burst next to the same chat just before it.
 */
import { performance } from 'node:perf_hooks';
import type { Container } from '@azure/cosmos';
import type { FollowUpKind } from '../../src/application/followUps/followUpRules';
import type { ReminderInbox } from '../../src/application/followUps/reminderInbox';
import type { CustomerLedger } from '../../src/application/customerLedger';
import type { ConnectorSink } from '../../test/support/connectorSink';
import type { BenchChild } from './benchChild';
import { percentile } from './loadFigures';
import type { TurnRecorder } from './simulatedUsers';

export interface ChatFigures {
  readonly turns: number;
  readonly turnsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface ReminderFigures {
  readonly reminders: number;
  readonly tenants: number;
  readonly delivered: number;
  readonly seconds: number;
  readonly deliveredPerSecond: number;
  /** The most reminders the sink received for one tenant within one second; Teams allows ~30. */
  readonly peakPerTenantPerSecond: number;
  readonly chatAlone: ChatFigures;
  readonly chatDuringBurst: ChatFigures;
}

export interface ReminderBenchOptions {
  readonly bot: BenchChild;
  /** The bot's own `people` and `ledger` containers. */
  readonly people: Container;
  readonly ledger: Container;
  readonly sink: ConnectorSink;
  /** One person's chat turns with the bot (a declaration), each turn's latency recorded. */
  readonly chat: (user: number, record: TurnRecorder) => Promise<void>;
  readonly chatters: number;
  readonly reminders: number;
  readonly chatAloneMs: number;
}

const TENANTS = 3;
const CONVERSATION_PREFIX = 'bench-reminder-';

export async function measureReminderBurst(
  options: ReminderBenchOptions,
): Promise<ReminderFigures> {
  const chatAlone = await chatFor(options, () => sleeping(options.chatAloneMs));
  await seedInboxes(options);
  const before = options.sink.sent.length;
  const perTenantSecond = new Map<string, number>();
  const counted = new Set<number>();
  // The sink keeps what it received; each is counted in the second it arrived.
  const watch = setInterval(() => tally(options.sink, before, counted, perTenantSecond), 20);
  const started = performance.now();
  let burstMs = 0;
  const burst = options.bot.sweep().then(() => {
    burstMs = performance.now() - started;
  });
  const chatDuringBurst = await chatFor(options, () => burst);
  clearInterval(watch);
  tally(options.sink, before, counted, perTenantSecond);
  const delivered = options.sink.sent
    .slice(before)
    .filter((s) => isReminder(s.path) && s.status >= 200 && s.status < 300).length;
  return {
    reminders: options.reminders,
    tenants: TENANTS,
    delivered,
    seconds: burstMs / 1000,
    deliveredPerSecond: delivered / (burstMs / 1000),
    peakPerTenantPerSecond: Math.max(0, ...perTenantSecond.values()),
    chatAlone,
    chatDuringBurst,
  };
}

/** Every chatter declares again and again until `until` resolves. */
async function chatFor(
  options: ReminderBenchOptions,
  until: () => Promise<void>,
): Promise<ChatFigures> {
  const latencies: number[] = [];
  let done = false;
  const started = performance.now();
  const stop = until().then(() => {
    done = true;
  });
  await Promise.all(
    Array.from({ length: options.chatters }, async (_, user) => {
      while (!done) await options.chat(user, (ms) => latencies.push(ms));
    }),
  );
  await stop;
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    turns: latencies.length,
    turnsPerSecond: latencies.length / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}

/** A re-validation question due now for each of `reminders` people, about confirmed declarations. */
async function seedInboxes(options: ReminderBenchOptions): Promise<void> {
  const { resources: customers } = await options.ledger.items
    .query<CustomerLedger>("SELECT * FROM c WHERE c.type = 'customer'")
    .fetchAll();
  const confirmed = customers.flatMap((customer) =>
    Object.values(customer.entitlements).flatMap((entry) =>
      entry.declaration?.state === 'confirmed'
        ? [{ customer, entry, declarationId: entry.declaration.declarationId }]
        : [],
    ),
  );
  if (confirmed.length === 0) throw new Error('No confirmed declaration to re-validate.');
  const now = new Date().toISOString();
  const kind: FollowUpKind = 'revalidation';
  const inboxes: ReminderInbox[] = Array.from({ length: options.reminders }, (_, i) => {
    const { customer, entry, declarationId } = confirmed[i % confirmed.length]!;
    const tenant = tenantOf(i);
    return {
      id: 'reminders',
      type: 'reminders',
      aadObjectId: `bench-reader-${i}`,
      orgTenantId: tenant,
      name: `Bench reader ${i}`,
      timeZone: 'UTC',
      address: {
        serviceUrl: options.sink.serviceUrl,
        conversationId: `${CONVERSATION_PREFIX}${i}`,
        userId: `29:bench-reader-${i}`,
        orgTenantId: tenant,
      },
      serviceUrl: options.sink.serviceUrl,
      items: [
        {
          key: `${kind}:${declarationId}`,
          kind,
          tenantId: customer.tenantId,
          declarationId,
          customerName: customer.customerName,
          workloadNames: [entry.workloadName],
          notBefore: now,
          onDay: null,
          repeat: 'once',
          lastSentDay: null,
          addedAt: now,
        },
      ],
      snoozed: {},
      off: [],
      blocked: null,
      sent: [],
      nextDeliveryAt: now,
      updatedAt: now,
    };
  });
  for (let i = 0; i < inboxes.length; i += 100) {
    await options.people.items.bulk(
      inboxes.slice(i, i + 100).map((inbox) => ({
        operationType: 'Upsert' as const,
        resourceBody: inbox as unknown as Record<string, string>,
      })),
    );
  }
}

function tenantOf(index: number): string {
  return `00000000-0000-4000-8000-0000000be${String(index % TENANTS).padStart(3, '0')}`;
}

function isReminder(path: string): boolean {
  return decodeURIComponent(path).includes(`/${CONVERSATION_PREFIX}`);
}

function tally(
  sink: ConnectorSink,
  from: number,
  counted: Set<number>,
  perTenantSecond: Map<string, number>,
): void {
  const second = Math.floor(performance.now() / 1000);
  for (let i = from; i < sink.sent.length; i += 1) {
    const sent = sink.sent[i]!;
    if (counted.has(i) || !isReminder(sent.path)) continue;
    counted.add(i);
    const index = Number(/bench-reminder-(\d+)/.exec(decodeURIComponent(sent.path))?.[1]);
    const key = `${tenantOf(index)}|${second}`;
    perTenantSecond.set(key, (perTenantSecond.get(key) ?? 0) + 1);
  }
}

function sleeping(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
