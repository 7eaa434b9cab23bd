/**
 * One person's reminders: what is due for them, what they snoozed or turned off, where to reach
 * them and in which time zone. Reminders wait here until the person's working hours; a manager's
 * decision reminders come as one digest a day for as long as the declarations wait.
 */
import type { PersonalAddress } from '../declaration';
import type { FollowUpKind } from './followUpRules';
import { dayAfter, localDay, morningOf, nextWorkingMoment, type WorkingHours } from './workingTime';

export interface ReminderItem {
  /** `${kind}:${declarationId}`: one reminder of a kind per declaration. */
  readonly key: string;
  readonly kind: FollowUpKind;
  readonly tenantId: string;
  readonly declarationId: string;
  readonly customerName: string;
  readonly workloadNames: readonly string[];
  /** Not before this moment. */
  readonly notBefore: string;
  /** Only from the morning of this local day (YYYY-MM-DD), e.g. the kickoff date. */
  readonly onDay: string | null;
  /** Decision reminders come every working day while the declaration waits; others once. */
  readonly repeat: 'daily' | 'once';
  /** The reader's local day it was last sent. */
  readonly lastSentDay: string | null;
  readonly addedAt: string;
}

export interface ReminderInbox {
  readonly id: typeof INBOX_DOCUMENT_ID;
  readonly type: 'reminders';
  /** The partition. */
  readonly aadObjectId: string;
  readonly orgTenantId: string;
  readonly name: string;
  /** IANA time zone, learnt from the person's own turns; null until one is seen. */
  readonly timeZone: string | null;
  /** Their one-to-one chat with the bot, once known. */
  readonly address: PersonalAddress | null;
  /** Where to open a chat with them when there is none yet (a team's service URL). */
  readonly serviceUrl: string | null;
  readonly items: readonly ReminderItem[];
  /** Until when a reminder (its key) or a kind (`kind:<kind>`) is snoozed. */
  readonly snoozed: Readonly<Record<string, string>>;
  /** Kinds the person turned off. */
  readonly off: readonly FollowUpKind[];
  /** Teams refused to deliver to them (they removed or blocked the bot): nothing is sent. */
  readonly blocked: { readonly at: string; readonly reason: string } | null;
  /** Keys of one-off reminders already sent, newest last, so a repeated follow-up adds none. */
  readonly sent: readonly string[];
  /** The last one-off reminders sent, so one can still be snoozed (brought back) from its card. */
  readonly delivered?: readonly ReminderItem[];
  /** When the next reminder may go out; null when none waits. */
  readonly nextDeliveryAt: string | null;
  readonly updatedAt: string;
}

export type StoredInbox = ReminderInbox & { readonly etag: string };

export const INBOX_DOCUMENT_ID = 'reminders';
const SENT_KEPT = 200;
const DELIVERED_KEPT = 20;
export const SNOOZE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * A reminder's key: one of a kind per declaration, and for a re-validation one per time it is
 * asked (`cycle`: the day it came due), since a No Intent is asked about again and again.
 */
export function itemKey(kind: FollowUpKind, declarationId: string, cycle?: string): string {
  return `${kind}:${declarationId}${cycle ? `@${cycle}` : ''}`;
}

export function kindSnoozeKey(kind: FollowUpKind): string {
  return `kind:${kind}`;
}

export function newInbox(
  person: { aadObjectId: string; orgTenantId: string; name: string },
  at: string,
): ReminderInbox {
  return {
    id: INBOX_DOCUMENT_ID,
    type: 'reminders',
    aadObjectId: person.aadObjectId,
    orgTenantId: person.orgTenantId,
    name: person.name,
    timeZone: null,
    address: null,
    serviceUrl: null,
    items: [],
    snoozed: {},
    off: [],
    blocked: null,
    sent: [],
    nextDeliveryAt: null,
    updatedAt: at,
  };
}

/** Adds reminders, each once: one already waiting, or a one-off already sent, is left alone. */
export function withItems(
  inbox: ReminderInbox,
  items: readonly ReminderItem[],
  now: Date,
  hours: WorkingHours,
): ReminderInbox {
  const fresh = items.filter(
    (item) => !inbox.items.some((i) => i.key === item.key) && !inbox.sent.includes(item.key),
  );
  if (fresh.length === 0) return inbox;
  return scheduled({ ...inbox, items: [...inbox.items, ...fresh] }, now, hours);
}

/** When an item may next go out, in the reader's working hours; null when it may not at all. */
function itemMoment(
  inbox: ReminderInbox,
  item: ReminderItem,
  now: Date,
  hours: WorkingHours,
): Date | null {
  if (inbox.off.includes(item.kind)) return null;
  const zone = inbox.timeZone;
  let earliest = Math.max(now.getTime(), Date.parse(item.notBefore));
  for (const key of [item.key, kindSnoozeKey(item.kind)]) {
    const until = inbox.snoozed[key];
    if (until) earliest = Math.max(earliest, Date.parse(until));
  }
  if (item.onDay) earliest = Math.max(earliest, morningOf(item.onDay, zone, hours).getTime());
  if (item.repeat === 'daily' && item.lastSentDay) {
    earliest = Math.max(earliest, morningOf(dayAfter(item.lastSentDay), zone, hours).getTime());
  }
  return nextWorkingMoment(new Date(earliest), zone, hours);
}

/** The inbox with its next delivery time worked out again. */
export function scheduled(inbox: ReminderInbox, now: Date, hours: WorkingHours): ReminderInbox {
  if (inbox.blocked) return { ...inbox, nextDeliveryAt: null };
  const moments = inbox.items
    .map((item) => itemMoment(inbox, item, now, hours))
    .filter((m): m is Date => m !== null)
    .map((m) => m.getTime());
  const next = moments.length > 0 ? new Date(Math.min(...moments)).toISOString() : null;
  return { ...inbox, nextDeliveryAt: next };
}

/** The reminders that may go out now. */
export function dueItems(inbox: ReminderInbox, now: Date, hours: WorkingHours): ReminderItem[] {
  if (inbox.blocked) return [];
  return inbox.items.filter((item) => {
    const moment = itemMoment(inbox, item, now, hours);
    return moment !== null && moment.getTime() <= now.getTime();
  });
}

/**
 * The inbox once these reminders went out: one-offs leave (remembered as sent), daily ones wait
 * for the reader's next working day; reminders that no longer apply (`lapsed`) leave too.
 */
export function afterDelivery(
  inbox: ReminderInbox,
  sentKeys: readonly string[],
  lapsedKeys: readonly string[],
  now: Date,
  hours: WorkingHours,
): ReminderInbox {
  const today = localDay(now, inbox.timeZone);
  const items = inbox.items.flatMap((item) => {
    if (lapsedKeys.includes(item.key)) return [];
    if (!sentKeys.includes(item.key)) return [item];
    return item.repeat === 'daily' ? [{ ...item, lastSentDay: today }] : [];
  });
  const onceItems = inbox.items.filter((i) => sentKeys.includes(i.key) && i.repeat === 'once');
  const onceSent = onceItems.map((i) => i.key);
  return scheduled(
    {
      ...inbox,
      items,
      sent: [...inbox.sent.filter((k) => !onceSent.includes(k)), ...onceSent].slice(-SENT_KEPT),
      delivered: [
        ...(inbox.delivered ?? []).filter((i) => !onceSent.includes(i.key)),
        ...onceItems,
      ].slice(-DELIVERED_KEPT),
      updatedAt: now.toISOString(),
    },
    now,
    hours,
  );
}

/**
 * Snoozes one reminder (its key) or a kind of reminder for a week. A one-off reminder already
 * sent comes back after the week.
 */
export function snoozed(
  inbox: ReminderInbox,
  key: string,
  now: Date,
  hours: WorkingHours,
): ReminderInbox {
  const until = new Date(now.getTime() + SNOOZE_MS).toISOString();
  // Snoozes that have run out are forgotten, so the record stays small.
  const current = Object.fromEntries(
    Object.entries(inbox.snoozed).filter(([, at]) => Date.parse(at) > now.getTime()),
  );
  const sentOne = inbox.delivered?.find((i) => i.key === key);
  const back = sentOne && !inbox.items.some((i) => i.key === key);
  return scheduled(
    {
      ...inbox,
      items: back ? [...inbox.items, { ...sentOne, notBefore: until }] : inbox.items,
      sent: back ? inbox.sent.filter((k) => k !== key) : inbox.sent,
      delivered: back ? inbox.delivered!.filter((i) => i.key !== key) : inbox.delivered,
      snoozed: { ...current, [key]: until },
      updatedAt: now.toISOString(),
    },
    now,
    hours,
  );
}

/** Turns a kind of reminder off, or back on. */
export function switched(
  inbox: ReminderInbox,
  kind: FollowUpKind,
  on: boolean,
  now: Date,
  hours: WorkingHours,
): ReminderInbox {
  const off = on ? inbox.off.filter((k) => k !== kind) : [...new Set([...inbox.off, kind])];
  return scheduled({ ...inbox, off, updatedAt: now.toISOString() }, now, hours);
}
