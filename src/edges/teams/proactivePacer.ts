/**
 * Paces the bot's proactive calls to the Bot Framework connector (reminders and the like) below
 * Teams' published limits for a bot, per conversation and per tenant, and waits out Teams' 429s.
 * Replies within a turn do not come through here: they answer a person and are never queued.
 *
 * Calls wait in a queue per conversation; the conversations of a tenant take turns, so one
 * conversation with many messages does not hold back the others' first ones. Nothing polls: a
 * tenant with waiting calls sleeps until the moment its next call may start.
 */
import { retryAfterOf, statusOf } from './connectorErrors';
import { DeliveryError } from '../../application/messenger';
import { logger } from '../../log/logger';

/** At most `limit` calls started within any `windowMs`. */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

export interface PacerSettings {
  /** Calls to one conversation thread. Teams allows 7 per 1 s, 8 per 2 s, 60 per 30 s, 1,800 per hour. */
  readonly perConversation: readonly RateWindow[];
  /** Calls into one tenant. Teams allows about 30 per second, the bot's turn replies included. */
  readonly perTenant: readonly RateWindow[];
  /** Calls made for one run in all: the first, and the repeats after Teams answered 429. */
  readonly maxAttempts: number;
  /** The longest one run waits, queued or paused, before it hands the call back to its caller. */
  readonly maxWaitMs: number;
  /** The pause after a 429 without Retry-After: this, doubled for each repeat, plus jitter. */
  readonly backoffMs: number;
  readonly backoffJitterMs: number;
  /** How often conversations and tenants that no window remembers any more are forgotten. */
  readonly forgetIdleEveryMs: number;
}

export const PACER_DEFAULTS: PacerSettings = {
  // A margin below each of Teams' windows, and calls spread out rather than sent in bunches:
  // a bunch delayed on its way would reach Teams close to the next one and count with it.
  perConversation: [
    { limit: 1, windowMs: 250 },
    { limit: 4, windowMs: 1_000 },
    { limit: 6, windowMs: 2_000 },
    { limit: 50, windowMs: 30_000 },
    { limit: 1_500, windowMs: 3_600_000 },
  ],
  // Two thirds of Teams' 30 per second, leaving the rest to the answers of people chatting.
  perTenant: [
    { limit: 1, windowMs: 50 },
    { limit: 20, windowMs: 1_000 },
  ],
  // Microsoft's proactive messaging sample: three repeats, after 2, 4 and 8 s plus up to 1 s.
  maxAttempts: 4,
  backoffMs: 2_000,
  backoffJitterMs: 1_000,
  // 30 s of waiting and four calls of at most 4 s each: a run ends inside a 60 s claim.
  maxWaitMs: 30_000,
  forgetIdleEveryMs: 60_000,
};

/** Time, for the pacer: the real one, or a test's. */
export interface PacerClock {
  /** Milliseconds since some fixed moment. */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** In [0, 1), for the jitter of backoffs. */
  random(): number;
}

const REAL_CLOCK: PacerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

interface Waiter {
  /** When the run gives up waiting. */
  readonly deadline: number;
  readonly start: () => void;
  readonly giveUp: () => void;
}

class ConversationPace {
  /** When recent calls started, oldest first; no more than the largest window's limit. */
  readonly starts: number[] = [];
  readonly waiting: Waiter[] = [];
}

class TenantPace {
  readonly starts: number[] = [];
  readonly conversations = new Map<string, ConversationPace>();
  /** The conversations with waiting calls, in the order they take their turns. */
  readonly rotation: ConversationPace[] = [];
  /** Set by Teams' 429: no call into the tenant starts before then. */
  pausedUntil = 0;
  /** When the tenant's next wake-up is due, if one is. */
  wakeAt: number | undefined;
}

export class ProactivePacer {
  private readonly settings: PacerSettings;
  private readonly tenants = new Map<string, TenantPace>();
  private readonly conversationMemory: number;
  private readonly tenantMemory: number;
  private readonly longestConversationWindowMs: number;
  private nextForgetAt = 0;

  constructor(
    settings: Partial<PacerSettings> = {},
    private readonly clock: PacerClock = REAL_CLOCK,
  ) {
    this.settings = { ...PACER_DEFAULTS, ...settings };
    this.conversationMemory = Math.max(...this.settings.perConversation.map((w) => w.limit));
    this.tenantMemory = Math.max(...this.settings.perTenant.map((w) => w.limit));
    this.longestConversationWindowMs = Math.max(
      ...this.settings.perConversation.map((w) => w.windowMs),
    );
  }

  /**
   * Runs `call` once the conversation and the tenant have room for it. When Teams answers 429,
   * the whole tenant pauses for its Retry-After and the call is made again: Teams did not carry
   * it out. Gives up with a DeliveryError that is not permanent (so the caller tries later) after
   * `maxAttempts` calls or `maxWaitMs` of waiting; any other failure is the call's own, unchanged.
   */
  async run<T>(tenantId: string, conversationId: string, call: () => Promise<T>): Promise<T> {
    const deadline = this.clock.now() + this.settings.maxWaitMs;
    for (let attempt = 1; ; attempt += 1) {
      await this.waitForSlot(tenantId, conversationId, deadline, attempt > 1);
      try {
        return await call();
      } catch (error) {
        const throttled = throttlingOf(error);
        if (!throttled) throw error;
        const pauseMs = throttled.retryAfterMs ?? this.backoffMs(attempt);
        this.pause(tenantId, pauseMs, attempt);
        if (attempt >= this.settings.maxAttempts || this.clock.now() + pauseMs > deadline) {
          throw new DeliveryError(
            `Teams throttled the bot in tenant ${tenantId} ${attempt} times in a row.`,
            429,
            false,
            pauseMs,
          );
        }
      }
    }
  }

  /** Conversations the pacer remembers, for a look at its memory. */
  get trackedConversations(): number {
    let count = 0;
    for (const tenant of this.tenants.values()) count += tenant.conversations.size;
    return count;
  }

  /** Waits for the conversation's next turn; a repeat after a 429 goes first. */
  private waitForSlot(
    tenantId: string,
    conversationId: string,
    deadline: number,
    isRepeat: boolean,
  ): Promise<void> {
    this.forgetIdle();
    const tenant = this.tenantPace(tenantId);
    const conversation = this.conversationPace(tenant, conversationId);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        deadline,
        start: resolve,
        giveUp: () =>
          reject(
            new DeliveryError(
              `Too many messages for tenant ${tenantId} or its conversation: not sent, try later.`,
              429,
              false,
              Math.max(0, tenant.pausedUntil - this.clock.now()) || undefined,
            ),
          ),
      };
      const inRotation = conversation.waiting.length > 0;
      if (isRepeat) {
        conversation.waiting.unshift(waiter);
        if (inRotation) tenant.rotation.splice(tenant.rotation.indexOf(conversation), 1);
        tenant.rotation.unshift(conversation);
      } else {
        conversation.waiting.push(waiter);
        if (!inRotation) tenant.rotation.push(conversation);
      }
      this.dispatch(tenant);
    });
  }

  private tenantPace(tenantId: string): TenantPace {
    let tenant = this.tenants.get(tenantId);
    if (!tenant) {
      tenant = new TenantPace();
      this.tenants.set(tenantId, tenant);
    }
    return tenant;
  }

  private conversationPace(tenant: TenantPace, conversationId: string): ConversationPace {
    let conversation = tenant.conversations.get(conversationId);
    if (!conversation) {
      conversation = new ConversationPace();
      tenant.conversations.set(conversationId, conversation);
    }
    return conversation;
  }

  /** Starts every call that may start now, in turn order, then sleeps until the next may. */
  private dispatch(tenant: TenantPace): void {
    const now = this.clock.now();
    this.giveUpOverdue(tenant, now);
    const { perTenant, perConversation } = this.settings;
    while (tenant.rotation.length > 0) {
      if (Math.max(tenant.pausedUntil, freeAt(tenant.starts, perTenant)) > now) break;
      const ready = tenant.rotation.findIndex((c) => freeAt(c.starts, perConversation) <= now);
      if (ready < 0) break;
      const conversation = tenant.rotation.splice(ready, 1)[0]!;
      const waiter = conversation.waiting.shift()!;
      remember(tenant.starts, now, this.tenantMemory);
      remember(conversation.starts, now, this.conversationMemory);
      if (conversation.waiting.length > 0) tenant.rotation.push(conversation);
      waiter.start();
    }
    if (tenant.rotation.length > 0) this.wakeAt(tenant, this.nextChange(tenant), now);
  }

  /** The earliest moment a waiting call may start or must give up. */
  private nextChange(tenant: TenantPace): number {
    let conversationFree = Infinity;
    let deadline = Infinity;
    for (const conversation of tenant.rotation) {
      conversationFree = Math.min(
        conversationFree,
        freeAt(conversation.starts, this.settings.perConversation),
      );
      deadline = Math.min(deadline, conversation.waiting[0]!.deadline);
    }
    const tenantFree = Math.max(tenant.pausedUntil, freeAt(tenant.starts, this.settings.perTenant));
    return Math.min(Math.max(tenantFree, conversationFree), deadline);
  }

  private wakeAt(tenant: TenantPace, at: number, now: number): void {
    if (tenant.wakeAt !== undefined && tenant.wakeAt <= at) return;
    tenant.wakeAt = at;
    void this.clock.sleep(at - now).then(() => {
      // An earlier wake-up may have replaced this one; dispatching again is then harmless.
      if (tenant.wakeAt === at) tenant.wakeAt = undefined;
      this.dispatch(tenant);
    });
  }

  /** A conversation's queue is in deadline order (a repeat's deadline is the oldest). */
  private giveUpOverdue(tenant: TenantPace, now: number): void {
    for (let i = tenant.rotation.length - 1; i >= 0; i -= 1) {
      const conversation = tenant.rotation[i]!;
      while ((conversation.waiting[0]?.deadline ?? Infinity) <= now) {
        conversation.waiting.shift()!.giveUp();
      }
      if (conversation.waiting.length === 0) tenant.rotation.splice(i, 1);
    }
  }

  private pause(tenantId: string, pauseMs: number, attempt: number): void {
    const tenant = this.tenants.get(tenantId);
    if (!tenant) return;
    tenant.pausedUntil = Math.max(tenant.pausedUntil, this.clock.now() + pauseMs);
    logger.warn({ tenantId, pauseMs, attempt }, 'Teams throttled proactive messages (429).');
  }

  private backoffMs(attempt: number): number {
    const { backoffMs, backoffJitterMs } = this.settings;
    return backoffMs * 2 ** (attempt - 1) + Math.floor(this.clock.random() * backoffJitterMs);
  }

  /**
   * Forgets conversations whose last call left even the longest window, and tenants with none
   * left: what is remembered is bounded by the calls of the last hour, not by all ever made.
   */
  private forgetIdle(): void {
    const now = this.clock.now();
    if (now < this.nextForgetAt) return;
    this.nextForgetAt = now + this.settings.forgetIdleEveryMs;
    for (const [tenantId, tenant] of this.tenants) {
      for (const [conversationId, conversation] of tenant.conversations) {
        const last = conversation.starts.at(-1) ?? -Infinity;
        if (conversation.waiting.length === 0 && last + this.longestConversationWindowMs <= now) {
          tenant.conversations.delete(conversationId);
        }
      }
      const quiet = tenant.wakeAt === undefined && tenant.pausedUntil <= now;
      if (tenant.conversations.size === 0 && quiet) this.tenants.delete(tenantId);
    }
  }
}

/**
 * When another call may start within every window: once the call `limit` places back has left
 * the window. Only the last `limit` starts matter, so older ones need not be kept.
 */
function freeAt(starts: readonly number[], windows: readonly RateWindow[]): number {
  let at = -Infinity;
  for (const { limit, windowMs } of windows) {
    if (starts.length >= limit) at = Math.max(at, starts[starts.length - limit]! + windowMs);
  }
  return at;
}

function remember(starts: number[], now: number, keep: number): void {
  starts.push(now);
  if (starts.length > keep) starts.shift();
}

/**
 * Whether the error is Teams' 429, and how long it asked to wait: from the connector client's
 * error (its status and Retry-After header, in seconds or as a date), or from a DeliveryError
 * that TeamsMessenger already made of one.
 */
function throttlingOf(error: unknown): { retryAfterMs?: number } | undefined {
  if (error instanceof DeliveryError) {
    return error.status === 429 ? { retryAfterMs: error.retryAfterMs } : undefined;
  }
  if (statusOf(error) !== 429) return undefined;
  const retryAfterMs = retryAfterOf(error);
  return retryAfterMs === undefined ? {} : { retryAfterMs };
}
