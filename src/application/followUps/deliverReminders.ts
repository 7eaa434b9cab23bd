/**
 * Sends each person the reminders that are due, once, in their working hours: a manager's
 * decision reminders as one digest (the list of what awaits their decision), an FM's reminders
 * one card each. Every instance runs this; an inbox is taken with an etag check, so one instance
 * sends it.
 *
 * The inbox is saved as sent before anything is sent, so a reminder is never sent twice: if the
 * instance stops in between, that one reminder is lost (a decision reminder comes again the next
 * working day). A send that Teams surely did not carry out (throttled, refused a connection,
 * unavailable) gives the reminders back for a later try; one that may have arrived does not.
 * When Teams says the person removed or blocked the bot (403), their reminders stop, and that
 * is recorded; a turn from them starts them again.
 */
import { awaitingDecisionOf } from '../awaitingDecision';
import type { PersonalAddress } from '../declaration';
import type { DeclarationSnapshot, LedgerRepository } from '../ledgerRepository';
import type { ManagerPolicy } from '../managerPolicy';
import { DeliveryError, type Messenger } from '../messenger';
import type { PeopleRepository } from '../people';
import { stillApplies, type FollowUpKind, type FollowUpSettings } from './followUpRules';
import {
  afterDelivery,
  dueItems,
  scheduled,
  type ReminderInbox,
  type ReminderItem,
  type StoredInbox,
} from './reminderInbox';
import { changeInbox, withoutEtag, type ReminderRepository } from './reminderRepository';

export interface DeliveryDeps {
  readonly reminders: ReminderRepository;
  readonly ledger: LedgerRepository;
  readonly people: PeopleRepository;
  readonly policy: ManagerPolicy;
  readonly messenger: Messenger;
  readonly now: () => Date;
  readonly followUps: FollowUpSettings;
  readonly log: (message: string, error?: unknown) => void;
}

export interface DeliveryReport {
  /** People who got at least one reminder. */
  readonly delivered: number;
  /** Reminders sent (a digest counts each declaration it reminds of). */
  readonly reminders: number;
  readonly lapsed: number;
  readonly blocked: number;
  readonly retryLater: number;
}

const DIGEST_KINDS: readonly FollowUpKind[] = ['decision-reminder', 'decision-escalation'];
/** A send that surely failed is tried again after this. */
const RETRY_AFTER_MS = 15 * 60 * 1000;
const PAGE = 50;
/** People served at once: the pacer keeps each tenant under Teams' limits. */
const AT_ONCE = 8;

/** Every inbox due now, page after page, at most `maxPeople` in one call. */
export async function deliverDueReminders(
  deps: DeliveryDeps,
  maxPeople = 2_000,
): Promise<DeliveryReport> {
  const report = { delivered: 0, reminders: 0, lapsed: 0, blocked: 0, retryLater: 0 };
  const tried = new Set<string>();
  while (tried.size < maxPeople) {
    const due = (await deps.reminders.due(deps.now().toISOString(), PAGE)).filter(
      (inbox) => !tried.has(inbox.aadObjectId),
    );
    if (due.length === 0) break;
    due.forEach((inbox) => tried.add(inbox.aadObjectId));
    for (let i = 0; i < due.length; i += AT_ONCE) {
      await Promise.all(
        due.slice(i, i + AT_ONCE).map(async (inbox) => {
          try {
            const done = await deliverInbox(deps, inbox);
            report.delivered += done.reminders > 0 ? 1 : 0;
            report.reminders += done.reminders;
            report.lapsed += done.lapsed;
            report.blocked += done.blocked ? 1 : 0;
            report.retryLater += done.retryLater ? 1 : 0;
          } catch (error) {
            deps.log(`The reminders of ${inbox.aadObjectId} could not be sent now.`, error);
          }
        }),
      );
    }
  }
  return report;
}

interface InboxOutcome {
  readonly reminders: number;
  readonly lapsed: number;
  readonly blocked: boolean;
  readonly retryLater: boolean;
}

export async function deliverInbox(deps: DeliveryDeps, stored: StoredInbox): Promise<InboxOutcome> {
  const now = deps.now();
  const { hours } = deps.followUps;
  const inbox = withoutEtag(stored);
  const nothing = { reminders: 0, lapsed: 0, blocked: false, retryLater: false };
  const due = dueItems(inbox, now, hours);
  if (due.length === 0) {
    // Due by the stored time, not by the inbox's rules now (a snooze, a new time zone).
    await deps.reminders.save(scheduled(inbox, now, hours), stored.etag);
    return nothing;
  }
  const snapshots = new Map<string, DeclarationSnapshot | undefined>();
  for (const item of due) {
    if (!snapshots.has(item.declarationId)) {
      snapshots.set(
        item.declarationId,
        await deps.ledger.readDeclaration(item.tenantId, item.declarationId),
      );
    }
  }
  const applying = (item: ReminderItem) => {
    const snapshot = snapshots.get(item.declarationId);
    if (!snapshot) return [];
    // A decision handed to another manager reminds only them.
    const handedTo = snapshot.declaration.delegation?.to.aadObjectId;
    if (item.kind === 'decision-reminder' && handedTo && handedTo !== inbox.aadObjectId) return [];
    return stillApplies(item.kind, snapshot);
  };
  const toSend = due.filter((item) => applying(item).length > 0);
  const lapsed = due.filter((item) => !toSend.includes(item)).map((item) => item.key);
  const sentKeys = toSend.map((item) => item.key);
  // Taken, and marked sent, before anything goes out.
  const taken = await deps.reminders.save(
    afterDelivery(inbox, sentKeys, lapsed, now, hours),
    stored.etag,
  );
  if (!taken || toSend.length === 0) return { ...nothing, lapsed: taken ? lapsed.length : 0 };

  const address = addressOf(inbox);
  if (!address) {
    deps.log(
      `No way to reach ${inbox.aadObjectId} yet; their reminders wait for a turn of theirs.`,
    );
    await giveBack(deps, inbox.aadObjectId, toSend, now);
    return { ...nothing, lapsed: lapsed.length, retryLater: true };
  }
  const digest = toSend.filter((item) => DIGEST_KINDS.includes(item.kind));
  const single = toSend.filter((item) => !DIGEST_KINDS.includes(item.kind));
  const unsent = [...toSend];
  let reachedAt: PersonalAddress = address;
  try {
    if (digest.length > 0) {
      const ref = await sendDigest(deps, inbox, address, digest, now);
      reachedAt = { ...address, conversationId: ref.conversationId };
      unsent.splice(0, unsent.length, ...unsent.filter((i) => !digest.includes(i)));
    }
    for (const item of single) {
      const snapshot = snapshots.get(item.declarationId)!;
      const ref = await deps.messenger.sendReminder(reachedAt, {
        item,
        snapshot,
        workloadIds: applying(item),
      });
      reachedAt = { ...reachedAt, conversationId: ref.conversationId };
      unsent.splice(unsent.indexOf(item), 1);
    }
  } catch (error) {
    return failed(deps, inbox, error, unsent, toSend.length, lapsed.length, now);
  } finally {
    if (reachedAt.conversationId && reachedAt.conversationId !== inbox.address?.conversationId) {
      await rememberAddress(deps, inbox.aadObjectId, reachedAt);
    }
  }
  return { reminders: toSend.length, lapsed: lapsed.length, blocked: false, retryLater: false };
}

/** A manager's digest is their awaiting-decision list; it becomes their live list of that kind. */
async function sendDigest(
  deps: DeliveryDeps,
  inbox: ReminderInbox,
  address: PersonalAddress,
  items: readonly ReminderItem[],
  now: Date,
) {
  const digest = {
    kinds: [...new Set(items.map((i) => i.kind))],
    keys: items.map((i) => i.key),
    refs: items.map((i) => ({ tenantId: i.tenantId, declarationId: i.declarationId })),
  };
  const declarations = await awaitingDecisionOf(deps, inbox.orgTenantId, inbox.aadObjectId, digest);
  const ref = await deps.messenger.sendDigest(address, {
    viewer: inbox.aadObjectId,
    kind: 'awaiting-decision',
    declarations,
    digest,
  });
  try {
    const { replaced } = await deps.people.saveLiveList(inbox.aadObjectId, 'awaiting-decision', {
      ref,
      filter: '',
      sentAt: now.toISOString(),
      digest,
    });
    if (replaced && replaced.ref.activityId !== ref.activityId) {
      await deps.messenger.retireCard(replaced.ref, 'list').catch(() => undefined);
    }
  } catch (error) {
    // Sent: only keeping it current is lost.
    deps.log('A digest was sent but could not be kept as the live list.', error);
  }
  return ref;
}

async function failed(
  deps: DeliveryDeps,
  inbox: ReminderInbox,
  error: unknown,
  unsent: readonly ReminderItem[],
  total: number,
  lapsed: number,
  now: Date,
): Promise<InboxOutcome> {
  const sent = total - unsent.length;
  const failure = error instanceof DeliveryError ? error : undefined;
  if (failure?.status === 403) {
    // The person removed or blocked the bot: stop, and say so in the record.
    await changeInbox(deps.reminders, inbox.aadObjectId, (current) =>
      current
        ? scheduled(
            {
              ...current,
              blocked: { at: now.toISOString(), reason: failure.message.slice(0, 300) },
              updatedAt: now.toISOString(),
            },
            now,
            deps.followUps.hours,
          )
        : null,
    );
    deps.log(`Teams refused reminders to ${inbox.aadObjectId} (403); they are stopped.`);
    return { reminders: sent, lapsed, blocked: true, retryLater: false };
  }
  if (failure?.status === 404) {
    // The chat is gone: a new one is opened next time.
    await changeInbox(deps.reminders, inbox.aadObjectId, (current) =>
      current ? { ...current, address: null } : null,
    );
  }
  if (!failure) {
    // Not Teams' answer (the database, a bug): nothing went out, so the reminders go back.
    deps.log(
      `The reminders of ${inbox.aadObjectId} could not be prepared; tried again later.`,
      error,
    );
    await giveBack(deps, inbox.aadObjectId, unsent, now);
    return { reminders: sent, lapsed, blocked: false, retryLater: true };
  }
  if (failure.permanent && failure.status !== 404) {
    // Teams refused for good (a 400, a 401): trying again would fail the same way.
    deps.log(
      `Teams refused reminders to ${inbox.aadObjectId} (${failure.status}); they are dropped.`,
      error,
    );
    return { reminders: sent, lapsed, blocked: false, retryLater: false };
  }
  if (!failure.mayHaveArrived) {
    await giveBack(deps, inbox.aadObjectId, unsent, now, failure.retryAfterMs);
    return { reminders: sent, lapsed, blocked: false, retryLater: true };
  }
  deps.log(
    `A reminder to ${inbox.aadObjectId} may or may not have arrived; it is not sent again.`,
    error,
  );
  return { reminders: sent, lapsed, blocked: false, retryLater: false };
}

/** Puts reminders that surely did not go out back in the inbox, for a later try. */
async function giveBack(
  deps: DeliveryDeps,
  aadObjectId: string,
  items: readonly ReminderItem[],
  now: Date,
  retryAfterMs = RETRY_AFTER_MS,
): Promise<void> {
  const notBefore = new Date(now.getTime() + Math.max(retryAfterMs, 60_000)).toISOString();
  await changeInbox(deps.reminders, aadObjectId, (current) => {
    if (!current) return null;
    const keys = items.map((i) => i.key);
    const back = items.map((item) => ({ ...item, notBefore }));
    return scheduled(
      {
        ...current,
        items: [...current.items.filter((i) => !keys.includes(i.key)), ...back],
        sent: current.sent.filter((key) => !keys.includes(key)),
        updatedAt: now.toISOString(),
      },
      now,
      deps.followUps.hours,
    );
  });
}

async function rememberAddress(
  deps: DeliveryDeps,
  aadObjectId: string,
  address: PersonalAddress,
): Promise<void> {
  try {
    await changeInbox(deps.reminders, aadObjectId, (current) =>
      current ? { ...current, address } : null,
    );
  } catch (error) {
    deps.log('The chat a reminder opened could not be remembered.', error);
  }
}

/** Their chat with the bot, or one to open through a team's service. */
function addressOf(inbox: ReminderInbox): PersonalAddress | null {
  if (inbox.address) return inbox.address;
  if (!inbox.serviceUrl) return null;
  return {
    serviceUrl: inbox.serviceUrl,
    conversationId: '',
    userId: inbox.aadObjectId,
    orgTenantId: inbox.orgTenantId,
  };
}
