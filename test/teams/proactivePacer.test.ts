/**
 * The pacer of proactive messages: below Teams' limits per conversation and per tenant, fair
 * between conversations, patient with Teams' 429s for a bounded time, and quick to pass on any
 * other failure. Time is a test's own, moved on only when nothing else can happen.
 */
import assert from 'node:assert/strict';
import { MessageFactory, type Activity } from 'botbuilder';
import { DeliveryError } from '../../src/application/messenger';
import { botAuthentication } from '../../src/edges/teams/botAdapter';
import { ProactiveConnector } from '../../src/edges/teams/proactiveConnector';
import {
  PACER_DEFAULTS,
  ProactivePacer,
  type PacerClock,
  type PacerSettings,
  type RateWindow,
} from '../../src/edges/teams/proactivePacer';
import { startConnectorSink } from '../support/connectorSink';

/** Teams' published limits for a bot (msteams-docs, rate-limit.md). */
const TEAMS_PER_CONVERSATION: RateWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];
const TEAMS_PER_TENANT: RateWindow[] = [{ limit: 30, windowMs: 1_000 }];

const CONTOSO = 'tenant-contoso';
const FABRIKAM = 'tenant-fabrikam';

/** A clock that stands still until every promise that can settle has settled. */
class TestTime {
  now = 0;
  sleeps = 0;
  private readonly timers: { at: number; wake: () => void }[] = [];

  readonly clock: PacerClock = {
    now: () => this.now,
    sleep: (ms) => {
      this.sleeps += 1;
      return new Promise((wake) => this.timers.push({ at: this.now + ms, wake }));
    },
    random: () => 0.5,
  };

  /** Moves time from one sleeper's wake-up to the next until `work` has settled. */
  async runUntilSettled<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) return work;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (!next) throw new Error('Nothing is asleep, yet the work has not settled.');
      this.now = Math.max(this.now, next.at);
      next.wake();
    }
  }

  async advance(ms: number): Promise<void> {
    const until = this.now + ms;
    await this.runUntilSettled(
      new Promise<void>((resolve) => {
        this.timers.push({ at: until, wake: resolve });
      }),
    );
    this.now = until;
  }
}

interface Start {
  readonly tenantId: string;
  readonly conversationId: string;
  readonly at: number;
}

/** A pacer on test time, and the moments its calls started. */
function pacerOnTestTime(settings: Partial<PacerSettings> = {}) {
  const time = new TestTime();
  const pacer = new ProactivePacer(settings, time.clock);
  const starts: Start[] = [];
  const send = (tenantId: string, conversationId: string) =>
    pacer.run(tenantId, conversationId, async () => {
      starts.push({ tenantId, conversationId, at: time.now });
      return `sent to ${conversationId}`;
    });
  return { time, pacer, starts, send };
}

/** The failure the connector client throws for Teams' 429, as @azure/core-client shapes it. */
function throttled(retryAfterSeconds?: number): Error {
  return Object.assign(new Error('Too many requests'), {
    statusCode: 429,
    response: {
      status: 429,
      headers: {
        get: (name: string) =>
          name === 'retry-after' && retryAfterSeconds !== undefined
            ? String(retryAfterSeconds)
            : undefined,
      },
    },
  });
}

/** No `limit + 1` starts fall within one window. */
function assertWithin(times: readonly number[], windows: readonly RateWindow[], what: string) {
  const sorted = [...times].sort((a, b) => a - b);
  for (const { limit, windowMs } of windows) {
    for (let i = 0; i + limit < sorted.length; i += 1) {
      const span = sorted[i + limit]! - sorted[i]!;
      assert.ok(
        span >= windowMs,
        `${what}: ${limit + 1} calls within ${span} ms, where ${limit} per ${windowMs} ms are allowed`,
      );
    }
  }
}

const at = (starts: readonly Start[]) => starts.map((s) => s.at);

/** The same calls as Teams may see them: each up to 200 ms late, some more than others. */
const lateByUpTo200Ms = (times: readonly number[]) => times.map((t, i) => t + ((i * 7_919) % 200));

describe('pacing proactive messages', () => {
  it('keeps every default below the limit Teams publishes for the same window', () => {
    for (const teams of TEAMS_PER_CONVERSATION) {
      const ours = PACER_DEFAULTS.perConversation.find((w) => w.windowMs === teams.windowMs);
      assert.ok(ours && ours.limit < teams.limit, `per ${teams.windowMs} ms`);
    }
    assert.ok(PACER_DEFAULTS.perTenant.every((w) => w.limit / w.windowMs < 30 / 1_000));
  });

  it('never exceeds a conversation’s windows, and keeps to them for an hour', async () => {
    const { time, starts, send } = pacerOnTestTime({ maxWaitMs: 2 * 3_600_000 });
    const sent = await time.runUntilSettled(
      Promise.all(Array.from({ length: 1_600 }, () => send(CONTOSO, 'a:busy-person'))),
    );
    assert.equal(sent.length, 1_600);
    assertWithin(at(starts), PACER_DEFAULTS.perConversation, 'our limits');
    assertWithin(at(starts), TEAMS_PER_CONVERSATION, "Teams' limits");
    assertWithin(lateByUpTo200Ms(at(starts)), TEAMS_PER_CONVERSATION, "Teams' limits, late");
    // 1,500 in the first hour at 50 per 30 s, the rest once the first ones left the hour.
    const inFirstHour = starts.filter((s) => s.at < 3_600_000).length;
    assert.equal(inFirstHour, 1_500);
    assert.ok(starts.at(-1)!.at < 3_600_000 + 60_000, 'the hour’s window is used, not wasted');
  });

  it('keeps 200 conversations of one tenant within the tenant’s rate, using all of it', async () => {
    const { time, starts, send } = pacerOnTestTime();
    const calls = [];
    for (let round = 0; round < 3; round += 1) {
      for (let person = 0; person < 200; person += 1)
        calls.push(send(CONTOSO, `a:person-${person}`));
    }
    await time.runUntilSettled(Promise.all(calls));
    assert.equal(starts.length, 600);
    assertWithin(at(starts), PACER_DEFAULTS.perTenant, 'our tenant limit');
    assertWithin(at(starts), TEAMS_PER_TENANT, "Teams' tenant limit");
    assertWithin(lateByUpTo200Ms(at(starts)), TEAMS_PER_TENANT, "Teams' tenant limit, late");
    for (let person = 0; person < 200; person += 1) {
      const own = starts.filter((s) => s.conversationId === `a:person-${person}`);
      assertWithin(at(own), PACER_DEFAULTS.perConversation, `person ${person}`);
    }
    assert.ok(starts.at(-1)!.at <= 30_000, '20 a second: 600 calls in 30 s');
    assert.ok(time.sleeps <= 600, `no polling: ${time.sleeps} wake-ups for 600 calls`);
  });

  it('lets the conversations of a tenant take turns', async () => {
    const { time, pacer, starts, send } = pacerOnTestTime();
    // A 429 first, so that every call below waits in the queue until the tenant resumes.
    let throttledOnce = false;
    const first = pacer.run(CONTOSO, 'a:first', async () => {
      if (!throttledOnce) {
        throttledOnce = true;
        throw throttled(1);
      }
      return 'sent';
    });
    await new Promise((resolve) => setImmediate(resolve));
    const calls = [];
    for (let person = 0; person < 10; person += 1) {
      for (let i = 0; i < 10; i += 1) calls.push(send(CONTOSO, `a:person-${person}`));
    }
    await time.runUntilSettled(Promise.all([first, ...calls]));
    const firstSecond = starts.filter((s) => s.at < 2_000);
    assert.equal(firstSecond.length, 19, 'the repeated call took the twentieth place');
    const perPerson = new Map<string, number>();
    for (const s of firstSecond)
      perPerson.set(s.conversationId, (perPerson.get(s.conversationId) ?? 0) + 1);
    assert.equal(perPerson.size, 10, 'every person’s first message went in the first second');
    assert.ok(
      [...perPerson.values()].every((count) => count <= 2),
      'and nobody got more than two',
    );
  });

  it('does not let one tenant slow another, nor pause it', async () => {
    const { time, starts, send, pacer } = pacerOnTestTime({ maxWaitMs: 60_000 });
    let throttledOnce = false;
    const throttledCall = pacer.run(CONTOSO, 'a:contoso-throttled', async () => {
      if (!throttledOnce) {
        throttledOnce = true;
        throw throttled(10);
      }
      return 'sent';
    });
    await new Promise((resolve) => setImmediate(resolve));
    const contoso = Array.from({ length: 400 }, (_, i) => send(CONTOSO, `a:contoso-${i}`));
    const fabrikam = Array.from({ length: 20 }, (_, i) => send(FABRIKAM, `a:fabrikam-${i}`));
    await time.runUntilSettled(Promise.all([...contoso, ...fabrikam, throttledCall]));
    const fabrikamStarts = starts.filter((s) => s.tenantId === FABRIKAM);
    assert.deepEqual(
      at(fabrikamStarts),
      Array.from({ length: 20 }, (_, i) => i * 50),
      'Fabrikam’s 20 go out in its first second, as if Contoso’s 400 and its 429 were not there',
    );
    const contosoStarts = starts.filter((s) => s.tenantId === CONTOSO);
    assert.equal(contosoStarts.length, 400);
    assert.ok(
      contosoStarts.every((s) => s.at >= 10_000),
      'Contoso waited out its Retry-After',
    );
  });

  it('pauses the tenant for Retry-After on a 429, then makes the same call again', async () => {
    const { time, pacer, starts, send } = pacerOnTestTime();
    const attempts: number[] = [];
    const reminder = pacer.run(CONTOSO, 'a:reminded', async () => {
      attempts.push(time.now);
      if (attempts.length === 1) throw throttled(3);
      return 'sent';
    });
    await new Promise((resolve) => setImmediate(resolve));
    const other = send(CONTOSO, 'a:someone-else');
    assert.equal(await time.runUntilSettled(reminder), 'sent');
    await time.runUntilSettled(other);
    assert.deepEqual(attempts, [0, 3_000]);
    assert.deepEqual(at(starts), [3_050], 'the whole tenant waited, the repeat first');
  });

  it('takes a DeliveryError 429 from the messenger as Teams’ own', async () => {
    const { time, pacer } = pacerOnTestTime();
    const attempts: number[] = [];
    const sent = pacer.run(CONTOSO, 'a:reminded', async () => {
      attempts.push(time.now);
      if (attempts.length === 1) throw new DeliveryError('throttled', 429, false, 1_500);
      return 'sent';
    });
    assert.equal(await time.runUntilSettled(sent), 'sent');
    assert.deepEqual(attempts, [0, 1_500]);
  });

  it('gives up on repeated 429s within its budget, retryable, backing off without Retry-After', async () => {
    const { time, pacer } = pacerOnTestTime();
    const attempts: number[] = [];
    const failing = pacer.run(CONTOSO, 'a:reminded', async () => {
      attempts.push(time.now);
      throw throttled();
    });
    const error = await time.runUntilSettled(failing).catch((e: unknown) => e);
    assert.ok(error instanceof DeliveryError);
    assert.equal(error.status, 429);
    assert.equal(error.permanent, false);
    assert.equal(error.mayHaveArrived, false);
    // 2, 4 and 8 s, each with half of the 1 s of jitter (the test's random is 0.5).
    assert.deepEqual(attempts, [0, 2_500, 7_000, 15_500]);
  });

  it('gives up at once when Retry-After goes past its budget, and so does the queue behind', async () => {
    const { time, pacer, starts, send } = pacerOnTestTime();
    const first = pacer.run(CONTOSO, 'a:reminded', async () => {
      throw throttled(120);
    });
    const firstError = await time.runUntilSettled(first).catch((e: unknown) => e);
    assert.ok(firstError instanceof DeliveryError);
    assert.equal(firstError.retryAfterMs, 120_000, 'the caller learns when to try again');
    assert.equal(time.now, 0);
    const queued = send(CONTOSO, 'a:someone-else');
    const queuedError = await time.runUntilSettled(queued).catch((e: unknown) => e);
    assert.ok(queuedError instanceof DeliveryError);
    assert.equal(queuedError.permanent, false);
    assert.equal(time.now, PACER_DEFAULTS.maxWaitMs, 'waited no longer than the budget');
    assert.deepEqual(starts, [], 'and was never sent');
  });

  it('passes a 403 on at once, as it was, without trying again or pausing', async () => {
    const { time, pacer, starts, send } = pacerOnTestTime();
    const blocked = Object.assign(new Error('Forbidden'), { statusCode: 403 });
    let attempts = 0;
    const error = await time
      .runUntilSettled(
        pacer.run(CONTOSO, 'a:blocked-the-bot', async () => {
          attempts += 1;
          throw blocked;
        }),
      )
      .catch((e: unknown) => e);
    assert.equal(error, blocked);
    assert.equal(attempts, 1);
    await time.runUntilSettled(send(CONTOSO, 'a:someone-else'));
    assert.deepEqual(at(starts), [50], 'the tenant’s next slot, not a pause');
  });

  it('forgets conversations an hour after their last message', async () => {
    const { time, pacer, send } = pacerOnTestTime();
    await time.runUntilSettled(
      Promise.all(Array.from({ length: 500 }, (_, i) => send(CONTOSO, `a:person-${i}`))),
    );
    assert.equal(pacer.trackedConversations, 500);
    await time.advance(3_600_000 + PACER_DEFAULTS.forgetIdleEveryMs);
    await time.runUntilSettled(send(FABRIKAM, 'a:newcomer'));
    assert.equal(pacer.trackedConversations, 1);
  });

  it('sends through the loopback connector exactly once after its 429 with Retry-After', async () => {
    const sink = await startConnectorSink();
    try {
      const connector = new ProactiveConnector(
        botAuthentication({ appId: '', appPassword: '', appType: 'MultiTenant', appTenantId: '' }),
        'test-bot',
      );
      const client = await connector.client(sink.serviceUrl);
      // Time passes a hundred times faster for this pacer: Teams' 1 s is 10 ms of the test's,
      // and a loopback call of a few milliseconds is a few hundred, hence the longer budget.
      const realStart = Date.now();
      const fast: PacerClock = {
        now: () => realStart + (Date.now() - realStart) * 100,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.ceil(ms / 100))),
        random: Math.random,
      };
      const pacer = new ProactivePacer({ maxWaitMs: 600_000 }, fast);
      const conversationId = 'a:reminded-person';
      sink.failNext({ status: 429, retryAfterSeconds: 1 });
      const started = fast.now();
      const sent = await pacer.run(CONTOSO, conversationId, () =>
        client.conversations.sendToConversation(
          conversationId,
          MessageFactory.text('Your decision on Contoso is due.') as Activity,
          { timeout: 4_000 },
        ),
      );
      assert.ok(fast.now() - started >= 1_000, 'waited for Retry-After');
      const path = `/v3/conversations/${encodeURIComponent(conversationId)}/activities`;
      const requests = sink.sent.filter((s) => s.path === path);
      assert.deepEqual(
        requests.map((r) => r.status),
        [429, 201],
      );
      assert.equal(sent.id, requests[1]!.id);

      sink.failNext({ status: 403 });
      const error = await pacer
        .run(CONTOSO, conversationId, () =>
          client.conversations.sendToConversation(
            conversationId,
            MessageFactory.text('Again') as Activity,
          ),
        )
        .catch((e: unknown) => e);
      assert.equal((error as { statusCode?: number }).statusCode, 403, 'the client’s own error');
      assert.equal(sink.sent.filter((s) => s.path === path).length, 3);
    } finally {
      await sink.close();
    }
  });
});
