/**
 * Posting a notice so that it is never lost and never doubled. The notice is saved as pending
 * before anything is posted; an instance posts only while it holds the notice's claim (taken with
 * an etag check); transient failures are retried with exponential backoff and jitter, honouring
 * Retry-After; what still fails stays pending for the sweep; permanent failures are final.
 */
import { randomUUID } from 'node:crypto';
import { ConcurrencyConflict } from './declarationRepository';
import type { Delivery, StoredNotice } from './notice';
import { DeliveryError, type NoticePublisher } from './noticePublisher';
import type { NoticeRepository } from './noticeRepository';
import { updateNotice } from './updateNotice';

export interface DeliverySettings {
  /** Attempts in one run, before the notice is left for a later sweep. */
  readonly attemptsPerRun: number;
  readonly baseDelayMs: number;
  readonly maxJitterMs: number;
  /** The most one run waits in total; a longer Retry-After is left to the sweep. */
  readonly runBudgetMs: number;
  /** How long a claim keeps other instances off a notice; longer than any run. */
  readonly claimMs: number;
  /** The wait before the first sweep retry; it doubles per failed run, up to maxSweepDelayMs. */
  readonly sweepDelayMs: number;
  readonly maxSweepDelayMs: number;
}

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = {
  attemptsPerRun: 3,
  baseDelayMs: 500,
  maxJitterMs: 250,
  runBudgetMs: 5_000,
  claimMs: 60_000,
  sweepDelayMs: 30_000,
  maxSweepDelayMs: 3_600_000,
};

export interface DeliveryDeps {
  readonly notices: NoticeRepository;
  readonly publisher: NoticePublisher;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly settings: DeliverySettings;
}

export type DeliveryOutcome = 'posted' | 'pending' | 'failed' | 'not-claimed';

/** A claim token: unique per attempt to post, so two turns of one instance never both post. */
export function newClaim(instanceId: string): string {
  return `${instanceId}/${randomUUID()}`;
}

export function claimedDelivery(claim: string, now: Date, settings: DeliverySettings): Delivery {
  return {
    status: 'pending',
    attempts: 0,
    nextAttemptAt: new Date(now.getTime() + settings.claimMs).toISOString(),
    claimedBy: claim,
    claimExpiresAt: new Date(now.getTime() + settings.claimMs).toISOString(),
    conversationId: null,
    activityId: null,
    lastError: null,
  };
}

/** Takes the claim on a due notice; undefined when another instance was faster. */
export async function claimNotice(
  deps: DeliveryDeps,
  notice: StoredNotice,
  claim: string,
): Promise<StoredNotice | undefined> {
  const now = deps.now();
  try {
    return await deps.notices.replaceNotice({
      ...notice,
      delivery: {
        ...notice.delivery,
        claimedBy: claim,
        claimExpiresAt: new Date(now.getTime() + deps.settings.claimMs).toISOString(),
      },
      updatedAt: now.toISOString(),
    });
  } catch (error) {
    if (error instanceof ConcurrencyConflict) return undefined;
    throw error;
  }
}

/** Posts a notice this caller has claimed (with `claim`), retrying within one run. */
export async function deliverNotice(
  deps: DeliveryDeps,
  notice: StoredNotice,
  claim: string,
): Promise<{ outcome: DeliveryOutcome; notice: StoredNotice }> {
  if (notice.delivery.status !== 'pending' || notice.delivery.claimedBy !== claim) {
    return { outcome: 'not-claimed', notice };
  }
  const { settings } = deps;
  const started = deps.now().getTime();
  let lastError: DeliveryError | undefined;
  let attempts = 0;
  while (attempts < settings.attemptsPerRun) {
    attempts += 1;
    try {
      const posted = await deps.publisher.post(notice);
      const saved = await finish(deps, notice, claim, (current) => ({
        ...current.delivery,
        status: 'posted',
        attempts: current.delivery.attempts + attempts,
        claimedBy: null,
        claimExpiresAt: null,
        conversationId: posted.conversationId,
        activityId: posted.activityId,
        lastError: null,
      }));
      return { outcome: 'posted', notice: saved ?? notice };
    } catch (error) {
      lastError = asDeliveryError(error);
      if (lastError.permanent) break;
      const delay =
        lastError.retryAfterMs ??
        settings.baseDelayMs * 2 ** (attempts - 1) + deps.random() * settings.maxJitterMs;
      const elapsed = deps.now().getTime() - started;
      if (attempts >= settings.attemptsPerRun || elapsed + delay > settings.runBudgetMs) break;
      await deps.sleep(delay);
    }
  }
  const failure = lastError!;
  if (failure.permanent) {
    const saved = await finish(deps, notice, claim, (current) => ({
      ...current.delivery,
      status: 'failed',
      attempts: current.delivery.attempts + attempts,
      claimedBy: null,
      claimExpiresAt: null,
      lastError: describe(failure),
    }));
    const failed = saved ?? notice;
    if (failed.fmAddress) {
      await deps.publisher
        .tellFm(failed.fmAddress, failed, 'delivery-failed')
        .catch((error: unknown) =>
          console.error('Could not tell the FM about a failed notice:', error),
        );
    }
    return { outcome: 'failed', notice: failed };
  }
  const saved = await finish(deps, notice, claim, (current) => {
    const totalAttempts = current.delivery.attempts + attempts;
    const backoff = Math.min(
      settings.sweepDelayMs *
        2 ** Math.max(0, Math.ceil(totalAttempts / settings.attemptsPerRun) - 1),
      settings.maxSweepDelayMs,
    );
    const wait = Math.max(backoff, failure.retryAfterMs ?? 0);
    return {
      ...current.delivery,
      attempts: totalAttempts,
      nextAttemptAt: new Date(deps.now().getTime() + wait).toISOString(),
      claimedBy: null,
      claimExpiresAt: null,
      lastError: describe(failure),
    };
  });
  return { outcome: 'pending', notice: saved ?? notice };
}

export interface SweepReport {
  readonly posted: number;
  readonly pending: number;
  readonly failed: number;
  readonly skipped: number;
}

/** One pass over the due notices. Safe with several instances: each notice has one claimant. */
export async function sweepNotices(
  deps: DeliveryDeps,
  instanceId: string,
  limit = 20,
): Promise<SweepReport> {
  const report = { posted: 0, pending: 0, failed: 0, skipped: 0 };
  const due = await deps.notices.dueNotices(deps.now().toISOString(), limit);
  for (const notice of due) {
    const claim = newClaim(instanceId);
    const claimed = await claimNotice(deps, notice, claim);
    if (!claimed) {
      report.skipped += 1;
      continue;
    }
    const { outcome } = await deliverNotice(deps, claimed, claim);
    if (outcome === 'not-claimed') report.skipped += 1;
    else report[outcome] += 1;
  }
  return report;
}

/** Writes the run's result, but only while this caller still holds the claim. */
async function finish(
  deps: DeliveryDeps,
  notice: StoredNotice,
  claim: string,
  delivery: (current: StoredNotice) => Delivery,
): Promise<StoredNotice | undefined> {
  return updateNotice(
    deps.notices,
    notice.id,
    (current) =>
      current.delivery.claimedBy === claim ? { delivery: delivery(current) } : undefined,
    deps.now,
    notice,
  );
}

function asDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  return new DeliveryError(String(error), undefined, false);
}

function describe(error: DeliveryError): string {
  return `${error.status ?? 'network error'}: ${error.message}`.slice(0, 500);
}
