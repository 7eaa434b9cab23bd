/**
 * Carrying out one outbox entry: posting the notice, refreshing the cards and lists that show a
 * declaration, telling the FM. Each effect renders what is saved now, so a late or repeated run
 * still shows the truth; an entry is deleted (with what its effect changed) only once done.
 * Transient failures are retried with exponential backoff and jitter, honouring Retry-After;
 * permanent ones are recorded and the FM is told.
 */
import { awaitingDecisionOf } from './awaitingDecision';
import { awaitsChannel, type Declaration } from './declaration';
import type { DeclarationMessages, StoredMessages } from './declarationMessages';
import { decidersOf } from './decideDeclaration';
import type { DeclarationSnapshot, LedgerRepository } from './ledgerRepository';
import { listMyEntitlements } from './listMyEntitlements';
import type { ManagerPolicy } from './managerPolicy';
import { DeliveryError, type FmCardView, type Messenger } from './messenger';
import { outboxEntry, type OutboxEntry, type StoredOutboxEntry } from './outbox';
import type { PeopleRepository } from './people';
import { noticeTargets, type TeamDirectory } from './teamDirectory';

export interface EffectSettings {
  /** Attempts at posting in one run, before the entry is left for a later sweep. */
  readonly attemptsPerRun: number;
  readonly baseDelayMs: number;
  readonly maxJitterMs: number;
  /** The most one run waits in total; a longer Retry-After is left to the sweep. */
  readonly runBudgetMs: number;
  /** How long a claim keeps other instances off an entry; longer than any run. */
  readonly claimMs: number;
  /** The wait before a sweep tries again; it doubles per failed run, up to maxSweepDelayMs. */
  readonly sweepDelayMs: number;
  readonly maxSweepDelayMs: number;
  /** Attempts after which an effect other than the notice is given up (a card stays as it is). */
  readonly maxAttempts: number;
}

export const DEFAULT_EFFECT_SETTINGS: EffectSettings = {
  attemptsPerRun: 3,
  baseDelayMs: 500,
  maxJitterMs: 250,
  runBudgetMs: 5_000,
  claimMs: 60_000,
  sweepDelayMs: 30_000,
  maxSweepDelayMs: 3_600_000,
  maxAttempts: 12,
};

export interface EffectDeps {
  readonly ledger: LedgerRepository;
  readonly messenger: Messenger;
  readonly people: PeopleRepository;
  readonly teams: TeamDirectory;
  readonly policy: ManagerPolicy;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly settings: EffectSettings;
  readonly log: (message: string, error?: unknown) => void;
}

export type EffectOutcome =
  /** Carried out and the entry deleted. */
  | 'done'
  /** Failed for now; the entry is due again later. */
  | 'retry-later'
  /** Another change asked for the effect again meanwhile; the entry stays for that. */
  | 'superseded'
  /** The declaration is gone; the entry was dropped. */
  | 'dropped';

export interface EffectResult {
  readonly outcome: EffectOutcome;
  /** What the effect saved, for the caller to show. */
  readonly snapshot?: DeclarationSnapshot;
  /** Entries the effect led to, claimed by nobody: carry them out next. */
  readonly next: readonly StoredOutboxEntry[];
}

export interface CarryOutOptions {
  /** The caller redraws the FM's card right after, so posting the notice need not. */
  readonly callerDrawsFmCard?: boolean;
}

/** Carries out an entry the caller holds the claim of. */
export async function carryOut(
  deps: EffectDeps,
  entry: StoredOutboxEntry,
  known?: DeclarationSnapshot,
  options: CarryOutOptions = {},
): Promise<EffectResult> {
  const snapshot =
    known ?? (await deps.ledger.readDeclaration(entry.tenantId, entry.declarationId));
  if (!snapshot) {
    await deps.ledger.completeEffect({ entry });
    return { outcome: 'dropped', next: [] };
  }
  try {
    switch (entry.effect) {
      case 'post-notice':
        return await postNotice(deps, entry, snapshot, options);
      case 'update-notice':
        return await updateNotice(deps, entry, snapshot);
      case 'update-fm-card':
        await updateFmCard(deps, snapshot);
        return await complete(deps, entry, snapshot);
      case 'tell-fm':
        return await tellFm(deps, entry, snapshot);
      case 'refresh-lists':
        return await refreshLists(deps, entry, snapshot);
    }
  } catch (error) {
    return retryLater(deps, entry, error);
  }
}

async function postNotice(
  deps: EffectDeps,
  entry: StoredOutboxEntry,
  snapshot: DeclarationSnapshot,
  options: CarryOutOptions,
): Promise<EffectResult> {
  const { declaration, messages } = snapshot;
  if (messages.notice.status !== 'pending' || !declaration.noticeTarget) {
    return complete(deps, entry, snapshot);
  }
  if (declaration.state === 'withdrawn' || declaration.state === 'rejected') {
    return complete(deps, entry, snapshot, { notice: { ...messages.notice, status: 'cancelled' } });
  }
  const { settings } = deps;
  const started = deps.now().getTime();
  for (let attempt = 1; ; attempt += 1) {
    try {
      const posted = await deps.messenger.postNotice(snapshot);
      // Posted: recording it must not fail for a passing outage, or the sweep would post again.
      const result = await persistently(deps, () =>
        complete(deps, entry, snapshot, {
          notice: {
            status: 'posted',
            conversationId: posted.conversationId,
            activityId: posted.activityId,
            postedAt: deps.now().toISOString(),
            lastError: null,
          },
        }),
      );
      if (result.snapshot && !options.callerDrawsFmCard) await updateFmCard(deps, result.snapshot);
      return result;
    } catch (error) {
      const failure = asDeliveryError(error);
      if (failure.permanent) {
        return complete(
          deps,
          entry,
          snapshot,
          { notice: { ...messages.notice, status: 'failed', lastError: describe(failure) } },
          [
            outboxEntry(
              entry.tenantId,
              entry.declarationId,
              { effect: 'tell-fm', news: 'delivery-failed' },
              deps.now(),
            ),
          ],
        );
      }
      const delay =
        failure.retryAfterMs ??
        settings.baseDelayMs * 2 ** (attempt - 1) + deps.random() * settings.maxJitterMs;
      const elapsed = deps.now().getTime() - started;
      if (attempt >= settings.attemptsPerRun || elapsed + delay > settings.runBudgetMs) {
        return retryLater(deps, entry, failure, attempt);
      }
      await deps.sleep(delay);
    }
  }
}

async function updateNotice(
  deps: EffectDeps,
  entry: StoredOutboxEntry,
  snapshot: DeclarationSnapshot,
): Promise<EffectResult> {
  const { declaration, messages } = snapshot;
  if (messages.notice.status === 'posted') {
    await ignoringPermanent(deps, () => deps.messenger.updateNotice(snapshot));
  } else if (
    messages.notice.status === 'pending' &&
    declaration.noticeTarget &&
    stillAnnounced(declaration) &&
    entry.attempts < deps.settings.maxAttempts
  ) {
    // The notice is still being posted: update it once it is there.
    return retryLater(deps, entry, new Error('The notice is not posted yet.'));
  }
  return complete(deps, entry, snapshot);
}

async function tellFm(
  deps: EffectDeps,
  entry: StoredOutboxEntry,
  snapshot: DeclarationSnapshot,
): Promise<EffectResult> {
  const address = snapshot.declaration.fmAddress;
  if (!address || !entry.news) return complete(deps, entry, snapshot);
  const view = await fmCardView(deps, snapshot);
  const ref = await deps.messenger.sendFmCard(address, { ...view, news: entry.news });
  const retired = snapshot.messages.fmCard;
  // Sent: from here on the entry must not run again, even if the messages changed meanwhile or
  // the database does not answer for a while.
  let result = await persistently(deps, () => complete(deps, entry, snapshot, { fmCard: ref }));
  for (let tries = 1; result.outcome === 'superseded' && tries <= 3; tries += 1) {
    const fresh = await persistently(deps, () =>
      deps.ledger.readDeclaration(entry.tenantId, entry.declarationId),
    );
    if (!fresh) break;
    result = await persistently(deps, () => complete(deps, entry, fresh, { fmCard: ref }));
  }
  if (retired) await ignoringPermanent(deps, () => deps.messenger.retireCard(retired, 'fm-card'));
  return result;
}

async function refreshLists(
  deps: EffectDeps,
  entry: StoredOutboxEntry,
  snapshot: DeclarationSnapshot,
): Promise<EffectResult> {
  const { declaration } = snapshot;
  const people = new Set([declaration.fm.aadObjectId, ...decidersOf(deps.policy, declaration)]);
  for (const aadObjectId of people) {
    const lists = await deps.people.liveLists(aadObjectId);
    const mine = lists['my-declarations'];
    if (mine) {
      const list = await listMyEntitlements(
        deps.ledger,
        declaration.orgTenantId,
        aadObjectId,
        mine.filter,
      );
      await ignoringPermanent(deps, () =>
        deps.messenger.updateList(mine.ref, { viewer: aadObjectId, kind: 'my-declarations', list }),
      );
    }
    const awaiting = lists['awaiting-decision'];
    if (awaiting) {
      const declarations = await awaitingDecisionOf(deps, declaration.orgTenantId, {
        aadObjectId,
        name: '',
      });
      await ignoringPermanent(deps, () =>
        deps.messenger.updateList(awaiting.ref, {
          viewer: aadObjectId,
          kind: 'awaiting-decision',
          declarations,
        }),
      );
    }
  }
  return complete(deps, entry, snapshot);
}

/** The FM's card, with the channels to choose from while the notice waits for one. */
export async function fmCardView(
  deps: Pick<EffectDeps, 'teams'>,
  snapshot: DeclarationSnapshot,
): Promise<FmCardView> {
  const waiting = awaitsChannel(snapshot.declaration);
  const teams = waiting ? await deps.teams.teamsOf(snapshot.declaration.orgTenantId) : [];
  return { snapshot, noticeTargets: noticeTargets(teams) };
}

async function updateFmCard(deps: EffectDeps, snapshot: DeclarationSnapshot): Promise<void> {
  const ref = snapshot.messages.fmCard;
  if (!ref) return;
  const view = await fmCardView(deps, snapshot);
  await ignoringPermanent(deps, () => deps.messenger.updateFmCard(ref, view));
}

function stillAnnounced(declaration: Declaration): boolean {
  return declaration.state === 'awaiting-decision' || declaration.state === 'confirmed';
}

/** Deletes the entry, saving what the effect changed on the messages, and entries it leads to. */
async function complete(
  deps: EffectDeps,
  entry: StoredOutboxEntry,
  snapshot: DeclarationSnapshot,
  change?: Partial<Pick<DeclarationMessages, 'notice' | 'fmCard'>>,
  next: readonly OutboxEntry[] = [],
): Promise<EffectResult> {
  const messages: StoredMessages | undefined = change
    ? { ...snapshot.messages, ...change, updatedAt: deps.now().toISOString() }
    : undefined;
  const done = await deps.ledger.completeEffect({ entry, messages, next });
  if (!done) return { outcome: 'superseded', next: [] };
  const saved = done.messages ? { ...snapshot, messages: done.messages } : snapshot;
  return { outcome: 'done', snapshot: saved, next: done.next };
}

async function retryLater(
  deps: EffectDeps,
  entry: StoredOutboxEntry,
  error: unknown,
  attemptsThisRun = 1,
): Promise<EffectResult> {
  const failure = asDeliveryError(error);
  const attempts = entry.attempts + attemptsThisRun;
  const { settings } = deps;
  if (entry.effect !== 'post-notice' && attempts >= settings.maxAttempts) {
    deps.log(`Giving up ${entry.id} after ${attempts} attempts.`, error);
    await deps.ledger.completeEffect({ entry });
    return { outcome: 'dropped', next: [] };
  }
  const backoff = Math.min(
    settings.sweepDelayMs * 2 ** Math.max(0, Math.ceil(attempts / settings.attemptsPerRun) - 1),
    settings.maxSweepDelayMs,
  );
  const wait = Math.max(backoff, failure.retryAfterMs ?? 0);
  const released = await deps.ledger.releaseEffect(entry, {
    dueAt: new Date(deps.now().getTime() + wait).toISOString(),
    attempts,
    lastError: describe(failure),
  });
  return { outcome: released ? 'retry-later' : 'superseded', next: [] };
}

/**
 * Retries a database step that must follow a side effect already done (a post, a message),
 * with backoff, for as long as the claim on the entry lasts. Only a stop of the instance in
 * that window leaves the side effect unrecorded, to be done again by the sweep.
 */
async function persistently<T>(deps: EffectDeps, step: () => Promise<T>): Promise<T> {
  const { settings } = deps;
  const giveUpAt = deps.now().getTime() + settings.claimMs / 2;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      const delay =
        settings.baseDelayMs * 2 ** (attempt - 1) + deps.random() * settings.maxJitterMs;
      if (deps.now().getTime() + delay > giveUpAt) throw error;
      deps.log(`Recording a side effect failed (attempt ${attempt}); trying again.`, error);
      await deps.sleep(delay);
    }
  }
}

/** A card that cannot be updated any more (deleted, or the app removed) stays as it is. */
async function ignoringPermanent(deps: EffectDeps, call: () => Promise<void>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!(error instanceof DeliveryError) || !error.permanent) throw error;
    deps.log(`A card could not be updated (${describe(error)}); it stays as it was.`);
  }
}

function asDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  return new DeliveryError(
    error instanceof Error ? error.message : String(error),
    undefined,
    false,
  );
}

function describe(error: DeliveryError): string {
  return `${error.status ?? 'network error'}: ${error.message}`.slice(0, 500);
}
