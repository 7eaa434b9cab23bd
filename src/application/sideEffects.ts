/**
 * Carrying out one outbox entry: posting the notice, redrawing the cards and lists that show a
 * declaration, telling the FM. Each effect renders what is saved now, so a late or repeated run
 * still shows the truth; an entry is deleted (with what its effect changed) only once done.
 * Transient failures are retried with exponential backoff and jitter, honouring Retry-After;
 * permanent ones are recorded and the FM is told.
 */
import { awaitingDecisionOf } from './awaitingDecision';
import { remindOfFollowUp, type FollowUpDeps } from './followUps/followUpReminders';
import { nextRevalidation } from './followUps/followUpRules';
import { awaitsChannel, stillAnnounced } from './declaration';
import type { DeclarationMessages, StoredMessages } from './declarationMessages';
import { decidersOf } from './decideDeclaration';
import type { DeclarationSnapshot, LedgerRepository } from './ledgerRepository';
import { listMyEntitlements } from './listMyEntitlements';
import type { ManagerPolicy } from './managerPolicy';
import { DeliveryError, type FmCardView, type Messenger } from './messenger';
import { projectDeclaration } from './portal/projectEntitlements';
import type { PortalRepository } from './portal/portalRepository';
import { outboxEntry, type OutboxEntry, type StoredOutboxEntry } from './outbox';
import type { LiveList, PeopleRepository } from './people';
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
  /** Attempts after which the notice is recorded as failed, and the FM told. */
  readonly maxNoticeAttempts: number;
}

/** How long the saving turn keeps trying to record its posted notice. */
const IN_TURN_RECORDING_MS = 5_000;

export const DEFAULT_EFFECT_SETTINGS: EffectSettings = {
  attemptsPerRun: 3,
  baseDelayMs: 500,
  maxJitterMs: 250,
  runBudgetMs: 5_000,
  claimMs: 60_000,
  sweepDelayMs: 30_000,
  maxSweepDelayMs: 3_600_000,
  maxAttempts: 12,
  // About two days of hourly tries once the backoff has grown.
  maxNoticeAttempts: 60,
};

export interface EffectDeps extends FollowUpDeps {
  readonly ledger: LedgerRepository;
  readonly portal: PortalRepository;
  readonly messenger: Messenger;
  readonly people: PeopleRepository;
  readonly teams: TeamDirectory;
  readonly policy: ManagerPolicy;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly settings: EffectSettings;
  readonly log: (message: string, error?: unknown) => void;
  /** Told of every effect carried out, for the operator's log. */
  readonly report?: (done: EffectReport) => void;
}

export interface EffectReport {
  readonly effect: string;
  readonly tenantId: string;
  readonly declarationId: string;
  readonly attempts: number;
  readonly outcome: EffectOutcome | 'failed';
  readonly ms: number;
}

export type EffectOutcome =
  /** Carried out and the entry deleted. */
  | 'done'
  /** Failed for now; the entry is due again later. */
  | 'retry-later'
  /** Another change asked for the effect again meanwhile; the entry stays for that. */
  | 'superseded'
  /** The declaration is gone, or the effect was given up; the entry was dropped. */
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
  /** The change that scheduled the entry was saved just now: nobody can have tried it yet. */
  readonly justScheduled?: boolean;
}

type MessagesChange = Partial<Pick<DeclarationMessages, 'notice' | 'fmCard' | 'askedForChannelAt'>>;

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
        return await redraw(deps, entry, snapshot, (current) => updateFmCard(deps, current));
      case 'tell-fm':
        return await tellFm(deps, entry, snapshot);
      case 'refresh-views':
      case 'refresh-lists':
        return await redraw(deps, entry, snapshot, async (current) => {
          await projectDeclaration(deps, current);
          await refreshLists(deps, current);
        });
      case 'follow-up':
        return await followUp(deps, entry, snapshot);
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
  if (!stillAnnounced(declaration)) {
    return complete(deps, entry, snapshot, { notice: { ...messages.notice, status: 'cancelled' } });
  }
  const { settings } = deps;
  const started = deps.now().getTime();
  // Any run but the first may follow a post that reached Teams without being recorded (its
  // answer lost, or the instance stopped): it looks in the channel before posting again.
  const mayBeThere = !options.justScheduled;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const found = mayBeThere ? await deps.messenger.findNotice(snapshot) : undefined;
      // Where the channel cannot be read, posting again risks a second notice, not none.
      const posted =
        found?.kind === 'found' ? found.posted : await deps.messenger.postNotice(snapshot);
      const notice = {
        status: 'posted',
        conversationId: posted.conversationId,
        activityId: posted.activityId,
        postedAt: deps.now().toISOString(),
        lastError: null,
      } as const;
      // In the saving turn the person waits: recording is tried for a few seconds, then left to
      // the sweep, which finds the notice in the channel instead of posting it again.
      const budget = options.justScheduled ? IN_TURN_RECORDING_MS : undefined;
      const result = await record(deps, entry, snapshot, { notice }, budget);
      if (result.snapshot && !options.callerDrawsFmCard) await updateFmCard(deps, result.snapshot);
      return result;
    } catch (error) {
      const failure = asDeliveryError(error);
      const attempts = entry.attempts + attempt;
      if (failure.permanent || attempts >= settings.maxNoticeAttempts) {
        // The FM hears of it: on the card the caller draws now, or in a new card.
        const tell = options.callerDrawsFmCard
          ? []
          : [
              outboxEntry(
                entry.tenantId,
                entry.declarationId,
                { effect: 'tell-fm', news: 'delivery-failed' },
                deps.now(),
              ),
            ];
        const lastError = failure.permanent
          ? describe(failure)
          : `gave up after ${attempts} attempts; last: ${describe(failure)}`;
        return complete(
          deps,
          entry,
          snapshot,
          { notice: { ...messages.notice, status: 'failed', lastError } },
          tell,
        );
      }
      // The post may be there after all, and may show in the channel only after a while: a
      // later run looks for it, after the sweep's wait, rather than this one a second from now.
      if (failure.mayHaveArrived) return retryLater(deps, entry, failure, attempt);
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
  if (
    messages.notice.status === 'pending' &&
    declaration.noticeTarget &&
    stillAnnounced(declaration) &&
    entry.attempts < deps.settings.maxAttempts
  ) {
    // The notice is still being posted: update it once it is there.
    return retryLater(deps, entry, new Error('The notice is not posted yet.'));
  }
  return redraw(deps, entry, snapshot, async (current) => {
    if (current.messages.notice.status !== 'posted') return;
    await ignoringPermanent(deps, () => deps.messenger.updateNotice(current));
  });
}

async function tellFm(
  deps: EffectDeps,
  entry: StoredOutboxEntry,
  snapshot: DeclarationSnapshot,
): Promise<EffectResult> {
  const address = snapshot.declaration.fmAddress;
  if (!address || !entry.news) return complete(deps, entry, snapshot);
  const asksForChannel = entry.news === 'team-added';
  if (asksForChannel && !awaitsChannel(snapshot.declaration)) {
    return complete(deps, entry, snapshot);
  }
  if (asksForChannel && snapshot.messages.askedForChannelAt) {
    // Asked before: another team event only brings the card's channel list up to date.
    return redraw(deps, entry, snapshot, (current) => updateFmCard(deps, current));
  }
  const view = await fmCardView(deps, snapshot);
  const ref = await deps.messenger.sendFmCard(address, { ...view, news: entry.news });
  const result = await record(deps, entry, snapshot, {
    fmCard: ref,
    ...(asksForChannel ? { askedForChannelAt: deps.now().toISOString() } : {}),
  });
  // The card above is no longer the live one: it must not offer stale buttons.
  const retired = snapshot.messages.fmCard;
  if (retired) await ignoringPermanent(deps, () => deps.messenger.retireCard(retired, 'fm-card'));
  return result;
}

/**
 * A follow-up whose time has come: the reminders wait in their readers' inboxes. An escalation
 * also tells the FM, in a new card.
 */
async function followUp(
  deps: EffectDeps,
  entry: StoredOutboxEntry,
  snapshot: DeclarationSnapshot,
): Promise<EffectResult> {
  if (!entry.followUp) return complete(deps, entry, snapshot);
  const outcome = await remindOfFollowUp(deps, entry.followUp, snapshot, entry.dueAt);
  if (outcome === 'reminded' && entry.followUp === 'revalidation') {
    // Asked again each period, whether or not this question is answered (or even arrives); an
    // answer moves the next one to a period after the answer.
    const next = nextRevalidation(deps.now(), deps.followUps);
    const kept = await deps.ledger.releaseEffect(entry, {
      dueAt: next.dueAt,
      attempts: 0,
      lastError: '',
    });
    return { outcome: kept ? 'done' : 'superseded', next: [] };
  }
  const tell =
    outcome === 'reminded' && entry.followUp === 'decision-escalation'
      ? [
          outboxEntry(
            entry.tenantId,
            entry.declarationId,
            { effect: 'tell-fm', news: 'escalated' },
            deps.now(),
          ),
        ]
      : [];
  return complete(deps, entry, snapshot, undefined, tell);
}

/** Redraws the lists on the screens of the declaration's FM and managers. */
async function refreshLists(deps: EffectDeps, snapshot: DeclarationSnapshot): Promise<void> {
  const { declaration } = snapshot;
  const people = new Set([declaration.fm.aadObjectId, ...decidersOf(deps.policy, declaration)]);
  // Only lists of the declaration's organisation show it; each is redrawn for its reader.
  const ofOrganisation = (list: LiveList | undefined) =>
    list?.ref.orgTenantId === declaration.orgTenantId ? list : undefined;
  for (const aadObjectId of people) {
    const lists = await deps.people.liveLists(aadObjectId);
    const mine = ofOrganisation(lists['my-declarations']);
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
    const awaiting = ofOrganisation(lists['awaiting-decision']);
    if (awaiting) {
      const declarations = await awaitingDecisionOf(
        deps,
        declaration.orgTenantId,
        aadObjectId,
        awaiting.digest,
      );
      await ignoringPermanent(deps, () =>
        deps.messenger.updateList(awaiting.ref, {
          viewer: aadObjectId,
          kind: 'awaiting-decision',
          declarations,
          // A digest stays a digest: its reminder and its buttons to snooze or stop it.
          ...(awaiting.digest ? { digest: awaiting.digest } : {}),
        }),
      );
    }
  }
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

/**
 * Draws what is saved, and deletes the entry. When a newer change asked for the same drawing
 * meanwhile, this drawing may reach Teams after that one: it draws once more from a fresh read,
 * so the last drawing is never older than the ledger.
 */
async function redraw(
  deps: EffectDeps,
  entry: StoredOutboxEntry,
  snapshot: DeclarationSnapshot,
  draw: (snapshot: DeclarationSnapshot) => Promise<void>,
): Promise<EffectResult> {
  await draw(snapshot);
  const result = await complete(deps, entry, snapshot);
  if (result.outcome !== 'superseded') return result;
  const fresh = await deps.ledger.readDeclaration(entry.tenantId, entry.declarationId);
  if (fresh) await draw(fresh);
  return result;
}

/**
 * Records what an effect already done in Teams (a post, a message) changed on the declaration's
 * messages, and deletes its entry. It must not fail for a passing outage or a concurrent change
 * of the messages, or the effect would be done again: it retries, re-reading and merging, for as
 * long as the claim on the entry lasts. Only a stop of the instance in that window leaves the
 * effect unrecorded.
 */
async function record(
  deps: EffectDeps,
  entry: StoredOutboxEntry,
  snapshot: DeclarationSnapshot,
  change: MessagesChange,
  budgetMs = deps.settings.claimMs / 2,
): Promise<EffectResult> {
  const result = await persistently(deps, () => complete(deps, entry, snapshot, change), budgetMs);
  if (result.outcome !== 'superseded') return result;
  // The messages changed meanwhile (or the entry did): merge into the latest messages.
  for (let tries = 1; tries <= 5; tries += 1) {
    const fresh = await persistently(deps, () =>
      deps.ledger.readDeclaration(entry.tenantId, entry.declarationId),
    );
    if (!fresh) return { outcome: 'dropped', next: [] };
    const messages = await persistently(deps, () =>
      deps.ledger.replaceMessages({
        ...fresh.messages,
        ...change,
        updatedAt: deps.now().toISOString(),
      }),
    );
    if (messages) {
      // Recorded; the entry goes unless a newer change asked for the effect again.
      const done = await persistently(deps, () => deps.ledger.completeEffect({ entry }));
      return { outcome: done ? 'done' : 'superseded', snapshot: { ...fresh, messages }, next: [] };
    }
  }
  throw new Error(`${entry.id} was done in Teams but could not be recorded.`);
}

/** Deletes the entry, saving what the effect changed on the messages, and entries it leads to. */
async function complete(
  deps: EffectDeps,
  entry: StoredOutboxEntry,
  snapshot: DeclarationSnapshot,
  change?: MessagesChange,
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
  // A notice and a follow-up are never given up: the one tells the account team, the other is
  // the only reminder there will be. Their waits grow to the longest sweep delay instead.
  const keptTrying = entry.effect === 'post-notice' || entry.effect === 'follow-up';
  if (!keptTrying && attempts >= settings.maxAttempts) {
    deps.log(`Giving up ${entry.id} after ${attempts} attempts.`, error);
    await deps.ledger.completeEffect({ entry });
    return { outcome: 'dropped', next: [] };
  }
  const backoff =
    settings.sweepDelayMs * 2 ** Math.max(0, Math.ceil(attempts / settings.attemptsPerRun) - 1);
  const wait = Math.min(Math.max(backoff, failure.retryAfterMs ?? 0), settings.maxSweepDelayMs);
  const released = await deps.ledger.releaseEffect(entry, {
    dueAt: new Date(deps.now().getTime() + wait).toISOString(),
    attempts,
    lastError: describe(failure),
  });
  return { outcome: released ? 'retry-later' : 'superseded', next: [] };
}

/**
 * Retries a database step that must follow a side effect already done (a post, a message),
 * with backoff, for as long as half a claim lasts.
 */
async function persistently<T>(
  deps: EffectDeps,
  step: () => Promise<T>,
  budgetMs = deps.settings.claimMs / 2,
): Promise<T> {
  const { settings } = deps;
  const giveUpAt = deps.now().getTime() + budgetMs;
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
