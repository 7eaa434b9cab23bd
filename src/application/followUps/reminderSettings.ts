/**
 * What a person does with their reminders: snooze one (or a kind) for a week, turn a kind off or
 * back on, and what the bot learns of them from their own turns (time zone, where to reach them).
 */
import type { PersonalAddress } from '../declaration';
import type { FollowUpKind, FollowUpSettings } from './followUpRules';
import { isKnownZone } from './workingTime';
import { newInbox, scheduled, snoozed, switched, type ReminderInbox } from './reminderInbox';
import { changeInbox, type ReminderRepository } from './reminderRepository';

export interface SettingsDeps {
  readonly reminders: ReminderRepository;
  readonly now: () => Date;
  readonly followUps: FollowUpSettings;
}

export interface Reader {
  readonly aadObjectId: string;
  readonly name: string;
  readonly orgTenantId: string;
}

export async function snoozeReminders(
  deps: SettingsDeps,
  reader: Reader,
  keys: readonly string[],
): Promise<ReminderInbox> {
  const now = deps.now();
  return (await changeInbox(deps.reminders, reader.aadObjectId, (current) =>
    keys.reduce(
      (inbox, key) => snoozed(inbox, key, now, deps.followUps.hours),
      current ?? newInbox(reader, now.toISOString()),
    ),
  ))!;
}

export async function switchReminders(
  deps: SettingsDeps,
  reader: Reader,
  kinds: readonly FollowUpKind[],
  on: boolean,
): Promise<ReminderInbox> {
  const now = deps.now();
  return (await changeInbox(deps.reminders, reader.aadObjectId, (current) =>
    kinds.reduce(
      (inbox, kind) => switched(inbox, kind, on, now, deps.followUps.hours),
      current ?? newInbox(reader, now.toISOString()),
    ),
  ))!;
}

export async function readReminders(deps: SettingsDeps, reader: Reader): Promise<ReminderInbox> {
  const stored = await deps.reminders.read(reader.aadObjectId);
  return stored ?? newInbox(reader, deps.now().toISOString());
}

/** What a turn of the person tells: their name, time zone and one-to-one chat. */
export interface SeenPerson extends Reader {
  readonly timeZone: string | null;
  /** Their one-to-one chat, when the turn came from it. */
  readonly address: PersonalAddress | null;
}

/**
 * Remembers what the turn tells, when it is news. A person the bot could not reach (they had
 * removed or blocked it) who writes again can be reached again: their reminders resume.
 */
export async function rememberPerson(deps: SettingsDeps, seen: SeenPerson): Promise<void> {
  const now = deps.now();
  const zone = seen.timeZone && isKnownZone(seen.timeZone) ? seen.timeZone : null;
  await changeInbox(deps.reminders, seen.aadObjectId, (current) => {
    const inbox = current ?? newInbox(seen, now.toISOString());
    const next: ReminderInbox = {
      ...inbox,
      // Their own turns say which organisation they belong to.
      orgTenantId: seen.orgTenantId,
      name: seen.name || inbox.name,
      timeZone: zone ?? inbox.timeZone,
      address: seen.address ?? inbox.address,
      serviceUrl: seen.address?.serviceUrl ?? inbox.serviceUrl,
      blocked: null,
    };
    const unchanged =
      current &&
      next.name === inbox.name &&
      next.orgTenantId === inbox.orgTenantId &&
      next.timeZone === inbox.timeZone &&
      next.address?.conversationId === inbox.address?.conversationId &&
      next.blocked === inbox.blocked;
    if (unchanged) return null;
    return scheduled({ ...next, updatedAt: now.toISOString() }, now, deps.followUps.hours);
  });
}
